import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyAttempt } from '../../../src/progress/applyAttempt.ts';
import { emptyProgress } from '../../../src/progress/progressSchema.ts';
import lockfile from 'proper-lockfile';
import { LOCK_OPTIONS, parseProgress, progressFile, readProgress, updateProgress } from '../../../src/progress/progressStore.ts';

const temporary: string[] = [];
function workspace(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'threadlings-ws-'));
  mkdirSync(path.join(dir, '.threadlings'));
  temporary.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('applyAttempt', () => {
  it('counts attempts, keeps the first pass and the best time', () => {
    const progress = emptyProgress();
    applyAttempt(progress, 'a/b', { passed: false, workMs: 5 }, new Date('2026-01-01T00:00:00Z'));
    expect(progress.exercises['a/b']).toMatchObject({ status: 'failing', attempts: 1 });
    applyAttempt(progress, 'a/b', { passed: true, workMs: 30 }, new Date('2026-01-02T00:00:00Z'));
    applyAttempt(progress, 'a/b', { passed: true, workMs: 10 }, new Date('2026-01-03T00:00:00Z'));
    applyAttempt(progress, 'a/b', { passed: false, workMs: 1 }, new Date('2026-01-04T00:00:00Z'));
    expect(progress.exercises['a/b']).toMatchObject({ status: 'done', attempts: 4, bestMs: 10, firstPassAt: '2026-01-02T00:00:00.000Z' });
  });
});

describe('parseProgress', () => {
  it('explains invalid JSON and invalid fields', () => {
    expect(parseProgress('{oops')).toMatchObject({ ok: false, problem: expect.stringContaining('not valid JSON') });
    expect(parseProgress('{"schema":1,"exercises":[],"lessons":{}}')).toMatchObject({ ok: false, problem: expect.stringContaining('exercises') });
    expect(parseProgress('{"schema":1,"exercises":{"x":{"status":"won","attempts":1}},"lessons":{}}')).toMatchObject({
      ok: true,
      dropped: [{ section: 'exercises', id: 'x', problem: expect.stringContaining('status') }],
    });
  });
});

describe('readProgress and updateProgress', () => {
  it('treats a missing file as empty progress', () => {
    expect(readProgress(workspace())).toEqual(emptyProgress());
  });

  it('keeps a corrupt file aside, says where, and exits 3', () => {
    const dir = workspace();
    writeFileSync(progressFile(dir), '{"schema":1,"exerc');
    expect(() => readProgress(dir)).toThrow(expect.objectContaining({ code: 3, message: expect.stringContaining('progress.json.corrupt-') }));
    const backups = readdirSync(path.join(dir, '.threadlings')).filter((name) => name.startsWith('progress.json.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(path.join(dir, '.threadlings', backups[0] ?? ''), 'utf8')).toBe('{"schema":1,"exerc');
    expect(existsSync(progressFile(dir))).toBe(false);
  });

  it('leaves a file from a newer threadlings untouched and says to upgrade (exit 3)', async () => {
    const dir = workspace();
    const text = '{"schema":99,"exercises":{},"lessons":{},"future":true}';
    writeFileSync(progressFile(dir), text);
    const newer = expect.objectContaining({ code: 3, message: expect.stringMatching(/written by a newer threadlings .* upgrade threadlings/) });
    expect(() => readProgress(dir)).toThrow(newer);
    await expect(updateProgress(dir, () => {})).rejects.toThrow(newer);
    expect(readFileSync(progressFile(dir), 'utf8')).toBe(text);
    expect(readdirSync(path.join(dir, '.threadlings'))).toEqual(['progress.json']);
  });

  it('migrates the old layout on the next save', async () => {
    const dir = workspace();
    writeFileSync(progressFile(dir), '{"version":0,"done":["a/b"]}');
    expect(readProgress(dir).exercises['a/b']).toEqual({ status: 'done', attempts: 1 });
    await updateProgress(dir, (p) => applyAttempt(p, 'a/c', { passed: false, workMs: 1 }, new Date()));
    const saved = JSON.parse(readFileSync(progressFile(dir), 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ schema: 1, exercises: { 'a/b': { status: 'done', attempts: 1 }, 'a/c': { status: 'failing', attempts: 1 } } });
  });

  it('sets invalid entries aside in a backup on the next save and keeps the rest', async () => {
    const dir = workspace();
    writeFileSync(progressFile(dir), '{"schema":1,"exercises":{"a/ok":{"status":"done","attempts":2},"a/bad":{"status":"won","attempts":1}},"lessons":{}}');
    expect(Object.keys(readProgress(dir).exercises)).toEqual(['a/ok']);
    await updateProgress(dir, () => {});
    const backups = readdirSync(path.join(dir, '.threadlings')).filter((name) => name.startsWith('progress.json.dropped-'));
    expect(backups).toHaveLength(1);
    const backup = JSON.parse(readFileSync(path.join(dir, '.threadlings', backups[0] ?? ''), 'utf8')) as Record<string, unknown>;
    expect(backup).toMatchObject({ exercises: { 'a/bad': { status: 'won', attempts: 1 } }, problems: [expect.stringContaining('exercises.a/bad.status')] });
    expect(JSON.parse(readFileSync(progressFile(dir), 'utf8'))).toMatchObject({ exercises: { 'a/ok': { status: 'done', attempts: 2 } } });
    expect(readFileSync(progressFile(dir), 'utf8')).not.toContain('a/bad');
  });

  it('does not take the lock from a live holder that keeps it longer than the stale time', { timeout: 30_000 }, async () => {
    const dir = workspace();
    const events: string[] = [];
    const release = await lockfile.lock(progressFile(dir), LOCK_OPTIONS); // refreshes its mtime every `update` ms
    const waiting = updateProgress(dir, () => void events.push('update'));
    await new Promise((resolve) => setTimeout(resolve, LOCK_OPTIONS.stale + 1_500));
    events.push('release');
    await release();
    await waiting;
    expect(events).toEqual(['release', 'update']);
  });

  it('keeps the old file and leaves no temporary file when a write fails', async () => {
    const dir = workspace();
    await updateProgress(dir, (p) => applyAttempt(p, 'a/one', { passed: true, workMs: 3 }, new Date()));
    const before = readFileSync(progressFile(dir), 'utf8');
    // A folder where the temporary file goes: the write fails before anything is replaced.
    mkdirSync(`${progressFile(dir)}.${process.pid}`);
    await expect(updateProgress(dir, (p) => applyAttempt(p, 'a/two', { passed: true, workMs: 3 }, new Date()))).rejects.toThrow(/progress/);
    expect(readFileSync(progressFile(dir), 'utf8')).toBe(before);
    expect(readdirSync(path.dirname(progressFile(dir))).filter((name) => name !== `progress.json.${process.pid}`).sort()).toEqual(['progress.json']);
  });

  it('loses no update when many writers race', async () => {
    const dir = workspace();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        updateProgress(dir, (p) => applyAttempt(p, `lesson/ex${i % 4}`, { passed: i % 2 === 0, workMs: i }, new Date())),
      ),
    );
    const progress = readProgress(dir);
    const attempts = Object.values(progress.exercises).reduce((sum, e) => sum + e.attempts, 0);
    expect(attempts).toBe(20);
  });
});
