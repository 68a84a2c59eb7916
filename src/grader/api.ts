/** The grader as a library: what the benchmark scripts in bench/ drive directly (built to dist/grader/api.js). */
export { gradeFile } from './gradeFile.ts';
export { startSupervisor } from './startSupervisor.ts';
