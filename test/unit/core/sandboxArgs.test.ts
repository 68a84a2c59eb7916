import { describe, expect, it } from 'vitest';
import { permissionArgs, permissionFlag, sandboxArgs, withSandbox } from '../../../src/grader/sandboxArgs.ts';

describe('sandboxArgs', () => {
  it('reads anything, writes only the scratch folder, starts workers, and processes only when allowed', () => {
    const args = sandboxArgs({ scratchDir: '/tmp/s', childProcesses: false, permissionFlag: '--permission' });
    expect(args).toEqual(expect.arrayContaining(['--permission', '--allow-fs-read=*', '--allow-fs-write=/tmp/s', '--allow-worker']));
    expect(args).not.toContain('--allow-child-process');
    expect(args.filter((a) => a.startsWith('--allow-fs-write'))).toEqual(['--allow-fs-write=/tmp/s']);
    expect(sandboxArgs({ scratchDir: '/tmp/s', childProcesses: true, permissionFlag: '--permission' })).toContain('--allow-child-process');
  });

  it('uses the flag this Node knows', () => {
    expect(permissionFlag(new Set(['--permission', '--experimental-permission']))).toBe('--permission');
    expect(permissionFlag(new Set(['--experimental-permission']))).toBe('--experimental-permission');
    expect(['--permission', '--experimental-permission']).toContain(permissionFlag());
  });
});

describe('permissionArgs and withSandbox', () => {
  const sandbox = ['--experimental-permission', '--allow-fs-read=*', '--allow-fs-write=/tmp/s', '--allow-worker'];

  it('finds the permission flags in an execArgv', () => {
    expect(permissionArgs([...sandbox, '--disable-warning=SecurityWarning', '--enable-source-maps', '--import', 'x.js'])).toEqual([...sandbox, '--disable-warning=SecurityWarning']);
    expect(permissionArgs(['--enable-source-maps'])).toEqual([]);
  });

  it('puts the sandbox first and drops whatever permission flags the caller asked for', () => {
    expect(withSandbox([], sandbox)).toEqual(sandbox);
    expect(withSandbox(['--enable-source-maps', '--import', 'x.js'], sandbox)).toEqual([...sandbox, '--enable-source-maps', '--import', 'x.js']);
    const escapes = ['--allow-fs-write=/', '--allow-fs-write', '/', '--allow_fs_write=/', '--no-experimental-permission', '--permission', '--allow-child-process', '--expose-gc'];
    expect(withSandbox(escapes, sandbox)).toEqual([...sandbox, '--expose-gc']);
  });
});
