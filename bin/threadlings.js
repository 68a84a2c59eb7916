#!/usr/bin/env node
// CommonJS (bin/package.json says so), because an ES-module entry costs Node ~10 ms more to
// start. The name stays threadlings.js: npx remembers a clone's bin path from its first run.
require('../dist/cli/start.cjs');
