/**
 * Whether nothing in the grading thread can still run learner code: given
 * `process.getActiveResourcesInfo()`, no timer, socket, worker, pending request or port is
 * left but the grader's own results port and handles that are closing. A quiet thread needs
 * no grace period after the last case: no late throw or rejection can come.
 */
export function isQuiet(resources: readonly string[], ownPorts = 1): boolean {
  let ports = 0;
  for (const resource of resources) {
    if (resource === 'CloseReq') continue;
    if (resource === 'MessagePort' && ++ports <= ownPorts) continue;
    return false;
  }
  return true;
}
