import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fixtureCourse, runCli, tempWorkspace, type CliResult } from '../helpers/cli.ts';

const isRoot = process.getuid?.() === 0;
const restore: (() => void)[] = [];
afterEach(() => {
  for (const undo of restore.splice(0)) undo();
});

async function workspaceWithFiles(): Promise<{ workspace: string; cli: (...args: string[]) => Promise<CliResult> }> {
  const workspace = tempWorkspace();
  const cli = (...args: string[]) => runCli(args, { workspace, course: fixtureCourse });
  expect((await cli('init')).code).toBe(0);
  return { workspace, cli };
}

function expectOneSentence(result: CliResult, pattern: RegExp): void {
  expect(result.code).toBe(3);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
}

describe('a workspace where progress cannot be saved', () => {
  it('check still grades and prints the verdict, then exits 3 naming the path (progress.json is a folder: fails for root too)', async () => {
    const { workspace, cli } = await workspaceWithFiles();
    const target = path.join(workspace, '.threadlings', 'progress.json');
    mkdirSync(target);

    const result = await cli('check', 'basics/add');
    expect(result.stdout).toContain('FAIL basics/add');
    expect(result.stdout).toContain('add(2, 3): expected 5, got -1.');
    expectOneSentence(result, new RegExp(`progress could not be saved because ${target.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not writable.*remove or rename it`));

    const json = await cli('check', 'basics/add', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ exercise: 'basics/add', passed: false, kind: 'wrong-result' });
    expectOneSentence(json, /progress could not be saved because .*progress\.json is not writable/);

    expectOneSentence(await cli('list'), /progress\.json is a folder, not a file; remove or rename it/);
  });

  it.skipIf(isRoot)('check in a read-only workspace grades, then says the folder is not writable and what to do (exit 3)', async () => {
    const { workspace, cli } = await workspaceWithFiles();
    const marker = path.join(workspace, '.threadlings');
    await cli('lesson', '01', '--no-pager'); // a progress file exists and must survive unchanged
    const before = readFileSync(path.join(marker, 'progress.json'), 'utf8');
    chmodSync(marker, 0o555);
    chmodSync(workspace, 0o555);
    restore.push(() => {
      chmodSync(workspace, 0o755);
      chmodSync(marker, 0o755);
    });

    const result = await cli('check', 'basics/add');
    expect(result.stdout).toContain('FAIL basics/add');
    expectOneSentence(result, /progress could not be saved because .*\.threadlings is not writable \(EACCES\); make it writable \(e\.g\. `chmod -R u\+w /);
    expect(readFileSync(path.join(marker, 'progress.json'), 'utf8')).toBe(before);
    expect((await cli('list')).code).toBe(0); // reading still works
  });
});
