/** Drives the CLI in a real terminal: a detached tmux session, keys in, screen out. */
import { execFileSync } from 'node:child_process';

export class TmuxSession {
  private constructor(readonly name: string) {}

  static start(command: string, env: Record<string, string>, size = { columns: 110, rows: 40 }): TmuxSession {
    const name = `threadlings-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    // The tmux server may be older than this test and not carry its environment: spares stay off (see vitest.config.ts).
    const exports = Object.entries({ THREADLINGS_SPARE: '0', ...env }).map(([key, value]) => `${key}='${value.replace(/'/g, "'\\''")}'`).join(' ');
    // Keep the pane open after the CLI exits so that its exit code can be read.
    const script = `env -u CI ${exports} ${command}; echo "[exit $?]"; sleep 60`;
    execFileSync('tmux', ['new-session', '-d', '-s', name, '-x', String(size.columns), '-y', String(size.rows), script]);
    return new TmuxSession(name);
  }

  screen(): string {
    return execFileSync('tmux', ['capture-pane', '-p', '-t', this.name, '-S', '-200'], { encoding: 'utf8' });
  }

  keys(...keys: string[]): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, ...keys]);
  }

  /** Waits until the screen matches, and returns it; fails with the screen it saw. */
  async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = this.screen();
      if (pattern.test(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the terminal never showed ${pattern}; it shows:\n${last}`);
  }

  stop(): void {
    try {
      execFileSync('tmux', ['kill-session', '-t', this.name], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
}
