import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileHref, nestedStart, PREPARED_ENV, preparedModule } from '../../../src/grader/nestedStart.ts';

const sandbox = ['--permission', '--allow-fs-read=*', '--allow-fs-write=/tmp/scratch', '--allow-worker'];
const argv = { hooks: ['--import', 'hooks'], prelude: ['--import', 'prelude'], sandbox };
const learner = 'file:///ws/02-threads/join-all.ts';
const prepared = (href: string): string | undefined => (href === learner ? 'file:///cache/abc.mjs' : undefined);

describe('nestedStart', () => {
  it('runs a prepared file as its JavaScript, with the prelude and the caller’s options', () => {
    const start = nestedStart(new URL(learner), { workerData: { role: 'task' } }, prepared, argv);
    expect(String(start.filename)).toBe('file:///cache/abc.mjs');
    expect(start.options).toEqual({ workerData: { role: 'task' }, execArgv: ['--import', 'prelude'] });
  });

  it('finds a prepared file named by a path as well as by a URL', () => {
    expect(String(nestedStart('/ws/02-threads/join-all.ts', undefined, prepared, argv).filename)).toBe('file:///cache/abc.mjs');
  });

  it('gives anything else the loader hooks: other files, eval code', () => {
    expect(nestedStart('/ws/other.ts', undefined, prepared, argv)).toEqual({ filename: '/ws/other.ts', options: { execArgv: argv.hooks } });
    const code = 'postMessage(1)';
    expect(nestedStart(code, { eval: true }, () => 'file:///never.mjs', argv)).toEqual({ filename: code, options: { eval: true, execArgv: argv.hooks } });
  });

  it('keeps the execArgv the caller chose, within the sandbox', () => {
    const options = { execArgv: ['--no-warnings'] };
    expect(nestedStart(new URL(learner), options, prepared, argv)).toEqual({ filename: new URL(learner), options: { execArgv: [...sandbox, '--no-warnings'] } });
    const escape = { execArgv: ['--allow-fs-write=/'] };
    expect(nestedStart(new URL(learner), escape, prepared, argv).options.execArgv).toEqual(sandbox);
  });
});

describe('fileHref', () => {
  it('names files by URL, resolving relative paths, and nothing else', () => {
    expect(fileHref('/a/b.ts')).toBe('file:///a/b.ts');
    expect(fileHref('b.ts', '/a')).toBe('file:///a/b.ts');
    expect(fileHref(new URL('file:///a/b.ts'))).toBe('file:///a/b.ts');
    expect(fileHref('data:text/javascript,1')).toBeUndefined();
  });
});

describe('preparedModule', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'threadlings-nested-'));
  const plain = path.join(dir, 'plain.mjs');
  const dynamic = path.join(dir, 'dynamic.mjs');
  writeFileSync(plain, 'export const x = 1;');
  writeFileSync(dynamic, 'export const load = (file) => import(file);');
  const env = {
    [PREPARED_ENV]: JSON.stringify({
      'file:///ws/plain.ts': pathToFileURL(plain).href,
      'file:///ws/dynamic.ts': pathToFileURL(dynamic).href,
      'file:///ws/gone.ts': pathToFileURL(path.join(dir, 'gone.mjs')).href,
    }),
  };

  it('returns the prepared module of a file that imports nothing at run time', () => {
    expect(preparedModule('file:///ws/plain.ts', env)).toBe(pathToFileURL(plain).href);
  });

  it('refuses one with a run-time import(), one that is gone, and files it was not given', () => {
    expect(preparedModule('file:///ws/dynamic.ts', env)).toBeUndefined();
    expect(preparedModule('file:///ws/gone.ts', env)).toBeUndefined();
    expect(preparedModule('file:///ws/other.ts', env)).toBeUndefined();
    expect(preparedModule('file:///ws/plain.ts', { [PREPARED_ENV]: 'not json' })).toBeUndefined();
    expect(preparedModule('file:///ws/plain.ts', {})).toBeUndefined();
  });
});
