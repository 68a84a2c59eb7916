import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hash53, spareFolder, spareKey, type SpareIdentity } from '../../../src/grader/spareAddress.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'threadlings-spare-key-'));
const built = path.join(dir, 'supervisor.cjs');
writeFileSync(built, 'one');

const identity: SpareIdentity = {
  execPath: '/usr/bin/node',
  nodeVersion: 'v20.20.2',
  args: ['--experimental-permission', 'supervisor.cjs', '512'],
  env: { PATH: '/usr/bin', HOME: '/home/learner' },
  cwd: '/home/learner/threadlings',
  builtFiles: [built],
};

describe('spareKey', () => {
  it('is the same for the same check, whatever the order of the environment', () => {
    expect(spareKey(identity)).toBe(spareKey({ ...identity, env: { HOME: '/home/learner', PATH: '/usr/bin' } }));
    expect(spareKey(identity)).toMatch(/^[0-9a-f]{14}$/);
  });

  it('changes with anything the check could see: Node, flags, environment, folder, a rebuilt grader', () => {
    const key = spareKey(identity);
    const changed: SpareIdentity[] = [
      { ...identity, execPath: '/opt/node22/bin/node' },
      { ...identity, nodeVersion: 'v22.23.5' },
      { ...identity, args: [...identity.args, '--allow-child-process'] },
      { ...identity, env: { ...identity.env, NO_COLOR: '1' } },
      { ...identity, cwd: '/home/learner' },
      { ...identity, builtFiles: [path.join(dir, 'missing.cjs')] },
    ];
    for (const other of changed) expect(spareKey(other)).not.toBe(key);
    const { mtime } = statSync(built);
    utimesSync(built, mtime, new Date(mtime.getTime() + 1000));
    expect(spareKey(identity)).not.toBe(key);
  });
});

describe('hash53', () => {
  it('tells near strings apart', () => {
    const hashes = new Set(Array.from({ length: 10_000 }, (_, i) => hash53(`check-${i}`)));
    expect(hashes.size).toBe(10_000);
  });
});

describe.skipIf(process.platform === 'win32')('spareFolder', () => {
  it('makes a folder only its owner can enter', () => {
    const tmp = mkdtempSync(path.join(dir, 'tmp-'));
    const folder = spareFolder(tmp);
    expect(folder).toBe(path.join(tmp, `threadlings-${process.getuid?.()}`));
    expect(statSync(folder as string).mode & 0o777).toBe(0o700);
  });

  it('refuses a folder others can enter, and a path too long for a socket', () => {
    const tmp = mkdtempSync(path.join(dir, 'tmp-'));
    mkdirSync(path.join(tmp, `threadlings-${process.getuid?.()}`));
    chmodSync(path.join(tmp, `threadlings-${process.getuid?.()}`), 0o755);
    expect(spareFolder(tmp)).toBeUndefined();
    const deep = path.join(dir, 'x'.repeat(90));
    mkdirSync(deep);
    expect(spareFolder(deep)).toBeUndefined();
  });
});
