import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fixtureCourse, runCli, tempWorkspace } from '../helpers/cli.ts';

const course = fixtureCourse;
const ESC = '\u001b[';

describe('a learner goes from a fresh workspace to a passed exercise', () => {
  const workspace = tempWorkspace();
  const cli = (...args: string[]) => runCli(args, { workspace, course });

  it('prints the version, from the short path and through the program alike', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const args of [['--version'], ['-v'], ['--no-color', '--version']]) {
      const result = await cli(...args);
      expect({ args, code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({ args, code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  it('lists the lessons and creates the workspace on first use', async () => {
    const result = await cli('lessons');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Basics of the fixture');
    expect(result.stderr).toContain('Created your workspace');
    expect(existsSync(path.join(workspace, '01-basics', 'add.ts'))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(workspace, 'tsconfig.json'), 'utf8')).compilerOptions.strict).toBe(true);
  });

  it('renders a lesson without raw markdown and marks it read', async () => {
    const result = await cli('lesson', '01', '--no-pager');
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/^---$|^id: |\*\*|^# /m);
    expect(result.stdout).toContain('Some text.');
    expect(result.stdout).toContain('threadlings check basics/add');
    const lessons = JSON.parse((await cli('lessons', '--json')).stdout);
    expect(lessons[0]).toMatchObject({ id: 'basics', read: true, exercises: ['basics/add', 'basics/square'] });
  });

  it('fails the untouched starter, case by case, with exit 1', async () => {
    const result = await cli('check', 'basics/add');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('add(2, 3): expected 5, got -1.');
    expect(result.stdout).toContain('add(-2, -3): expected -5, got 1.');
    expect(result.stdout).toContain('2 of 2 cases failed');
  });

  it('passes once the solution is in place, and progress shows it with its attempts', async () => {
    copyFileSync(path.join(course, 'exercises', '01-basics', 'add', 'solution.ts'), path.join(workspace, '01-basics', 'add.ts'));
    const result = await cli('check', 'basics/add', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ exercise: 'basics/add', passed: true, attempts: 2 });
    const progress = JSON.parse((await cli('progress', '--json')).stdout);
    expect(progress.lessons[0].exercises[0]).toMatchObject({ id: 'basics/add', status: 'done', attempts: 2 });
    const table = await cli('progress');
    expect(table.stdout).toMatch(/basics\/add\s*│\s*done\s*│\s*2/);
    const list = JSON.parse((await cli('list', '--json')).stdout);
    expect(list.map((e: { status: string }) => e.status).slice(0, 2)).toEqual(['done', 'pending']);
  });

  it('grades a file that starts workers from its own .ts file', async () => {
    copyFileSync(path.join(course, 'exercises', '01-basics', 'square', 'solution.ts'), path.join(workspace, '01-basics', 'square.ts'));
    expect((await cli('check', 'basics/square')).code).toBe(0);
  });

  it('gives hints one level at a time, and the solution only after a pass', async () => {
    expect((await cli('hint', 'basics/square')).stdout).toContain('Hint 1 of 2');
    const second = await cli('hint', 'basics/square');
    expect(second.stdout).toContain('Hint 2 of 2');
    expect(second.stdout).toContain('That was the last hint');
    expect((await cli('hint', 'basics/square', '--level', '3')).code).toBe(2);
    const hidden = await cli('solution', 'hostile/loop');
    expect(hidden.code).toBe(2);
    expect(hidden.stderr).toContain('--force');
    expect((await cli('solution', 'basics/add')).stdout).toContain('return a + b;');
  });

  it('resets a file only with confirmation, keeping a backup', async () => {
    const file = path.join(workspace, '01-basics', 'add.ts');
    const refused = await cli('reset', 'basics/add');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect((await cli('reset', 'basics/add', '--yes')).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('return a - b;');
    const backups = readdirSync(path.join(workspace, '.threadlings', 'backups'));
    expect(backups.some((name) => name.startsWith('01-basics-add-'))).toBe(true);
  });

  it('grades every exercise with check --all', async () => {
    const result = await cli('check', '--all', '--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    const listed = JSON.parse((await cli('list', '--json')).stdout);
    expect(listed.length).toBeGreaterThan(2);
    expect(report.results).toHaveLength(listed.length);
    expect(report.passed).toBe(1);
  }, 120_000);

  it('prints plain text with no prompt when nothing is a terminal', async () => {
    const result = await cli();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Basics of the fixture');
    expect(result.stdout).toMatch(/Next: /);
    expect(result.stdout + result.stderr).not.toContain(ESC);
    const forced = await runCli(['progress'], { workspace, course, env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(forced.stdout).not.toContain(ESC);
  });
});

describe('init', () => {
  it('creates a workspace in a given folder and is safe to run twice', async () => {
    const dir = tempWorkspace();
    const first = await runCli(['init', dir], { course });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Created a workspace');
    writeFileSync(path.join(dir, '01-basics', 'add.ts'), '// my work\n');
    const second = await runCli(['init', dir], { course });
    expect(second.stdout).toContain('nothing to add');
    expect(readFileSync(path.join(dir, '01-basics', 'add.ts'), 'utf8')).toBe('// my work\n');
  });
});

describe('completion', () => {
  it('prints bash and zsh scripts that know the commands, and the ids they complete', async () => {
    const bash = await runCli(['completion', 'bash'], { course });
    expect(bash.code).toBe(0);
    expect(bash.stdout).toContain('complete -F _threadlings threadlings');
    expect(bash.stdout).toMatch(/check\) words="\$\(threadlings completion --ids exercise/);
    expect((await runCli(['completion', 'zsh'], { course })).stdout).toContain('bashcompinit');
    expect((await runCli(['completion', '--ids', 'exercise'], { course })).stdout.split('\n')).toContain('basics/add');
    expect((await runCli(['completion', 'fish'], { course })).code).toBe(2);
  });
});
