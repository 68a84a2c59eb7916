import { loadCourse } from '../course/loadCourse.ts';
import { courseRoot, displayPath } from '../course/paths.ts';
import type { Course } from '../course/types.ts';
import { locateWorkspace, openWorkspace, type OpenedWorkspace, type WorkspaceLocation } from '../progress/workspace.ts';
import { createPalette, type Palette } from '../render/palette.ts';
import { stdoutIsTerminal, writeStdout } from './stdout.ts';

/** Options every command accepts (see main.ts). */
export interface GlobalOptions {
  readonly workspace?: string;
  readonly color: boolean;
  readonly debug?: boolean;
}

export interface Context {
  readonly json: boolean;
  readonly palette: Palette;
  /** Whether a person is at the keyboard: stdin and stdout are terminals and this is not CI. */
  readonly interactive: boolean;
  readonly columns: number;
  course(): Course;
  /** Where the workspace is (without creating it). */
  workspaceLocation(): WorkspaceLocation;
  /** The workspace, created or completed on first use. */
  workspace(): OpenedWorkspace;
  print(text: string): void;
  /** Notes for the person (never part of --json output). */
  note(text: string): void;
}

export function colorEnabled(options: { color: boolean; json: boolean }, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (options.json || !options.color) return false;
  if (env['NO_COLOR']) return false;
  if (env['FORCE_COLOR'] && env['FORCE_COLOR'] !== '0') return true;
  return isTTY && env['TERM'] !== 'dumb';
}

export function createContext(options: GlobalOptions, json: boolean): Context {
  const env = process.env;
  const terminal = stdoutIsTerminal();
  const palette = createPalette(colorEnabled({ color: options.color, json }, env, terminal));
  let course: Course | undefined;
  let workspace: OpenedWorkspace | undefined;
  const context: Context = {
    json,
    palette,
    // stdout first: when it is not a terminal, stdin is never opened (a stream of a pipe costs ~5 ms).
    interactive: terminal && !!process.stdin.isTTY && !env['CI'],
    columns: Math.max(40, Math.min((terminal && process.stdout.columns) || 80, 100)),
    course: () => (course ??= loadCourse(courseRoot(env))),
    workspaceLocation: () => locateWorkspace({ flag: options.workspace, env }),
    workspace: () => {
      if (workspace) return workspace;
      workspace = openWorkspace(context.workspaceLocation(), context.course());
      if (workspace.created) {
        context.note(`Created your workspace in ${displayPath(workspace.dir)}: edit the exercise files there.`);
      } else if (workspace.added.length > 0) {
        context.note(`Added ${workspace.added.length} new exercise file(s) to ${displayPath(workspace.dir)}.`);
      }
      return workspace;
    },
    print: (text) => {
      writeStdout(text.endsWith('\n') ? text : `${text}\n`);
    },
    note: (text) => {
      process.stderr.write(`${text}\n`);
    },
  };
  return context;
}
