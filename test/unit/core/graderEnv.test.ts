import { describe, expect, it } from 'vitest';
import { graderEnv } from '../../../src/grader/graderEnv.ts';

describe('graderEnv', () => {
  it('keeps the environment, sets the cache and scratch folders and drops the extra CA bundle', () => {
    const env = { PATH: '/bin', NODE_EXTRA_CA_CERTS: '/etc/ssl/bundle.pem', NODE_OPTIONS: '--no-warnings', TMPDIR: '/tmp' };
    expect(graderEnv(env, '/cache', '/tmp/scratch-1')).toEqual({
      PATH: '/bin',
      NODE_OPTIONS: '--no-warnings',
      THREADLINGS_CACHE_DIR: '/cache',
      TMPDIR: '/tmp/scratch-1',
    });
    expect(env.NODE_EXTRA_CA_CERTS).toBe('/etc/ssl/bundle.pem');
  });
});
