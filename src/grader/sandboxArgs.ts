/** What a supervisor's sandbox lets the code under it do. */
export interface SandboxOptions {
  /** The only folder it may write to (its os.tmpdir()). */
  readonly scratchDir: string;
  /** Whether it may start child processes (only exercises about processes need to). */
  readonly childProcesses: boolean;
  /** `--permission` from Node 22.13 and 23.5 on, `--experimental-permission` before. */
  readonly permissionFlag: string;
}

/** The model is still experimental on Node 20, and --allow-worker warns in every thread that starts with it. */
const QUIET = ['--disable-warning=ExperimentalWarning', '--disable-warning=SecurityWarning'];

/**
 * Node's permission model for a supervisor, and so for the grading worker and every thread
 * the learner's code starts: it reads anything, writes only its scratch folder, starts worker
 * threads, and starts processes only where the exercise needs them. So the code under check
 * cannot write the progress file, the transform cache or the course.
 */
export function sandboxArgs({ scratchDir, childProcesses, permissionFlag }: SandboxOptions): string[] {
  return [
    permissionFlag,
    '--allow-fs-read=*',
    `--allow-fs-write=${scratchDir}`,
    '--allow-worker',
    ...(childProcesses ? ['--allow-child-process'] : []),
    ...QUIET,
  ];
}

/** The flag that turns the permission model on in this Node. */
export function permissionFlag(allowed: ReadonlySet<string> = process.allowedNodeEnvironmentFlags): string {
  return allowed.has('--permission') ? '--permission' : '--experimental-permission';
}

/** Whether a Node flag (`--name` or `--name=value`, dashes or underscores) touches the permission model. */
function isPermissionFlag(arg: string): boolean {
  const normal = (arg.split('=')[0] ?? '').replace(/_/g, '-').replace(/^--no-/, '--');
  return /^--(experimental-)?permission$/.test(normal) || normal.startsWith('--allow-');
}

/**
 * The sandbox's flags in an execArgv (a supervisor's, or a sandboxed thread's): the permission
 * flags and the warnings they silence, which every thread it starts must carry too.
 */
export function permissionArgs(execArgv: readonly string[]): string[] {
  return execArgv.filter((arg) => isPermissionFlag(arg) || QUIET.includes(arg));
}

/**
 * The execArgv a sandboxed thread starts a worker with. A worker given its own execArgv takes
 * its permissions from it alone (Node 20 to 24), so the sandbox's flags go first and any
 * permission flag the caller asked for (with its value, `--allow-fs-write /`) is dropped.
 */
export function withSandbox(execArgv: readonly string[], sandbox: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i] ?? '';
    if (!isPermissionFlag(arg)) {
      kept.push(arg);
      continue;
    }
    const next = execArgv[i + 1];
    if (!arg.includes('=') && /^--(no-)?allow-fs-(read|write)$/.test(arg.replace(/_/g, '-')) && next !== undefined && !next.startsWith('-')) i++;
  }
  return [...sandbox, ...kept];
}
