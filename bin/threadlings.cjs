#!/usr/bin/env node
// CommonJS, because an ES module entry costs Node ~10 ms more to start.
require('../dist/cli/start.cjs');
