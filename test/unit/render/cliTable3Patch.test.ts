// The CLI's bundle rewrites two slow spots of cli-table3 (scripts/buildPlugins.js). The
// rewritten package must draw every table exactly as the published one does.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPlugins } from '../../../scripts/buildPlugins.js';

type TableClass = new (options?: object) => unknown[] & { toString(): string };

const root = path.resolve(import.meta.dirname, '../../..');
const requireHere = createRequire(path.join(root, 'package.json'));
const Published = requireHere('cli-table3') as TableClass;

async function patchedTable(): Promise<TableClass> {
  const result = await build({
    stdin: { contents: "module.exports = require('cli-table3');", resolveDir: root, loader: 'js' },
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    external: ['@colors/colors', '@colors/colors/*'],
    plugins: cliPlugins,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  if (!code.includes('camelNames') || !code.includes('table.every(full)')) throw new Error('the bundle is not patched');
  const module = { exports: {} as unknown };
  new Function('module', 'exports', 'require', code)(module, module.exports, requireHere);
  return module.exports as TableClass;
}

/** Tables of every shape cli-table3 draws: spans, gaps, per-cell options, wrapping, colour. */
const cases: [string, object, unknown[][] | object[]][] = [
  [
    'the house style (progress)',
    {
      head: ['#', 'lesson', 'read', 'exercises'],
      style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
      colAligns: ['right', 'left', 'left', 'left'],
    },
    [
      ['01', 'Processes vs threads', 'yes', '[##########] 100% 2/2'],
      ['02', 'Creating and joining threads', 'no', '[---] 0% 0/3'],
    ],
  ],
  ['defaults, no head', {}, [['a', 'b'], ['c', 'd']]],
  ['coloured head and border', { head: ['x', 'y'], style: { head: ['red'], border: ['grey'] } }, [['1', '2']]],
  [
    'row and column spans',
    {},
    [
      [{ content: 'a', rowSpan: 2, colSpan: 2 }, 'b'],
      ['c'],
      ['d', { content: 'e', colSpan: 2, hAlign: 'center' }],
      [{ content: 'f\ng\nh', rowSpan: 2, vAlign: 'bottom' }, 'i', 'j'],
      ['k', { content: 'l', vAlign: 'center' }],
    ],
  ],
  ['rows of different lengths (gaps filled)', { head: ['a', 'b', 'c'] }, [['1'], ['2', '3'], ['4', '5', '6']]],
  [
    'per-cell characters and padding',
    { style: { 'padding-left': 2 } },
    [[{ content: 'x', chars: { left: '!', 'top-left': '+' }, style: { 'padding-right': 3 } }, 'y']],
  ],
  ['word wrap in fixed widths', { colWidths: [8, 12], wordWrap: true, wrapOnWordBoundary: false }, [['a long cell to wrap', 'short'], ['b', 'another long one here']]],
  ['truncation', { colWidths: [5, 6], truncate: '~' }, [['truncated text', 'more text here']]],
  ['compact', { style: { compact: true }, head: ['h'] }, [['a'], ['b']]],
  ['vertical (objects)', {}, [{ key: 'value' }, { other: ['a', 'b'] }]],
];

describe('cli-table3 as the CLI bundles it', () => {
  it.each(cases)('draws %s as the published package does', async (_name, options, rows) => {
    const Patched = await patchedTable();
    const draw = (Table: TableClass): string => {
      const table = new Table(options);
      for (const row of rows) table.push(row);
      return table.toString();
    };
    expect(draw(Patched)).toBe(draw(Published));
  });
});
