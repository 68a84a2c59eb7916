import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bin, fixtureCourse, runCli, tempWorkspace } from '../helpers/cli.ts';

/** Starts `threadlings watch` with a piped stdin (keys as lines) and collects its output. */
function startWatch(workspace: string, args: string[]) {
  const child = spawn(process.execPath, [bin, 'watch', ...args], {
    env: { ...process.env, CI: 'true', THREADLINGS_COURSE_DIR: fixtureCourse, THREADLINGS_WORKSPACE: workspace },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  const waitFor = async (pattern: RegExp, timeoutMs = 15_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(output)) {
      if (Date.now() > deadline) throw new Error(`watch never printed ${pattern}; it printed:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { child, exited, waitFor, output: () => output, key: (key: string) => child.stdin.write(`${key}\n`) };
}

describe('threadlings watch', () => {
  for (const poll of [false, true]) {
    it(`grades again on save and moves on after a pass${poll ? ' (polling)' : ''}`, async () => {
      const workspace = tempWorkspace();
      await runCli(['init'], { workspace, course: fixtureCourse });
      const watch = startWatch(workspace, poll ? ['basics/add', '--poll'] : ['basics/add']);
      await watch.waitFor(/FAIL basics\/add/);
      await watch.waitFor(/Watching .*add\.ts/);
      // An editor-style save: write the whole file.
      writeFileSync(path.join(workspace, '01-basics', 'add.ts'), readFileSync(path.join(fixtureCourse, 'exercises', '01-basics', 'add', 'solution.ts')));
      await watch.waitFor(/PASS basics\/add/);
      await watch.waitFor(/Moving on to basics\/square[\s\S]*FAIL basics\/square/);
      watch.key('h');
      await watch.waitFor(/Hint 1 of 2/);
      watch.key('q');
      expect(await watch.exited).toBe(0);
      const progress = JSON.parse((await runCli(['progress', '--json'], { workspace, course: fixtureCourse })).stdout);
      expect(progress.lessons[0].exercises[0]).toMatchObject({ id: 'basics/add', status: 'done' });
    }, 60_000);
  }

  it('starts at the first exercise not done', async () => {
    const workspace = tempWorkspace();
    await runCli(['init'], { workspace, course: fixtureCourse });
    copyFileSync(path.join(fixtureCourse, 'exercises', '01-basics', 'add', 'solution.ts'), path.join(workspace, '01-basics', 'add.ts'));
    await runCli(['check', 'basics/add'], { workspace, course: fixtureCourse });
    const watch = startWatch(workspace, []);
    await watch.waitFor(/FAIL basics\/square/);
    watch.key('q');
    expect(await watch.exited).toBe(0);
  }, 60_000);
});
