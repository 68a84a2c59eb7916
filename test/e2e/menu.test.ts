import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { bin, fixtureCourse, runCli, tempWorkspace } from '../helpers/cli.ts';
import { TmuxSession } from '../helpers/tmux.ts';

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const session of sessions.splice(0)) session.stop();
});

function open(workspace: string): TmuxSession {
  const session = TmuxSession.start(`node ${bin}`, { THREADLINGS_COURSE_DIR: fixtureCourse, THREADLINGS_WORKSPACE: workspace, PAGER: 'cat' });
  sessions.push(session);
  return session;
}

describe('the interactive menu in a real terminal', () => {
  it('takes a new learner from continue to a read lesson, a graded exercise and their progress', async () => {
    const workspace = tempWorkspace();
    await runCli(['init'], { workspace, course: fixtureCourse });
    const term = open(workspace);
    await term.waitFor(/Continue: read lesson 01, Basics of the fixture/);
    term.keys('Enter');
    await term.waitFor(/Some text\.[\s\S]*basics\/add \(pending\)/);
    term.keys('Enter'); // Check my file
    await term.waitFor(/FAIL basics\/add \[wrong result\]/);
    copyFileSync(path.join(fixtureCourse, 'exercises', '01-basics', 'add', 'solution.ts'), path.join(workspace, '01-basics', 'add.ts'));
    await term.waitFor(/basics\/add \(failing\)/);
    term.keys('Enter'); // Check my file again
    await term.waitFor(/PASS basics\/add/);
    await term.waitFor(/Continue: exercise basics\/square/);
    term.keys('Down', 'Down', 'Down', 'Enter'); // Progress
    const progress = await term.waitFor(/Exercises \[#*-+\] \d+% 1\/\d+ done/);
    expect(progress).toMatch(/basics\/add\s*│\s*done\s*│\s*2/);
    term.keys('Down', 'Down', 'Enter'); // Quit (the cursor stays on Progress; Timing lab is next)
    await term.waitFor(/\[exit 0\]/);
  }, 60_000);

  it('exits 130 without a stack trace on Ctrl-C at a prompt', async () => {
    const term = open(tempWorkspace());
    await term.waitFor(/What next\?/);
    term.keys('C-c');
    const screen = await term.waitFor(/\[exit 130\]/);
    expect(screen).not.toMatch(/\n\s+at /);
  }, 30_000);
});
