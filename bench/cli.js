// Start-up and check latency of the CLI against a bare `node -e 0`, in the same run.
// Usage: npm run bench:cli [-- --runs 15] [--only <text>]
// `check` is timed twice: with no spare supervisor (the first check, or the first after 5 idle
// minutes) and with the spare the previous check left (every check after that).
// --only keeps the baseline and the cases whose label contains the text (e.g. --only progress).
// Reports medians (and min-max); never used as a test assertion.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 15;
const onlyFlag = process.argv.indexOf('--only');
const only = onlyFlag > 0 ? process.argv[onlyFlag + 1] : undefined;
const wanted = (label) => !only || label.startsWith('node') || label.includes(only);
const bin = path.join(root, 'bin', 'threadlings.js');
const fixture = path.join(root, 'test', 'fixtures', 'course');
const workspace = mkdtempSync(path.join(os.tmpdir(), 'threadlings-bench-'));
// Spares off, except where a case says otherwise.
const env = { ...process.env, THREADLINGS_COURSE_DIR: fixture, THREADLINGS_WORKSPACE: workspace, NO_COLOR: '1', THREADLINGS_SPARE: '0' };
// A check that finds the spare the previous one left (they leave after 5 s here, not 5 min).
const spareEnv = { ...env, THREADLINGS_SPARE: '1', THREADLINGS_SPARE_IDLE_MS: '5000' };
/** The learner reads the verdict and edits before checking again: time for the spare to boot. */
const SPARE_PAUSE_MS = 600;

function time(args, status, caseEnv = env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env: caseEnv, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== status) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

function pause(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function measure(args, status = 0, count = runs, caseEnv = env, pauseMs = 0) {
  time(args, status, caseEnv); // warm the file cache (and the transform cache for checks)
  const samples = Array.from({ length: count }, () => (pause(pauseMs), time(args, status, caseEnv))).sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], min: samples[0], max: samples.at(-1) };
}

// A workspace whose `basics/add` holds the passing solution.
spawnSync(process.execPath, [bin, 'init'], { env });
cpSync(path.join(fixture, 'exercises', '01-basics', 'add', 'solution.ts'), path.join(workspace, '01-basics', 'add.ts'));
cpSync(path.join(fixture, 'exercises', '01-basics', 'square', 'solution.ts'), path.join(workspace, '01-basics', 'square.ts'));

// `check --all` grades the real course's untouched starters, several at once.
const courseWorkspace = mkdtempSync(path.join(os.tmpdir(), 'threadlings-bench-course-'));
const courseEnv = { ...process.env, THREADLINGS_WORKSPACE: courseWorkspace, NO_COLOR: '1', THREADLINGS_SPARE: '0' };
delete courseEnv.THREADLINGS_COURSE_DIR;
spawnSync(process.execPath, [bin, 'init'], { env: courseEnv });
const courseExercises = JSON.parse(spawnSync(process.execPath, [bin, 'list', '--json'], { env: courseEnv, encoding: 'utf8' }).stdout);
const courseSize = courseExercises.length;
const courseLessons = new Set(courseExercises.map((exercise) => exercise.lesson)).size;
// `progress` reads a learner's record: one exercise attempted (its starter fails).
spawnSync(process.execPath, [bin, 'check', courseExercises[0].id], { env: courseEnv });

const cases = [
  ['node -e 0 (baseline)', ['-e', '0']],
  ['threadlings --version', [bin, '--version']],
  [`threadlings progress (${courseLessons} lessons)`, [bin, 'progress'], 0, runs, courseEnv],
  ['check basics/add, first (no spare)', [bin, 'check', 'basics/add']],
  ['check basics/add, again (spare ready)', [bin, 'check', 'basics/add'], 0, runs, spareEnv, SPARE_PAUSE_MS],
  [`check --all (${courseSize} course starters)`, [bin, 'check', '--all'], 1, 3, courseEnv],
  ['check of an endless loop (timeout 1.5 s)', [bin, 'check', 'hostile/loop'], 1, 3],
];
const results = cases
  .filter(([label]) => wanted(label))
  .map(([label, args, status, count, caseEnv, pauseMs]) => [label, measure(args, status, count, caseEnv, pauseMs)]);

// Watch mode: a spare supervisor has booted while the learner edited; grading again costs the
// exercise's own work plus this overhead (target: at most 50 ms).
const { gradeFile, startSupervisor } = await import(new URL('../dist/grader/api.js', import.meta.url).href);
const request = {
  checkFile: path.join(fixture, 'exercises', '01-basics', 'add', 'check.ts'),
  learnerFile: path.join(workspace, '01-basics', 'add.ts'),
  timeoutMs: 10_000,
};
const overheads = [];
for (let i = 0; wanted('watch re-grade') && i <= runs; i++) {
  const spare = startSupervisor();
  await new Promise((resolve) => setTimeout(resolve, 400)); // the learner is still typing
  const started = process.hrtime.bigint();
  const result = await gradeFile(request, spare);
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  if (!result.passed) throw new Error(`the watch re-grade failed: ${result.summary}`);
  if (i > 0) overheads.push(wall - result.workMs); // the first run warms the caches
}
overheads.sort((a, b) => a - b);
if (overheads.length > 0) results.push(['watch re-grade, overhead over the work', { median: overheads[Math.floor(overheads.length / 2)], min: overheads[0], max: overheads.at(-1) }]);
const baseline = results[0][1].median;
console.log(`CLI latency, ${runs} runs each, median (min-max); ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}`);
for (const [label, r] of results) {
  if (label.startsWith('watch')) {
    console.log(`${label.padEnd(40)} ${r.median.toFixed(0).padStart(5)} ms (${r.min.toFixed(0)}-${r.max.toFixed(0)})`);
    continue;
  }
  console.log(`${label.padEnd(40)} ${r.median.toFixed(0).padStart(5)} ms (${r.min.toFixed(0)}-${r.max.toFixed(0)})  ${(r.median / baseline).toFixed(2)}x node`);
}
rmSync(workspace, { recursive: true, force: true });
rmSync(courseWorkspace, { recursive: true, force: true });
if (process.env.NODE_EXTRA_CA_CERTS) {
  console.log(
    'Note: NODE_EXTRA_CA_CERTS is set. Node 20 reads that bundle at every start (the baseline pays it too; the grader drops it).\n' +
      'For a machine without it: env -u NODE_EXTRA_CA_CERTS npm run bench:cli',
  );
}
