// The banner an ES module bundle needs when it bundles CommonJS dependencies: they expect
// require, __filename and __dirname. Used by build.js and by tests that bundle a program.
export const esmBanner = [
  "import { createRequire as __createRequire } from 'node:module';",
  "import { fileURLToPath as __fileURLToPath } from 'node:url';",
  'const require = __createRequire(import.meta.url);',
  'const __filename = __fileURLToPath(import.meta.url);',
  "const __dirname = __fileURLToPath(new URL('.', import.meta.url));",
].join(' ');
