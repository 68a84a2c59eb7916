/**
 * Bad command-line input, table-driven: each case gets the documented exit code and one
 * sentence (at most two lines, no stack trace) on stderr. The table is docs/errors.md.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixtureCourse, runCli, tempWorkspace, type CliResult } from '../helpers/cli.ts';

const course = fixtureCourse;

function expectShortError(result: CliResult, code: number, message: string | RegExp): void {
  expect({ code: result.code, stderr: result.stderr }).toEqual({
    code,
    stderr: typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message),
  });
  expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
  expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
}

describe('bad command-line input gets one sentence and the documented exit code', () => {
  const workspace = tempWorkspace();
  const cli = (...args: string[]) => runCli(args, { workspace, course });
  const outside = mkdtempSync(path.join(os.tmpdir(), 'threadlings-outside-'));
  const aFile = path.join(outside, 'a-file');
  writeFileSync(aFile, 'not a workspace\n');

  // [args, exit code, stderr contains/matches]; stdout must stay empty.
  const table: [string[], number, string | RegExp][] = [
    // unknown command, ids, flags
    [['chek', 'basics/add'], 2, 'Unknown command "chek". Did you mean "check"?'],
    [['lesson', 'basix'], 2, 'Unknown lesson "basix". Did you mean "basics"?'],
    [['lesson', '99'], 2, 'There is no lesson 99: the lessons are numbered 01 to 02.'],
    [['check', 'basics/ad0'], 2, 'Unknown exercise "basics/ad0". Did you mean "basics/add"?'],
    [['hint', 'nope/nothing'], 2, 'Unknown exercise "nope/nothing".'],
    [['check', ''], 2, 'The exercise name is empty'],
    [['check', 'basics/add', '--bogus'], 2, "Unknown option '--bogus'"],
    [['list', '--jsn'], 2, "Unknown option '--jsn' (Did you mean --json?)"],
    [['list', 'extra'], 2, 'threadlings list takes no arguments, but got 1.'],
    [['hint'], 2, 'Missing the <exercise> argument.'],
    [['check'], 2, 'Name the exercise to check'],
    [['check', 'basics/add', '--all'], 2, 'not both'],
    [['completion', 'fish'], 2, 'not "fish"'],
    [['bench', 'nope'], 2, 'Unknown demo "nope".'],
    // flags missing their value
    [['--workspace'], 2, 'Option --workspace needs a value: --workspace <dir>.'],
    [['list', '--workspace'], 2, 'Option --workspace needs a value'],
    [['hint', 'basics/add', '--level'], 2, 'Option --level needs a value'],
    // numbers out of range
    [['hint', 'basics/add', '--level', '0'], 2, 'Option --level got "0", but it takes a whole number from 1 to 99.'],
    [['hint', 'basics/add', '--level', 'abc'], 2, 'Option --level got "abc"'],
    [['hint', 'basics/add', '--level', '1.5'], 2, 'Option --level got "1.5"'],
    [['hint', 'basics/add', '--level', '99'], 2, 'basics/add has 2 hint levels; pick --level 1 to 2.'],
    [['bench', 'cpu', '--tasks', '0'], 2, 'Option --tasks got "0"'],
    [['bench', 'io', '--tasks', '5000'], 2, 'bench io takes --tasks from 1 to 1,600'],
    [['bench', 'cpu', '--tasks', '99999999999999999999'], 2, 'Option --tasks got "99999999999999999999"'],
    [['bench', 'cpu', '--runs', '-1'], 2, 'Option --runs got "-1", but it takes a whole number from 1 to 100.'],
    [['bench', 'cpu', '--runs', '101'], 2, 'Option --runs got "101"'],
    [['bench', 'cpu', '--workers', '0,abc'], 2, '--workers takes whole numbers from 1 to 256 separated by commas'],
    [['bench', 'cpu', '--workers', ''], 2, '--workers takes whole numbers'],
    // path-like ids are looked up in the course, never opened
    [['reset', '../../etc/passwd', '--yes'], 2, 'Unknown exercise "../../etc/passwd".'],
    [['reset', '01-basics/../../../etc/passwd', '--yes'], 2, 'Unknown exercise "01-basics/../../../etc/passwd".'],
    [['solution', '/etc/passwd', '--force'], 2, 'Unknown exercise "/etc/passwd".'],
    [['check', '../01-basics/add'], 2, 'Unknown exercise "../01-basics/add". Did you mean "01-basics/add"?'],
    [['lesson', '../../etc/passwd'], 2, 'Unknown lesson "../../etc/passwd".'],
    [['dev', 'check', '../..'], 2, 'Unknown exercise "../..".'],
    // workspaces that cannot be one
    [['--workspace', aFile, 'list'], 3, 'is a file, not a folder; pass --workspace with a folder.'],
    [['--workspace', path.join(aFile, 'ws'), 'list'], 3, /Cannot create the workspace .*a-file.ws because .*a-file is not an existing folder/],
    [['--workspace', path.join(outside, 'no', 'such', 'ws'), 'list'], 3, /Cannot create the workspace .* because .*such is not an existing folder; create it first/],
    // --json: the error goes to stderr, stdout stays empty
    [['check', 'nope', '--json'], 2, 'Unknown exercise "nope".'],
    [['progress', '--json', '--bogus'], 2, "Unknown option '--bogus'"],
    [['lessons', '--json', '--workspace'], 2, 'Option --workspace needs a value'],
  ];

  it.each(table)('threadlings %j exits %i', async (args, code, message) => {
    const result = await cli(...args);
    expectShortError(result, code, message);
    expect(result.stdout).toBe('');
  });

  it('never touches files for path-like ids, and the file given as a workspace is left as it was', async () => {
    await cli('init');
    await cli('reset', '../../../../../../../../etc/hostname', '--yes');
    expect(existsSync(path.join(workspace, '.threadlings', 'backups'))).toBe(false);
    expect(readFileSync(aFile, 'utf8')).toBe('not a workspace\n');
    expect(existsSync(path.join(outside, 'no'))).toBe(false);
  });

  it('initialises an empty existing folder', async () => {
    const empty = path.join(outside, 'empty');
    mkdirSync(empty);
    const result = await runCli(['--workspace', empty, 'list'], { course });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^Created your workspace in .*empty: edit the exercise files there\.\n$/);
    expect(readdirSync(path.join(empty, '01-basics')).sort()).toEqual(['add.ts', 'square.ts']);
  });

  it('creates a missing workspace folder whose parent exists', async () => {
    const fresh = path.join(outside, 'fresh');
    const result = await runCli(['init', fresh], { course });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created a workspace in');
    expect(existsSync(path.join(fresh, '.threadlings'))).toBe(true);
  });
});

describe('damaged, old and newer progress files', () => {
  const setup = async (text: string) => {
    const workspace = tempWorkspace();
    const cli = (...args: string[]) => runCli(args, { workspace, course });
    await cli('init');
    const file = path.join(workspace, '.threadlings', 'progress.json');
    writeFileSync(file, text);
    return { workspace, cli, file };
  };
  const backups = (workspace: string, kind: string) => readdirSync(path.join(workspace, '.threadlings')).filter((name) => name.includes(`.${kind}-`));

  it.each([
    ['truncated JSON', '{"schema": 1, "exerc'],
    ['garbage', '\u0000\u0001 not json at all'],
    ['a wrong overall shape', '{"schema": 1, "exercises": [], "lessons": {}}'],
  ])('keeps %s as a backup and says where (exit 3), then starts afresh', async (_, text) => {
    const { workspace, cli } = await setup(text);
    const result = await cli('progress', '--json');
    expectShortError(result, 3, /progress\.json is damaged .* moved to .*progress\.json\.corrupt-/);
    expect(result.stdout).toBe('');
    expect(backups(workspace, 'corrupt')).toHaveLength(1);
    expect(readFileSync(path.join(workspace, '.threadlings', backups(workspace, 'corrupt')[0] ?? ''), 'utf8')).toBe(text);
    expect((await cli('progress')).code).toBe(0);
  });

  it('leaves a file from a newer threadlings where it is and says to upgrade (exit 3), for reads and writes', async () => {
    const text = '{"schema": 99, "exercises": {"basics/add": {"status": "done"}}, "lessons": {}, "future": [1, 2]}';
    const { workspace, cli, file } = await setup(text);
    for (const args of [['list'], ['check', 'basics/add'], ['hint', 'basics/add']]) {
      const result = await cli(...args);
      expectShortError(result, 3, /progress\.json was written by a newer threadlings \(progress schema 99; this one reads up to 1\) and was left untouched; upgrade threadlings to use it\./);
    }
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(readdirSync(path.join(workspace, '.threadlings'))).toEqual(['progress.json']);
  });

  it('migrates the pre-release layout (version 0) when progress is next saved', async () => {
    const { cli, file } = await setup('{"version": 0, "done": ["basics/add"]}');
    const list = await cli('list', '--json');
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toContainEqual(expect.objectContaining({ id: 'basics/add', status: 'done', attempts: 1 }));
    const lesson = await cli('lesson', '01', '--no-pager');
    expect(lesson.code).toBe(0);
    expect(lesson.stderr).toMatch(/^threadlings: Updated .*progress\.json from the old layout \(version 0\) to schema 1\.\n$/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ schema: 1, exercises: { 'basics/add': { status: 'done', attempts: 1 } } });
  });

  it('keeps the good entries, sets the bad one aside with a one-line note, and does not fail', async () => {
    const text = JSON.stringify({
      schema: 1,
      exercises: { 'basics/add': { status: 'done', attempts: 3 }, 'basics/square': { status: 'finished', attempts: 1 } },
      lessons: {},
    });
    const { workspace, cli, file } = await setup(text);
    const list = await cli('list', '--json');
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toContainEqual(expect.objectContaining({ id: 'basics/add', status: 'done', attempts: 3 }));
    expect(list.stderr).toMatch(/^threadlings: .*progress\.json has 1 invalid entry \(exercises\.basics\/square\.status: .*\), ignored for now; the next save of your progress moves it to a backup\.\n$/);

    const check = await cli('check', 'basics/square');
    expect(check.code).toBe(1); // the starter fails: the note does not change the verdict's exit code
    expect(check.stderr).toMatch(/^threadlings: Moved 1 invalid entry \(exercises\.basics\/square\.status: .*\) of .*progress\.json to .*progress\.json\.dropped-.*; the rest of your progress is kept\.\n$/);
    const [backup] = backups(workspace, 'dropped');
    expect(JSON.parse(readFileSync(path.join(workspace, '.threadlings', backup ?? ''), 'utf8'))).toMatchObject({
      exercises: { 'basics/square': { status: 'finished', attempts: 1 } },
    });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      exercises: { 'basics/add': { status: 'done', attempts: 3 }, 'basics/square': { status: 'failing', attempts: 1 } },
    });
    expect((await cli('list')).stderr).toBe('');
  });
});

describe('broken course content', () => {
  it('is reported with exit 3 naming the file and field', async () => {
    const broken = path.join(tempWorkspace(), 'course');
    mkdirSync(path.join(broken, 'lessons'), { recursive: true });
    mkdirSync(path.join(broken, 'exercises'), { recursive: true });
    writeFileSync(path.join(broken, 'exercises', 'course.json'), '{"format": 1, "title": "x"}');
    writeFileSync(path.join(broken, 'lessons', '01-x.md'), '---\nid: x\ntitle: X\n---\n');
    const result = await runCli(['lessons'], { workspace: tempWorkspace(), course: broken });
    expectShortError(result, 3, /01-x\.md: python/);
  });
});
