import { describe, expect, it } from 'vitest';
import { isQuiet } from '../../../src/grader/isQuiet.ts';

describe('isQuiet', () => {
  it('is quiet with only the results port and closing handles', () => {
    expect(isQuiet([])).toBe(true);
    expect(isQuiet(['MessagePort'])).toBe(true);
    expect(isQuiet(['CloseReq', 'MessagePort', 'CloseReq'])).toBe(true);
  });

  it('is not quiet while a timer, a worker, a request or a second port is left', () => {
    expect(isQuiet(['MessagePort', 'Timeout'])).toBe(false);
    expect(isQuiet(['MessagePort', 'Immediate'])).toBe(false);
    expect(isQuiet(['MessagePort', 'Worker'])).toBe(false);
    expect(isQuiet(['MessagePort', 'FSReqCallback'])).toBe(false);
    expect(isQuiet(['MessagePort', 'MessagePort'])).toBe(false);
  });
});
