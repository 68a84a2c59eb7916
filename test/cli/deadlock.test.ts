/**
 * Deadlock diagnosis end to end: the runtime reports long waits, the supervisor reads
 * who holds and who waits for which lock when the check times out, and the verdict
 * names both threads, both locks and the wait-for cycle, the same way every time.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureCourse, runCli, tempWorkspace } from '../helpers/cli.ts';

const course = fixtureCourse;
const workspace = tempWorkspace();
const check = async (id: string): Promise<{ code: number | null; json: Record<string, unknown> }> => {
  const result = await runCli(['check', id, '--json'], { workspace, course });
  return { code: result.code, json: JSON.parse(result.stdout) as Record<string, unknown> };
};

beforeAll(async () => {
  await runCli(['init'], { workspace, course });
});

// Thread ids depend on how many helper threads Node started first, so they are matched, not fixed.
const CYCLE = new RegExp(
  '^deadlock during "both transfers finish": ' +
    'thread (\\d+) \\(worker "alice"\\) holds savings and waits for checking at deadlock\\.ts:16; ' +
    'thread (\\d+) \\(worker "bob"\\) holds checking and waits for savings at deadlock\\.ts:16\\. ' +
    'Cycle: \\1 → checking → \\2 → savings → \\1\\.$',
);

describe('a deadlock is diagnosed, not just timed out', () => {
  it('names both threads, both locks, where they wait and the cycle, on every run', { timeout: 60_000 }, async () => {
    for (let run = 0; run < 3; run++) {
      const { code, json } = await check('hostile/deadlock');
      expect(code).toBe(1);
      expect(json).toMatchObject({ passed: false, kind: 'deadlock' });
      expect(json['summary']).toMatch(CYCLE);
    }
  });

  it('the plain report shows the deadlock kind', async () => {
    const result = await runCli(['check', 'hostile/deadlock'], { workspace, course });
    expect(result.stdout).toMatch(/✗ FAIL hostile\/deadlock \[deadlock\]: deadlock during "both transfers finish": thread \d+ \(worker "alice"\)/);
  });

  it('a timeout without a cycle stays a timeout, and says what the stuck thread waits for', async () => {
    const { json } = await check('hostile/stuck');
    expect(json).toMatchObject({ passed: false, kind: 'timeout' });
    expect(json['summary']).toMatch(
      /^timed out after 1\.5 s during "answers 42": .* Blocked at that moment: thread \d+ \(a worker started at stuck\.ts:12\) waits for event go to be set at stuck\.ts:5\.$/,
    );
  });
});
