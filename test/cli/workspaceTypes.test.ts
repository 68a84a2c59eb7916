import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../helpers/grading.ts';
import { runCli, tempWorkspace } from '../helpers/cli.ts';

describe('a new workspace opens cleanly in an editor', () => {
  it('type-checks every untouched starter of the real course with the tsconfig init writes', async () => {
    const workspace = tempWorkspace();
    expect((await runCli(['init'], { workspace, course: repoRoot })).code).toBe(0);
    const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
    const result = spawnSync(process.execPath, [tsc, '-p', workspace], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 120_000);
});
