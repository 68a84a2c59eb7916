import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defineCheck, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

/** Each read is held this long after the disk answered, so reads that overlap really overlap. */
const HOLD_MS = 40;
/** How long hashFolder gets in all (a sequential version of the largest case needs ~0.5 s). */
const GUARD_MS = 3000;

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** 512 KiB of deterministic noise (a linear congruential generator), so no two runs differ. */
function noise(size: number): Buffer {
  const data = Buffer.alloc(size);
  let state = 12345;
  for (let i = 0; i < size; i += 1) {
    state = (state * 1103515245 + 12345) >>> 0;
    data[i] = state >>> 24;
  }
  return data;
}

interface ReadStats {
  inFlight: number;
  max: number;
  readonly reads: Map<string, number>;
}

/** A temp folder with these files, and a readFile that counts the reads running at once. */
async function withFolder(files: Record<string, Buffer>, body: (dir: string, readFile: Exercise.ReadFile, stats: ReadStats) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'threadlings-hash-'));
  try {
    await Promise.all(Object.entries(files).map(([name, data]) => writeFile(path.join(dir, name), data)));
    const stats: ReadStats = { inFlight: 0, max: 0, reads: new Map() };
    const instrumented = async (file: string): Promise<Buffer> => {
      const name = path.relative(dir, path.resolve(String(file)));
      stats.reads.set(name, (stats.reads.get(name) ?? 0) + 1);
      stats.inFlight += 1;
      stats.max = Math.max(stats.max, stats.inFlight);
      try {
        const data = await readFile(file);
        await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
        return data;
      } finally {
        stats.inFlight -= 1;
      }
    };
    await body(dir, instrumented, stats);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** hashFolder's result within GUARD_MS; its own errors propagate (the grader shows the line). */
async function hashesOf(run: () => Promise<Record<string, string>>, t: Assertions): Promise<Record<string, string>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), GUARD_MS);
  });
  const running = Promise.resolve().then(run);
  running.catch(() => undefined);
  try {
    const result = await Promise.race([running, late]);
    if (result === 'late') t.fail(`hashFolder had not returned after ${GUARD_MS / 1000} s.`);
    return result;
  } finally {
    clearTimeout(timer);
  }
}

/** The result must map each file name to its digest; name the usual mistakes first. */
function expectHashes(t: Assertions, actual: Record<string, string>, files: Record<string, Buffer>): void {
  const expected = Object.fromEntries(Object.entries(files).map(([name, data]) => [name, sha256(data)]));
  const keys = Object.keys(actual ?? {});
  if (keys.some((key) => path.isAbsolute(key))) {
    t.fail(`the keys should be file names such as ${JSON.stringify(Object.keys(files)[0])}, not full paths: got ${JSON.stringify(keys[0])}.`);
  }
  const wrongBinary = 'bytes.bin' in files && actual?.['bytes.bin'] !== expected['bytes.bin'];
  const textRight = Object.keys(files).some((name) => name.endsWith('.txt') && actual?.[name] === expected[name]);
  if (wrongBinary && textRight && keys.includes('bytes.bin')) {
    t.fail('the hash of bytes.bin is wrong while the text files are right: hash the Buffer itself; decoding it to a string first changes every byte that is not valid UTF-8.');
  }
  t.equal(actual, expected, `hashFolder(dir with ${plural(Object.keys(files).length, 'file')})`);
}

function expectEachReadOnce(t: Assertions, files: Record<string, Buffer>, stats: ReadStats): void {
  if (stats.reads.size === 0) {
    t.fail('no file was read through the readFile you were given, so the check cannot see how many reads ran at once: read every file with readFile(path.join(dir, name)).');
  }
  for (const name of Object.keys(files)) {
    const count = stats.reads.get(name) ?? 0;
    t.ok(count === 1, `${name} was ${count === 0 ? 'never read' : `read ${count} times`}; read each file once, through readFile.`);
  }
}

const mixedFiles: Record<string, Buffer> = {
  'notes.txt': Buffer.from('Threads wait on I/O; so can promises.\n'),
  'empty.txt': Buffer.alloc(0),
  'poem.txt': Buffer.from('one thread,\nmany waits\n'),
  'bytes.bin': Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i)),
  'big.dat': noise(512 * 1024),
};

const manyFiles: Record<string, Buffer> = Object.fromEntries(
  Array.from({ length: 12 }, (_, i) => [`file-${String(i).padStart(2, '0')}.txt`, Buffer.from(`file number ${i}\n`.repeat(i + 1))]),
);

export default defineCheck<typeof Exercise>({
  exports: ['hashFolder'],
  cases: [
    {
      name: 'hashes the bytes of every file with SHA-256',
      run: (ex, t) =>
        withFolder(mixedFiles, async (dir, readFile, stats) => {
          const hashes = await hashesOf(() => ex.hashFolder(dir, 4, readFile), t);
          expectHashes(t, hashes, mixedFiles);
          expectEachReadOnce(t, mixedFiles, stats);
        }),
    },
    {
      name: 'keeps exactly 3 reads running for 12 files with a limit of 3',
      run: (ex, t) =>
        withFolder(manyFiles, async (dir, readFile, stats) => {
          const hashes = await hashesOf(() => ex.hashFolder(dir, 3, readFile), t);
          expectEachReadOnce(t, manyFiles, stats);
          if (stats.max > 3) {
            t.fail(`${stats.max} files were being read at once, but the limit is 3: nothing held the extra reads back (a Promise.all over every file starts them all together; on a big folder that runs out of file descriptors, EMFILE).`);
          }
          if (stats.max === 1) t.fail('only 1 file was read at a time: each read was awaited before the next one started; keep 3 reads going at once.');
          t.ok(stats.max === 3, `at most ${stats.max} reads ran at once; with 12 files and a limit of 3, keep 3 going.`);
          expectHashes(t, hashes, manyFiles);
        }),
    },
    {
      name: 'returns {} for an empty folder',
      run: (ex, t) =>
        withFolder({}, async (dir, readFile) => {
          t.equal(await hashesOf(() => ex.hashFolder(dir, 3, readFile), t), {}, 'hashFolder(empty dir)');
        }),
    },
  ],
});
