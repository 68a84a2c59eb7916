// esbuild plugins for the CLI's bundle. Some dependencies pay at start-up, or in bundle
// size, for things we never or rarely use; their imports are pointed elsewhere, and two slow
// spots of cli-table3 are rewritten (with a test that its tables come out the same).
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/**
 * Gives `importer`'s imports of `specifier` a stand-in module whose source is `contents`;
 * inside it, `specifier` is the real module, left to load from node_modules when first used.
 */
function standIn(name, specifier, importer, contents) {
  const namespace = `threadlings-${name}`;
  return {
    name,
    setup(build) {
      build.onResolve({ filter: specifier }, (args) => {
        if (args.namespace === namespace) return { path: args.path, external: true };
        return importer.test(args.importer) ? { path: name, namespace } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace }, () => ({ contents, loader: 'js', resolveDir: root }));
    },
  };
}

/**
 * Rewrites exact pieces of one dependency's file as it is bundled. The build fails when a
 * piece is not found (a new version of the dependency), so that none ships half patched.
 */
function patch(name, file, replacements) {
  return {
    name,
    setup(build) {
      build.onLoad({ filter: file }, async (args) => {
        let contents = await readFile(args.path, 'utf8');
        for (const [from, to] of replacements) {
          if (!contents.includes(from)) {
            throw new Error(`${name}: ${path.relative(root, args.path)} no longer has ${JSON.stringify(from.split('\n')[0])}; check the patch against this version`);
          }
          contents = contents.replace(from, to);
        }
        return { contents, loader: 'js' };
      });
    },
  };
}

const sep = path.sep === '\\' ? '\\\\' : '/';
const inPackage = (name) => new RegExp(`${sep}node_modules${sep}${name.replace('/', sep)}${sep}`);
const packageFile = (name, file) => new RegExp(`${inPackage(name).source}${file.replaceAll('/', sep).replaceAll('.', '\\.')}$`);

export const cliPlugins = [
  // commander requires node:child_process (8 ms) at load, only to run executable
  // subcommands, which we have none of.
  standIn(
    'lazy-child-process',
    /^(node:)?child_process$/,
    inPackage('commander'),
    "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
  ),
  // @inquirer/prompts brings its editor prompt, which we never show, and with it 650 KB of
  // character-set tables that every start would read (40% of the bundle).
  standIn(
    'lazy-external-editor',
    /^@inquirer\/external-editor$/,
    inPackage('@inquirer/editor'),
    "export const editAsync = (...args) => require('@inquirer/external-editor').editAsync(...args);",
  ),
  // cli-table3 measures every cell with string-width; ours answers at once for the
  // characters we draw (src/render/fastStringWidth.ts). cli-table3 requires it as
  // CommonJS: it wants the function, not a module namespace.
  standIn(
    'fast-string-width',
    /^string-width$/,
    inPackage('cli-table3'),
    `module.exports = require(${JSON.stringify(path.join(root, 'src', 'render', 'fastStringWidth.ts'))}).default;`,
  ),
  // chalk asks supports-color, at load, how many colours its default instance may use, and
  // supports-color loads node:tty (and with it Node's net and stream modules, ~5 ms) to ask.
  // Our own colours come from src/cli/context.ts; the default instance only colours ora's
  // spinner, which runs on a terminal. So unless a standard stream may be a terminal (is a
  // character device), FORCE_COLOR is set or this is Windows, the answer is no colour, without
  // loading node:tty.
  standIn(
    'quiet-supports-color',
    /^#supports-color$/,
    inPackage('chalk'),
    `const { isCharacterDevice } = require(${JSON.stringify(path.join(root, 'src', 'cli', 'stdout.ts'))});
module.exports = process.platform === 'win32' || isCharacterDevice(1) || isCharacterDevice(2) || 'FORCE_COLOR' in process.env
  ? require(${JSON.stringify(path.join(root, 'node_modules', 'chalk', 'source', 'vendor', 'supports-color', 'index.js'))}).default
  : { stdout: false, stderr: false };`,
  ),
  // cli-table3 merges ~20 options into each cell by splitting and joining their names and
  // filtering an array of candidates, and looks for gaps in the grid by comparing each
  // position with every cell before it: ~10 ms for the 14-row progress table, at every
  // start, in code too cold to be optimised. The same answers without the waste
  // (test/unit/render/cliTable3Patch.test.ts compares tables with the unpatched package's).
  patch('fast-cli-table3-cell', packageFile('cli-table3', 'src/cell.js'), [
    [
      `function firstDefined(...args) {
  return args.filter((v) => v !== undefined && v !== null).shift();
}`,
      `function firstDefined(a, b, c, d) {
  if (a !== undefined && a !== null) return a;
  if (b !== undefined && b !== null) return b;
  if (c !== undefined && c !== null) return c;
  if (d !== undefined && d !== null) return d;
  return undefined;
}`,
    ],
    [
      `function setOption(objA, objB, nameB, targetObj) {
  let nameA = nameB.split('-');
  if (nameA.length > 1) {
    nameA[1] = nameA[1].charAt(0).toUpperCase() + nameA[1].substr(1);
    nameA = nameA.join('');
    targetObj[nameA] = firstDefined(objA[nameA], objA[nameB], objB[nameA], objB[nameB]);
  } else {
    targetObj[nameB] = firstDefined(objA[nameB], objB[nameB]);
  }
}`,
      `const camelNames = new Map();
function setOption(objA, objB, nameB, targetObj) {
  let nameA = camelNames.get(nameB);
  if (nameA === undefined) {
    const parts = nameB.split('-');
    if (parts.length > 1) parts[1] = parts[1].charAt(0).toUpperCase() + parts[1].substr(1);
    nameA = parts.join('');
    camelNames.set(nameB, nameA);
  }
  if (nameA !== nameB) {
    targetObj[nameA] = firstDefined(objA[nameA], objA[nameB], objB[nameA], objB[nameB]);
  } else {
    targetObj[nameB] = firstDefined(objA[nameB], objB[nameB]);
  }
}`,
    ],
  ]),
  patch('fast-cli-table3-layout', packageFile('cli-table3', 'src/layout-manager.js'), [
    [
      `    debug(\`Max rows: \${h_max}; Max cols: \${w_max}\`);
`,
      `    debug(\`Max rows: \${h_max}; Max cols: \${w_max}\`);
    // Without spans, a grid whose every row has a cell at each column has no gap to fill.
    const full = (row, y) => row.length === w_max && row.every((cell, x) => cell.x === x && cell.y === y && (cell.colSpan || 1) === 1 && (cell.rowSpan || 1) === 1);
    if (table.every(full)) return;
`,
    ],
  ]),
];
