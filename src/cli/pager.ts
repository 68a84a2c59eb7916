import { spawn } from 'node:child_process';

/**
 * Shows text through the learner's pager ($PAGER, else `less -R`); resolves false when
 * no pager could be started, so that the caller prints the text itself.
 */
export function page(text: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const command = env['PAGER']?.trim() || 'less -R';
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: ['pipe', 'inherit', 'inherit'], env: { LESS: 'FRX', ...env } });
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code !== 127));
    child.stdin.on('error', () => {});
    child.stdin.end(text);
  });
}
