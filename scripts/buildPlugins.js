// esbuild plugins for the CLI's bundle. Some dependencies pay at start-up, or in bundle
// size, for things we never or rarely use; their imports are pointed elsewhere.
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

const sep = path.sep === '\\' ? '\\\\' : '/';
const inPackage = (name) => new RegExp(`${sep}node_modules${sep}${name.replace('/', sep)}${sep}`);

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
];
