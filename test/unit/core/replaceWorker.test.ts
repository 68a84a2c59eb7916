import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import type * as WorkerThreads from 'node:worker_threads';
import { replaceWorker } from '../../../src/grader/replaceWorker.ts';

describe('replaceWorker', () => {
  it('installs the replacement so that the original class cannot be reached back', () => {
    class Original extends EventEmitter {}
    const threads = { Worker: Original } as unknown as typeof WorkerThreads;
    replaceWorker((Base) => class Replacement extends Base {}, threads);
    const Installed = threads.Worker as unknown as new () => object;
    const instance = new Installed();
    expect(instance).toBeInstanceOf(Installed);
    expect(instance).toBeInstanceOf(Original);
    expect(Object.getPrototypeOf(Installed)).toBe(EventEmitter);
    expect(instance.constructor).toBe(Installed);
    expect(Object.getPrototypeOf(Installed.prototype).constructor).toBe(Installed);
    expect([Object.getPrototypeOf(Installed), instance.constructor, Object.getPrototypeOf(Installed.prototype).constructor]).not.toContain(Original);
  });
});
