import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fixtureCourse, runCli, tempWorkspace } from '../helpers/cli.ts';

const course = fixtureCourse;

describe('bad input gets one sentence and the documented exit code', () => {
  const workspace = tempWorkspace();
  const cli = (...args: string[]) => runCli(args, { workspace, course });

  it.each([
    [['lesson', 'basix'], 2, 'Did you mean "basics"'],
    [['check', 'basics/ad0'], 2, 'Did you mean "basics/add"'],
    [['hint', 'nope/nothing'], 2, 'Unknown exercise'],
    [['chek', 'basics/add'], 2, 'Did you mean "check"'],
    [['check', 'basics/add', '--bogus'], 2, "Unknown option '--bogus'"],
    [['check'], 2, 'Name the exercise to check'],
    [['check', 'basics/add', '--all'], 2, 'not both'],
    [['hint', 'basics/add', '--level', '0'], 2, 'whole number'],
  ])('threadlings %j exits %i', async (args, code, message) => {
    const result = await cli(...args);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  });

  it('keeps a corrupt progress file as a backup and says where (exit 3), then starts afresh', async () => {
    await cli('lessons');
    writeFileSync(path.join(workspace, '.threadlings', 'progress.json'), '{"schema": 1, "exerc');
    const result = await cli('progress');
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/progress\.json is damaged .* moved to .*progress\.json\.corrupt-/);
    const backups = readdirSync(path.join(workspace, '.threadlings')).filter((name) => name.includes('.corrupt-'));
    expect(backups).toHaveLength(1);
    expect((await cli('progress')).code).toBe(0);
  });

  it('reports broken course content with exit 3 naming the file', async () => {
    const broken = path.join(tempWorkspace(), 'course');
    mkdirSync(path.join(broken, 'lessons'), { recursive: true });
    mkdirSync(path.join(broken, 'exercises'), { recursive: true });
    writeFileSync(path.join(broken, 'exercises', 'course.json'), '{"format": 1, "title": "x"}');
    writeFileSync(path.join(broken, 'lessons', '01-x.md'), '---\nid: x\ntitle: X\n---\n');
    const result = await runCli(['lessons'], { workspace, course: broken });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/01-x\.md: python/);
  });

  it('refuses a workspace path that is a file', async () => {
    const file = path.join(tempWorkspace(), '..', 'a-file');
    writeFileSync(file, 'x');
    const result = await runCli(['--workspace', file, 'list'], { course });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('is a file, not a folder');
    expect(existsSync(file)).toBe(true);
  });
});
