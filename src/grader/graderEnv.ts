/**
 * The environment a supervisor (and the learner's code under it) runs in: the CLI's own,
 * with the cache directory set and os.tmpdir() pointing at the check's scratch folder (the
 * only place it may write), minus what only slows the boot down: Node 20 reads every
 * certificate in NODE_EXTRA_CA_CERTS at start-up (about 70 ms for a system bundle), and no
 * check reaches past a server of its own on localhost.
 */
export function graderEnv(env: NodeJS.ProcessEnv, cacheDir: string, scratchDir: string): NodeJS.ProcessEnv {
  const { NODE_EXTRA_CA_CERTS: _unused, ...rest } = env;
  return { ...rest, THREADLINGS_CACHE_DIR: cacheDir, TMPDIR: scratchDir };
}
