import { Worker, parentPort, workerData } from 'node:worker_threads';
import { defineCheck, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

/**
 * The check drives the learner's lock from 4 worker threads of its own (this file, started
 * with a role), which load the learner's file through its `moduleUrl`. Each thread is an
 * actor: it runs one command at a time (lock, tryLock, unlock, ...) and answers when the
 * command returns, so the check can script exactly who holds the lock when. A command that
 * does not answer within STUCK_MS is blocked for good (a thread waiting for itself).
 */
const ROLE = 'threadlings:locks/reentrant-lock';
const ACTORS = 2;
/** A correct lock answers in microseconds; this long without an answer means blocked for good. */
const STUCK_MS = 2000;
/** How long thread B's lock() gets to (wrongly) return while thread A holds the lock. */
const GRACE_MS = 20;
const ROUNDS = 2000;
// Cells of the hammer's `stats`.
const READY = 0;
const GO = 1;
const INSIDE = 2;
const MAX_INSIDE = 3;
/** Incremented with a plain read and write inside the lock: only exact if the lock keeps others out. */
const COUNTER = 4;
const PROGRESS = 5;

type Command =
  | { readonly op: 'use'; readonly lock: unknown }
  | { readonly op: 'lock' | 'tryLock' | 'unlock' }
  | { readonly op: 'restock'; readonly inventory: unknown }
  | { readonly op: 'hammer'; readonly stats: SharedArrayBuffer; readonly rounds: number };
type Reply = { readonly ok: true; readonly value?: boolean } | { readonly ok: false; readonly error: string };
type Lock = InstanceType<typeof Exercise.ReentrantLock>;

/** The hammer: `rounds` times lock, lock again, update, unlock once, update, unlock. Counts who is inside. */
function hammer(lock: Lock, stats: Int32Array, rounds: number): void {
  Atomics.add(stats, READY, 1);
  Atomics.wait(stats, GO, 0);
  const bump = (): void => {
    const before = stats[COUNTER] as number;
    for (let pause = 0; pause < 8; pause++) Atomics.load(stats, GO);
    stats[COUNTER] = before + 1;
  };
  for (let round = 0; round < rounds; round++) {
    lock.lock();
    const inside = Atomics.add(stats, INSIDE, 1) + 1;
    if (inside > Atomics.load(stats, MAX_INSIDE)) Atomics.store(stats, MAX_INSIDE, inside);
    lock.lock();
    bump();
    lock.unlock();
    bump(); // still held: one level left
    Atomics.sub(stats, INSIDE, 1);
    lock.unlock();
    Atomics.add(stats, PROGRESS, 1);
  }
}

/** An actor thread: loads the learner's module and runs commands on the lock it was told to use. */
async function actor(data: { readonly moduleUrl: string }): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const ex = (await import(data.moduleUrl)) as typeof Exercise;
  let lock: Lock | undefined;
  const run = (command: Command): boolean | undefined => {
    if (command.op === 'use') lock = ex.ReentrantLock.from(command.lock as Exercise.ReentrantLockHandle);
    else if (command.op === 'restock') new ex.Inventory(command.inventory as Exercise.InventoryHandle).restockAll(1);
    else if (!lock) throw new Error('the check sent a command before any lock');
    else if (command.op === 'hammer') hammer(lock, new Int32Array(command.stats), command.rounds);
    else if (command.op === 'tryLock') return lock.tryLock();
    else lock[command.op]();
    return undefined;
  };
  port.on('message', (command: Command) => {
    let reply: Reply;
    try {
      reply = { ok: true, value: run(command) };
    } catch (error) {
      reply = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
  port.postMessage('loaded');
}

if ((workerData as { role?: string } | undefined)?.role === ROLE) await actor(workerData as { moduleUrl: string });

const sleep = (ms: number): Promise<'stuck'> => new Promise((resolve) => setTimeout(() => resolve('stuck'), ms));

/** One actor, seen from the grading thread. */
class Actor {
  readonly #worker: Worker;
  #pending: Promise<unknown> = Promise.resolve();
  #gone: Error | undefined;

  constructor(
    readonly name: string,
    moduleUrl: string,
  ) {
    this.#worker = new Worker(new URL(import.meta.url), { workerData: { role: ROLE, moduleUrl } });
    this.#worker.on('error', (error) => (this.#gone = error));
    this.#worker.on('exit', (code) => (this.#gone ??= new Error(`the check's thread ${name} exited (code ${code})`)));
  }

  #next<T>(): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.#gone) return reject(this.#gone);
      const cleanup = (): void => void this.#worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      const onMessage = (message: T): void => (cleanup(), resolve(message));
      const onError = (error: Error): void => (cleanup(), reject(error));
      const onExit = (code: number): void => (cleanup(), reject(new Error(`the check's thread ${this.name} exited (code ${code})`)));
      this.#worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    });
  }

  loaded(): Promise<unknown> {
    return this.#next();
  }

  /** Sends a command; the promise settles with its reply (commands run one after another). */
  send(command: Command): Promise<Reply> {
    const reply = this.#pending.then(() => {
      const next = this.#next<Reply>();
      this.#worker.postMessage(command);
      return next;
    });
    this.#pending = reply.catch(() => undefined);
    return reply;
  }

  /** Sends a command and waits for its reply, up to STUCK_MS. */
  async within(command: Command): Promise<Reply | 'stuck'> {
    return Promise.race([this.send(command), sleep(STUCK_MS)]);
  }

  terminate(): Promise<number> {
    return this.#worker.terminate();
  }
}

/** The actors, started by the first case and ended by the last one. */
let crew: Actor[] | undefined;
/** Set once a thread was blocked for good: it cannot run another command. */
let stuck = false;

async function actors(ex: typeof Exercise): Promise<Actor[]> {
  if (!crew) {
    crew = Array.from({ length: ACTORS }, (_, i) => new Actor('AB'[i] as string, ex.moduleUrl));
    await Promise.all(crew.map((a) => a.loaded()));
  }
  return crew;
}

function notStuck(t: Assertions): void {
  t.ok(!stuck, 'not run: a thread of the check got blocked for good in an earlier case. Fix that first.');
}

/** Runs `op` on `who` and expects it to return normally. `what` describes the moment. */
async function expectReply(t: Assertions, who: Actor, op: 'lock' | 'unlock', what: string): Promise<void> {
  const reply = await who.within({ op });
  if (reply === 'stuck') {
    stuck = true;
    return t.fail(
      `thread ${who.name}'s ${op}() ${what} never returned (${STUCK_MS / 1000} s): it is blocked for good. ` +
        (op === 'lock'
          ? 'If this thread already holds the lock, lock() must count one more level instead of waiting for the lock to be free: it would wait for itself.'
          : `${op}() must never wait.`),
    );
  }
  if (!reply.ok) t.fail(`thread ${who.name}'s ${op}() ${what} threw "${reply.error}".`);
}

/** tryLock() by `who`, which must give `expected`; `why` explains a wrong answer. */
async function expectTry(t: Assertions, who: Actor, expected: boolean, why: string): Promise<void> {
  const reply = await who.within({ op: 'tryLock' });
  if (reply === 'stuck') {
    stuck = true;
    return t.fail(`thread ${who.name}'s tryLock() never returned (${STUCK_MS / 1000} s): tryLock() must never wait.`);
  }
  if (!reply.ok) return t.fail(`thread ${who.name}'s tryLock() threw "${reply.error}".`);
  t.ok(reply.value === expected, why);
}

async function useNewLock(ex: typeof Exercise, who: readonly Actor[]): Promise<void> {
  const handle = new ex.ReentrantLock().handle;
  for (const actor of who) await actor.send({ op: 'use', lock: handle });
}

const LEVELS = 'Count the levels: each lock() by the owner adds 1, each unlock() takes 1 away, and only the unlock() that brings the count back to 0 unlocks the Mutex.';
const OWNER = "Compare the Mutex's owner with this thread's id (threadId), not just whether it is locked.";

export default defineCheck<typeof Exercise>({
  exports: ['ReentrantLock', 'Inventory', 'moduleUrl'],
  cases: [
    {
      name: 'restockAll() holds the lock while add() locks it again (one thread)',
      async run(ex, t) {
        const [a, b] = (await actors(ex)) as [Actor, Actor];
        const inventory = new ex.Inventory(3);
        const reply = await a.within({ op: 'restock', inventory: inventory.handle });
        if (reply === 'stuck') {
          stuck = true;
          return t.fail(
            `inventory.restockAll() on one thread never returned (${STUCK_MS / 1000} s): restockAll() holds the lock and calls add(), ` +
              'whose lock() waits for the lock to be free, which only this same thread could do: it waits for itself forever. ' +
              'If this thread already holds the lock, lock() must count one more level instead.',
          );
        }
        t.ok(
          reply.ok,
          `inventory.restockAll() on one thread threw "${reply.ok ? '' : reply.error}". restockAll() holds the lock and calls add(), which ` +
            'locks it again, and unlocks it again before restockAll() does. A reentrant lock lets its owner lock it again and counts ' +
            'the levels: if this thread already holds it (this.#mutex.owner === threadId), lock() adds 1 to a count instead of locking ' +
            'the Mutex, and unlock() takes 1 away and frees the Mutex only when the count is back to 0.',
        );
        t.equal([0, 1, 2].map((item) => inventory.count(item)), [1, 1, 1], 'the stock of items 0, 1 and 2 after restockAll(1)');
        await b.send({ op: 'use', lock: inventory.handle.lock });
        await expectTry(t, b, true, "after restockAll() returned, another thread's tryLock() returned false: the lock was still held. " + LEVELS);
        await expectReply(t, b, 'unlock', 'after its tryLock()');
      },
    },
    {
      name: 'another thread waits in lock() while it is held, and gets it once it is free',
      async run(ex, t) {
        notStuck(t);
        const [a, b] = (await actors(ex)) as [Actor, Actor];
        await useNewLock(ex, [a, b]);
        await expectReply(t, a, 'lock', '(on a free lock)');
        await expectTry(t, b, false, `thread B's tryLock() returned true while thread A held the lock: only the thread that holds it may take it again. ${OWNER}`);
        const entered = b.send({ op: 'lock' });
        const early = await Promise.race([entered, sleep(GRACE_MS)]);
        if (early !== 'stuck' && !early.ok) t.fail(`thread B's lock(), called while thread A held the lock, threw "${early.error}": it must wait instead.`);
        t.ok(early === 'stuck', `thread B's lock() returned while thread A held the lock: only the thread that holds it may take it again. ${OWNER}`);
        await expectReply(t, a, 'unlock', '(its only one)');
        const late = await Promise.race([entered, sleep(STUCK_MS)]);
        stuck ||= late === 'stuck';
        t.ok(late !== 'stuck', `thread A unlocked, but thread B, waiting in lock(), was not let in for ${STUCK_MS / 1000} s: unlock() must free the Mutex when the count gets back to 0.`);
        if (late !== 'stuck' && !late.ok) t.fail(`thread B's lock(), waiting while thread A held the lock, threw "${late.error}".`);
        await expectTry(t, a, false, `thread B got the lock, and thread A's tryLock() took it too. ${OWNER}`);
        await expectReply(t, b, 'unlock', '(after its lock())');
      },
    },
    {
      name: 'free for another thread only after as many unlock()s as lock()s',
      async run(ex, t) {
        notStuck(t);
        const [a, b] = (await actors(ex)) as [Actor, Actor];
        await useNewLock(ex, [a, b]);
        for (const nth of ['1st', '2nd', '3rd']) await expectReply(t, a, 'lock', `(its ${nth})`);
        await expectTry(t, b, false, `thread B's tryLock() returned true while thread A held the lock: only the thread that holds it may take it again. ${OWNER}`);
        for (let unlocks = 1; unlocks <= 3; unlocks++) {
          await expectReply(t, a, 'unlock', `(its unlock number ${unlocks} after 3 lock()s)`);
          const free = unlocks === 3;
          await expectTry(
            t,
            b,
            free,
            free
              ? `after 3 lock()s and 3 unlock()s by thread A, thread B's tryLock() returned false: the lock was never freed. ${LEVELS}`
              : `after 3 lock()s and ${unlocks} unlock()${unlocks > 1 ? 's' : ''} by thread A, thread B's tryLock() took the lock: ` +
                  `it was freed too early, while thread A still held it ${3 - unlocks} level${unlocks < 2 ? 's' : ''} deep. ${LEVELS}`,
          );
        }
        await expectTry(t, b, true, "thread B holds the lock, and its tryLock() returned false: the owner's tryLock() must succeed and count one more level.");
        await expectTry(t, a, false, `thread B holds the lock, and thread A's tryLock() took it too. ${OWNER}`);
        await expectReply(t, b, 'unlock', '(its 1st of 2)');
        await expectTry(t, a, false, `thread B locked twice and unlocked once, yet thread A's tryLock() took the lock: it was freed too early. ${LEVELS}`);
        await expectReply(t, b, 'unlock', '(its 2nd of 2)');
        await expectTry(t, a, true, "after thread B's two unlock()s, thread A's tryLock() returned false: the lock was never freed.");
        await expectReply(t, a, 'unlock', 'after its tryLock()');
      },
    },
    {
      name: 'unlock() from a thread that does not hold it throws, and changes nothing',
      async run(ex, t) {
        notStuck(t);
        const [a, b] = (await actors(ex)) as [Actor, Actor];
        await useNewLock(ex, [a, b]);
        await expectReply(t, a, 'lock', '(its 1st)');
        await expectReply(t, a, 'lock', '(its 2nd)');
        const refused = await b.within({ op: 'unlock' });
        t.ok(
          refused !== 'stuck' && !refused.ok,
          "thread B's unlock() returned normally while thread A held the lock: only the thread that holds it may unlock it " +
            '(Python raises RuntimeError). Check the owner first, and throw an Error before you change anything.',
        );
        await expectTry(t, b, false, "after thread B's refused unlock(), thread B's tryLock() took the lock from thread A: a refused unlock() must change nothing.");
        await expectReply(t, a, 'unlock', '(its 1st of 2)');
        await expectTry(
          t,
          b,
          false,
          "thread A locked twice and unlocked once, yet thread B's tryLock() took the lock: thread B's refused unlock() counted a level down. " +
            'Check the owner before you change the count.',
        );
        await expectReply(t, a, 'unlock', '(its 2nd of 2)');
        const free = await b.within({ op: 'unlock' });
        t.ok(free !== 'stuck' && !free.ok, 'unlock() of a lock that nobody holds returned normally: it must throw an Error, as Python\'s release() raises RuntimeError.');
        await expectTry(t, b, true, "after thread A's two unlock()s, thread B's tryLock() returned false: the lock was never freed.");
        await expectReply(t, b, 'unlock', 'after its tryLock()');
      },
    },
    {
      name: `${ACTORS} threads x ${ROUNDS.toLocaleString('en-US')} rounds, each locking twice: never two inside, no update lost`,
      async run(ex, t) {
        try {
          notStuck(t);
          const all = await actors(ex);
          await useNewLock(ex, all);
          const stats = new Int32Array(new SharedArrayBuffer(8 * 4));
          const replies = all.map((a) => a.send({ op: 'hammer', stats: stats.buffer as SharedArrayBuffer, rounds: ROUNDS }));
          while (Atomics.load(stats, READY) < ACTORS) await sleep(2);
          Atomics.store(stats, GO, 1);
          Atomics.notify(stats, GO);
          const done = Promise.all(replies);
          // A thread whose lock() or unlock() threw may still hold the lock: report it at once rather than wait on the others.
          const firstError = new Promise<Extract<Reply, { ok: false }>>((resolve) => {
            for (const reply of replies) void reply.then((r) => !r.ok && resolve(r), () => undefined);
          });
          let [last, lastChange] = [-1, Date.now()];
          for (;;) {
            const result = await Promise.race([done, firstError, sleep(50)]);
            if (result !== 'stuck' && !Array.isArray(result)) {
              return t.fail(`a thread's lock() or unlock() threw "${result.error}" while ${ACTORS} threads took turns, each locking twice per round.`);
            }
            if (result !== 'stuck') break;
            const progress = Atomics.load(stats, PROGRESS);
            if (progress !== last) [last, lastChange] = [progress, Date.now()];
            else if (Date.now() - lastChange > STUCK_MS) {
              stuck = true;
              return t.fail(
                `${ACTORS} threads locking and unlocking got stuck after ${progress} of ${ACTORS * ROUNDS} rounds: nothing moved for ` +
                  `${STUCK_MS / 1000} s. A thread waiting in lock() must get the lock once its holder has unlocked as often as it locked.`,
              );
            }
          }
          const expected = 2 * ACTORS * ROUNDS;
          const lost = expected - Atomics.load(stats, COUNTER);
          const most = Atomics.load(stats, MAX_INSIDE);
          t.ok(
            most <= 1 && lost === 0,
            `${most} threads were inside the lock at the same time, and ${lost} of ${expected} updates were lost: lock() let a second thread ` +
              `in. ${OWNER}`,
          );
        } finally {
          const ending = crew ?? [];
          crew = undefined;
          await Promise.all(ending.map((a) => a.terminate()));
        }
      },
    },
  ],
});
