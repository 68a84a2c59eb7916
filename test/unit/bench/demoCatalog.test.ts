import { describe, expect, it } from 'vitest';
import { ExitError } from '../../../src/cli/exitError.ts';
import { parseWorkerList } from '../../../src/cli/commands/bench.ts';
import { DEMOS, findDemo } from '../../../src/bench/demoCatalog.ts';
import { DEMO_IDS } from '../../../src/bench/benchResult.ts';
import { defaultWorkerCounts } from '../../../src/bench/machine.ts';

function usage(run: () => unknown): ExitError {
  try {
    run();
  } catch (error) {
    if (error instanceof ExitError) return error;
    throw error;
  }
  throw new Error('expected a usage error');
}

describe('the demo catalog', () => {
  it('lists every demo once, in the documented order', () => {
    expect(DEMOS.map((demo) => demo.id)).toEqual([...DEMO_IDS]);
  });

  it('finds demos by id and by unique prefix', () => {
    expect(findDemo('cpu').id).toBe('cpu');
    expect(findDemo('thread').id).toBe('threadpool');
    expect(findDemo(' RACE ').id).toBe('race');
  });

  it('answers a typo with a usage error and a suggestion', () => {
    const error = usage(() => findDemo('cpo'));
    expect(error.code).toBe(2);
    expect(error.message).toBe('Unknown demo "cpo". Did you mean "cpu"? Run `threadlings bench` to see the demos.');
    expect(usage(() => findDemo('zzzzzzzz')).message).not.toContain('Did you mean');
  });

  it('tries 1, 2, 4... up to twice the cores by default', () => {
    expect(defaultWorkerCounts(2)).toEqual([1, 2, 4]);
    expect(defaultWorkerCounts(1)).toEqual([1, 2]);
    expect(defaultWorkerCounts(8)).toEqual([1, 2, 4, 8, 16]);
  });
});

describe('--workers', () => {
  it('takes a comma-separated list, sorted and without repeats', () => {
    expect(parseWorkerList('4,1, 2,2')).toEqual([1, 2, 4]);
  });

  it.each(['0', '1,,2', 'two', '1.5', '-1', '999'])('refuses %j', (text) => {
    expect(usage(() => parseWorkerList(text)).code).toBe(2);
  });
});
