/**
 * Runs the CLI's bundle with V8's code cache, so that a command does not compile the
 * JavaScript it ran last time again: on Node 20 that compilation is most of our start-up.
 * Node 22.1+ has this built in (`module.enableCompileCache`); on Node 20 the bundle is
 * compiled with `vm.Script` and its `cachedData`, one cache per command, written once
 * (at exit, atomically) when it was missing or V8 refused it. The cache is only a speed-up:
 * any failure to read or write it is ignored.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { writeCacheFile } from '../course/writeCacheFile.ts';

export interface CodeCacheOptions {
  /** The CommonJS bundle to run. */
  readonly file: string;
  /** Where caches live; undefined runs without one. */
  readonly cacheDir: string | undefined;
  /** What this run does (the command's name): runs of one command compile the same code. */
  readonly label: string;
}

/** What every cache file of one bundle on one Node starts with: a rebuilt bundle or another Node gets new names. */
export function bundlePrefix(bundle: { size: number; mtimeMs: number }, nodeVersion: string, arch: string): string {
  return `${nodeVersion}-${arch}-${bundle.size}-${Math.round(bundle.mtimeMs)}-`;
}

/** The cache file of one command. */
export function cacheFileName(prefix: string, label: string): string {
  return `${prefix}${label.replace(/[^a-z0-9-]/gi, '_').slice(0, 40) || 'none'}.bin`;
}

export function runWithCodeCache({ file, cacheDir, label }: CodeCacheOptions): void {
  const builtIn = (Module as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
  if (builtIn) {
    if (cacheDir) builtIn(path.join(cacheDir, 'v8'));
    createRequire(file)(file);
    return;
  }
  const source = readFileSync(file, 'latin1'); // the bundle is ASCII (esbuild's default charset)
  const prefix = bundlePrefix(statSync(file), process.version, process.arch);
  const cacheFile = cacheDir ? path.join(cacheDir, 'v8', cacheFileName(prefix, label)) : undefined;
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    // Not made yet.
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
    // No importModuleDynamically: functions from a code cache lose it on Node 20, so the
    // build turns every import() into require() (scripts/build.js).
  });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    // At exit, the functions this command ran are compiled: they go in the cache too.
    process.once('exit', () => writeCache(cacheFile, prefix, script));
  }
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  const module = { exports: {}, filename: file, id: file };
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
}

function writeCache(cacheFile: string, prefix: string, script: vm.Script): void {
  const dir = path.dirname(cacheFile);
  if (!writeCacheFile(dir, path.basename(cacheFile), script.createCachedData())) return; // a read-only install: the next run compiles again
  // Caches of an older bundle (this Node's, with another size or time) are dead weight.
  const sameNode = `${process.version}-${process.arch}-`;
  try {
    for (const other of readdirSync(dir)) {
      if (other.startsWith(sameNode) && !other.startsWith(prefix)) rmSync(path.join(dir, other), { force: true });
    }
  } catch {
    // Untidy, not harmful.
  }
}
