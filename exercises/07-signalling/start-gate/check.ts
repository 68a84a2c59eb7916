import { defineCheck, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

// The layout of the `track` cells (TRACK in the given part of the exercise).
const AT_GATE = 0;
const STARTED = 1;
const EARLY = 2;
const GUN_FIRED = 3;
/** How long the check watches the gate before the gun (runners at a gate that does not hold leave within microseconds). */
const HOLD_MS = 150;
/** After the gun, runners need well under a second; past this, the check calls them stuck. */
const STUCK_MS = 4000;

/** Set once runners got stuck: later cases would only wait as long again. */
let stuck = false;

const sleep = (ms: number): Promise<'stuck'> => new Promise((resolve) => setTimeout(() => resolve('stuck'), ms));
type Race = Awaited<ReturnType<typeof Exercise.prepareRace>>;

interface Lane {
  readonly track: Int32Array;
  readonly race: Race;
  readonly runners: number;
}

async function prepare(ex: typeof Exercise, t: Assertions, runners: number): Promise<Lane> {
  const track = new Int32Array(new SharedArrayBuffer(8 * 4));
  const race = await ex.prepareRace(runners, track.buffer as SharedArrayBuffer);
  t.ok(
    Atomics.load(track, AT_GATE) === runners,
    `prepareRace(${runners}) resolved when ${Atomics.load(track, AT_GATE)} of ${runners} runners had reached the gate: resolve only once all of them are there.`,
  );
  return { track, race, runners };
}

function noFalseStart(t: Assertions, lane: Lane, before: string): void {
  const started = Atomics.load(lane.track, STARTED);
  t.ok(
    started === 0,
    `${started} of ${lane.runners} runners started ${before}: a runner must wait at the gate until the gun fires. Give each runner ` +
      "the Event's handle and call wait() on it (without a timeout) between reachGate() and run().",
  );
}

async function fire(t: Assertions, lane: Lane): Promise<void> {
  Atomics.store(lane.track, GUN_FIRED, 1);
  lane.race.start();
  const result = await Promise.race([lane.race.finished, sleep(STUCK_MS)]);
  const started = Atomics.load(lane.track, STARTED);
  stuck ||= result === 'stuck';
  t.ok(
    result !== 'stuck',
    `${STUCK_MS / 1000} s after start(), ${started} of ${lane.runners} runners had started: the others still wait for a gun that ` +
      'never fired for them. Create one Event per race in prepareRace, pass its handle to every runner, and set() that same Event in start().',
  );
  t.equal(started, lane.runners, 'the number of runners that ran');
  t.equal(Atomics.load(lane.track, EARLY), 0, 'the number of runners that started before the gun');
}

export default defineCheck<typeof Exercise>({
  exports: ['prepareRace'],
  cases: [
    {
      name: 'nobody leaves the gate before the gun; everyone runs after it',
      async run(ex, t) {
        const lane = await prepare(ex, t, 3);
        await sleep(HOLD_MS);
        noFalseStart(t, lane, `while the gun had not fired (the check waited ${HOLD_MS} ms after prepareRace resolved)`);
        await fire(t, lane);
      },
    },
    {
      name: "each race has its own gun: starting one race does not start the next",
      async run(ex, t) {
        t.ok(!stuck, 'not run: the runners got stuck in the case above, and would here too. Fix that first.');
        const first = await prepare(ex, t, 2);
        const second = await prepare(ex, t, 2);
        noFalseStart(t, first, 'before their gun fired (was it left set by the previous race? An Event stays set once set(): make a new one in each prepareRace)');
        await fire(t, first);
        await sleep(HOLD_MS);
        noFalseStart(
          t,
          second,
          'in a second race when the gun of the first race fired: an Event stays set once set(), so each race needs a new Event (made in prepareRace)',
        );
        await fire(t, second);
      },
    },
  ],
});
