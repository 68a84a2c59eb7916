import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { environmentError } from '../cli/exitError.ts';
import { displayPath, packageRoot } from '../course/paths.ts';
import type { Course, Exercise } from '../course/types.ts';

export const MARKER_DIR = '.threadlings';

export interface WorkspaceLocation {
  readonly dir: string;
  /** How it was found: shown to the learner when it is created. */
  readonly source: 'flag' | 'env' | 'ancestor' | 'default';
}

/** `--workspace`, then THREADLINGS_WORKSPACE, then the nearest ancestor with .threadlings/, then ./workspace in the clone. */
export function locateWorkspace(options: {
  flag?: string | undefined;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  root?: string;
}): WorkspaceLocation {
  const { flag, env = process.env, cwd = process.cwd(), root = packageRoot } = options;
  if (flag) return { dir: path.resolve(cwd, flag), source: 'flag' };
  const fromEnv = env['THREADLINGS_WORKSPACE'];
  if (fromEnv) return { dir: path.resolve(cwd, fromEnv), source: 'env' };
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, MARKER_DIR)) && dir !== root) return { dir, source: 'ancestor' };
    if (path.dirname(dir) === dir) break;
  }
  return { dir: path.join(root, 'workspace'), source: 'default' };
}

/** The learner's file for an exercise: `<workspace>/02-threads/join.ts`. */
export function exerciseFile(workspace: string, exercise: Exercise): string {
  return path.join(workspace, exercise.lessonDir, `${exercise.name}.ts`);
}

function workspaceTsconfig(): string {
  const src = (name: string): string => path.join(packageRoot, 'src', name, 'index.ts');
  return `${JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2023',
        lib: ['ES2023'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        allowImportingTsExtensions: true,
        verbatimModuleSyntax: true,
        skipLibCheck: true,
        types: ['node'],
        typeRoots: [path.join(packageRoot, 'node_modules', '@types')],
        paths: { 'threadlings/runtime': [src('runtime')], 'threadlings/check': [src('check')] },
      },
      include: ['**/*.ts'],
    },
    null,
    2,
  )}\n`;
}

export interface OpenedWorkspace {
  readonly dir: string;
  readonly created: boolean;
  /** Starter files copied in this time (new exercises, or a new workspace). */
  readonly added: readonly string[];
}

/** Creates the workspace if needed and copies in the starter of any exercise that has no file yet. */
export function openWorkspace(location: WorkspaceLocation, course: Course): OpenedWorkspace {
  const { dir } = location;
  const markerDir = path.join(dir, MARKER_DIR);
  const created = !existsSync(markerDir);
  try {
    if (created) {
      if (existsSync(dir) && !statSync(dir).isDirectory()) {
        throw environmentError(`The workspace ${displayPath(dir)} is a file, not a folder; pass --workspace with a folder.`);
      }
      const parent = path.dirname(dir);
      if (!existsSync(dir) && !(existsSync(parent) && statSync(parent).isDirectory())) {
        // One missing folder is created; a deeper path is more likely a typo than a wish.
        throw environmentError(`Cannot create the workspace ${displayPath(dir)} because ${displayPath(parent)} is not an existing folder; create it first or pass --workspace with another folder.`);
      }
      mkdirSync(markerDir, { recursive: true });
      writeFileSync(path.join(dir, 'tsconfig.json'), workspaceTsconfig());
      writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ private: true, type: 'module' }, null, 2)}\n`);
    }
    const added: string[] = [];
    for (const exercise of course.exercises) {
      const file = exerciseFile(dir, exercise);
      if (existsSync(file)) continue;
      mkdirSync(path.dirname(file), { recursive: true });
      copyFileSync(path.join(exercise.dir, 'starter.ts'), file);
      added.push(file);
    }
    return { dir, created, added };
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitError') throw error;
    throw environmentError(`Cannot set up the workspace in ${displayPath(dir)} (${(error as Error).message}); choose a writable folder with --workspace.`);
  }
}
