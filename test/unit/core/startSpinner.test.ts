import { describe, expect, it } from 'vitest';
import type { Context } from '../../../src/cli/context.ts';
import { startSpinner } from '../../../src/cli/startSpinner.ts';

const ctx = (interactive: boolean, json = false) => ({ interactive, json }) as Context;

describe('startSpinner', () => {
  it('starts none for --json or when nobody watches', async () => {
    expect(await startSpinner(ctx(false), 'x')).toBeUndefined();
    expect(await startSpinner(ctx(true, true), 'x')).toBeUndefined();
  });

  it('starts none where standard error reports no width, which would make ora clear lines forever', async () => {
    const columns = Object.getOwnPropertyDescriptor(process.stderr, 'columns');
    Object.defineProperty(process.stderr, 'columns', { value: 0, configurable: true });
    try {
      expect(await startSpinner(ctx(true), 'x')).toBeUndefined();
    } finally {
      if (columns) Object.defineProperty(process.stderr, 'columns', columns);
      else delete (process.stderr as { columns?: number }).columns;
    }
  });
});
