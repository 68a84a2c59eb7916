import { describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fixtureCourse, runCli, tempWorkspace } from '../helpers/cli.ts';
import { parseProgress } from '../../src/progress/progressStore.ts';

describe('20 concurrent checks on one workspace', () => {
  it('lose no progress update: attempts equal the number of checks per exercise', async () => {
    const workspace = tempWorkspace();
    const cli = (...args: string[]) => runCli(args, { workspace, course: fixtureCourse });
    expect((await cli('init')).code).toBe(0);
    // add passes (the solution), square fails (the starter): both kinds of verdict are recorded.
    copyFileSync(path.join(fixtureCourse, 'exercises', '01-basics', 'add', 'solution.ts'), path.join(workspace, '01-basics', 'add.ts'));
    const ids = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'basics/add' : 'basics/square'));

    const results = await Promise.all(ids.map((id) => cli('check', id)));

    for (const [i, result] of results.entries()) {
      expect({ id: ids[i], code: result.code, stderr: result.stderr }).toEqual({ id: ids[i], code: ids[i] === 'basics/add' ? 0 : 1, stderr: '' });
    }
    const parsed = parseProgress(readFileSync(path.join(workspace, '.threadlings', 'progress.json'), 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.progress.exercises['basics/add']).toMatchObject({ status: 'done', attempts: 10 });
    expect(parsed.progress.exercises['basics/square']).toMatchObject({ status: 'failing', attempts: 10 });
  });
});
