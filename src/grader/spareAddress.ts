import { lstatSync, mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** How long a spare supervisor waits for the next check before it leaves. */
export const SPARE_IDLE_MS = 5 * 60_000;

/** Unix socket paths longer than this do not fit in sockaddr_un on every platform. */
const MAX_SOCKET_PATH = 100;

/** A 53-bit string hash (cyrb53), as 14 hex digits: enough to tell checks apart, cheaper to load than node:crypto. */
export function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** Everything a spare was started with that its check could see: a spare serves only a check that would have started it the same way. */
export interface SpareIdentity {
  readonly execPath: string;
  readonly nodeVersion: string;
  /** The supervisor's command line, without its scratch folder. */
  readonly args: readonly string[];
  /** Its environment, without its scratch folder. */
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** The built grader files it runs (a rebuild makes a new spare). */
  readonly builtFiles: readonly string[];
}

/** The key a spare is filed under: a hash of its identity, including each built file's size and modification time. */
export function spareKey(identity: SpareIdentity): string {
  const stamps = identity.builtFiles.map((file) => {
    const stat = statSync(file, { throwIfNoEntry: false });
    return stat ? `${stat.size}:${stat.mtimeMs}` : 'missing';
  });
  const env = Object.entries(identity.env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return hash53(JSON.stringify([identity.execPath, identity.nodeVersion, identity.args, env, identity.cwd, stamps]));
}

/**
 * The folder for this user's spare sockets (only they may connect), or undefined when spares
 * cannot be used here: Windows, a folder someone else owns or can enter, a path too long.
 */
export function spareFolder(tmp: string = os.tmpdir()): string | undefined {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return undefined;
  const uid = process.getuid();
  const dir = path.join(tmp, `threadlings-${uid}`);
  try {
    mkdirSync(dir, { mode: 0o700, recursive: true });
    const stat = lstatSync(dir);
    if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o077) !== 0) return undefined;
  } catch {
    return undefined;
  }
  return dir.length + 20 <= MAX_SOCKET_PATH ? dir : undefined;
}
