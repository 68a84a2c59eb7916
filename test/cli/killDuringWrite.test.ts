import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { esmBanner } from '../../scripts/esmBanner.js';
import { parseProgress, progressFile, updateProgress } from '../../src/progress/progressStore.ts';

const store = fileURLToPath(new URL('../../src/progress/progressStore.ts', import.meta.url));
const temporary = mkdtempSync(path.join(os.tmpdir(), 'threadlings-kill-'));
const writer = path.join(temporary, 'writer.mjs');

// A process that saves progress in a tight loop, the real store bundled as the CLI is.
// The file is padded with many entries so that each write takes a while.
const writerSource = `
import { updateProgress } from ${JSON.stringify(store)};
const workspace = process.argv[2];
for (;;) {
  await updateProgress(workspace, (progress) => {
    const entry = progress.exercises['loop/count'] ?? { status: 'failing', attempts: 0 };
    progress.exercises['loop/count'] = { ...entry, attempts: entry.attempts + 1 };
    for (let i = 0; i < 2000; i++) progress.lessons['padding-' + i] = { readAt: new Date().toISOString() };
  });
}
`;

beforeAll(async () => {
  await build({
    stdin: { contents: writerSource, resolveDir: temporary, sourcefile: 'writer.ts', loader: 'ts' },
    outfile: writer,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: { js: esmBanner },
    logLevel: 'warning',
  });
});
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

function runAndKill(workspace: string, afterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, workspace], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`the writer stopped by itself (code ${code}): ${stderr}`));
    });
  });
}

describe('kill -9 while progress is being written', () => {
  it('always leaves a valid progress file, and the next save takes over the dead lock', { timeout: 240_000 }, async () => {
    const workspace = path.join(temporary, 'ws');
    mkdirSync(path.join(workspace, '.threadlings'), { recursive: true });
    const file = progressFile(workspace);
    let written = false;
    let last = 0;
    for (let round = 0; round < 15; round++) {
      await runAndKill(workspace, 150 + Math.floor(Math.random() * 600));
      if (!existsSync(file)) {
        expect(written, `progress.json vanished after round ${round}`).toBe(false);
      } else {
        written = true;
        const parsed = parseProgress(readFileSync(file, 'utf8'));
        expect(parsed, `round ${round}`).toMatchObject({ ok: true, dropped: [] });
        const attempts = parsed.ok ? (parsed.progress.exercises['loop/count']?.attempts ?? 0) : -1;
        expect(attempts, 'a saved update was lost').toBeGreaterThanOrEqual(last);
        last = attempts;
      }
      // The killed writer may have held the lock: this save must take it over, not fail.
      const after = await updateProgress(workspace, (progress) => {
        const entry = progress.exercises['loop/count'] ?? { status: 'failing', attempts: 0 };
        progress.exercises['loop/count'] = { ...entry, attempts: entry.attempts + 1 };
      });
      last = after.exercises['loop/count']?.attempts ?? 0;
      expect(last).toBeGreaterThan(0);
      expect(existsSync(`${file}.lock`)).toBe(false);
      expect(readdirSync(path.dirname(file)).filter((name) => /^progress\.json\.\d+$/.test(name)), 'orphaned temporary files').toEqual([]);
      written = true;
    }
  });
});
