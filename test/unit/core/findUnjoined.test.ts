import { describe, expect, it } from 'vitest';
import { findUnjoined, type WorkerRecord } from '../../../src/grader/findUnjoined.ts';
import { workerRecord } from '../../../src/grader/workerRecord.ts';

const at = (line: number) => ({ file: '/ws/02-threads/join.ts', line, column: 3 });
const learners: WorkerRecord = { listened: false, terminated: false, unrefd: false, byLearner: true, location: at(12) };

describe('findUnjoined', () => {
  it('reports a worker the learner started that nobody listened to, terminated or unref()ed, with where it started', () => {
    expect(findUnjoined([learners])).toEqual({ unjoined: 1, started: 1, location: at(12) });
  });

  it('counts a worker as joined by any one of a listener, terminate() or unref()', () => {
    const joined = [{ ...learners, listened: true }, { ...learners, terminated: true }, { ...learners, unrefd: true }];
    expect(findUnjoined(joined)).toBeUndefined();
    expect(findUnjoined([...joined, { ...learners, location: at(30) }])).toEqual({ unjoined: 1, started: 4, location: at(30) });
  });

  it("never counts the check's own workers, joined or not", () => {
    expect(findUnjoined([{ ...learners, byLearner: false }])).toBeUndefined();
    expect(findUnjoined([{ ...learners, byLearner: false }, { ...learners, listened: true }])).toBeUndefined();
  });

  it('names the first unjoined worker with a known place, and none when no stack gave one', () => {
    const { location: _, ...nowhere } = learners;
    expect(findUnjoined([nowhere, { ...learners, location: at(40) }])).toEqual({ unjoined: 2, started: 2, location: at(40) });
    expect(findUnjoined([nowhere])).toEqual({ unjoined: 1, started: 1 });
  });

  it('finds nothing when no worker was started', () => {
    expect(findUnjoined([])).toBeUndefined();
  });
});

describe('workerRecord', () => {
  const checkFile = '/course/exercises/02-threads/join/check.ts';
  const isLearnerFile = (file: string) => file !== checkFile && file.startsWith('/ws/02-threads/');
  const seen = { listened: false, terminated: true, unrefd: false };
  const stack = (...files: string[]) =>
    ['Error: started', '    at creationStack (file:///app/dist/grader/threadTracker.js:20:12)', ...files.map((file, i) => `    at f${i} (${file}:${i + 5}:7)`)].join('\n');

  it("is the learner's when the innermost known frame is in the learner's file, placed there", () => {
    const record = workerRecord({ ...seen, stack: stack('file:///ws/02-threads/join.ts', checkFile) }, isLearnerFile, checkFile);
    expect(record).toEqual({ listened: false, terminated: true, unrefd: false, byLearner: true, location: { file: '/ws/02-threads/join.ts', line: 5, column: 7 } });
  });

  it("is the check's when the check file comes first, even if learner code called it", () => {
    const record = workerRecord({ ...seen, stack: stack(checkFile, '/ws/02-threads/join.ts') }, isLearnerFile, checkFile);
    expect(record).toEqual({ listened: false, terminated: true, unrefd: false, byLearner: false });
  });

  it('skips frames of the grader and libraries, and counts a stack naming neither side as not the learner\'s', () => {
    const library = '/ws/node_modules/pool/dist/index.js';
    const inWorkspace = (file: string) => file.startsWith('/ws/02-threads/');
    expect(workerRecord({ ...seen, stack: stack(library, '/ws/02-threads/join.ts') }, inWorkspace, checkFile).byLearner).toBe(true);
    expect(workerRecord({ ...seen, stack: stack(library, 'node:internal/process/task_queues') }, inWorkspace, checkFile).byLearner).toBe(false);
    expect(workerRecord({ ...seen, stack: '' }, isLearnerFile, checkFile).byLearner).toBe(false);
  });
});
