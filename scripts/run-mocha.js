#!/usr/bin/env node
// The unit suite (plain Node) through mocha's API, so its counts reach scripts/test.js.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { Mocha } = require('mocha');

const root = path.resolve(__dirname, '..');
const mocha = new Mocha({ timeout: 10_000, reporter: 'spec' });
const walk = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : entry.name.endsWith('.test.js') ? [full] : [];
  });
walk(path.join(root, 'out', 'test', 'unit'))
  .sort()
  .forEach((file) => mocha.addFile(file));
const runner = mocha.run((failures) => {
  if (process.env.GREEN_API_TEST_RESULTS) {
    const { passes, pending } = runner.stats;
    fs.writeFileSync(process.env.GREEN_API_TEST_RESULTS, JSON.stringify({ passes, failures, pending }));
  }
  // Keep-alive sockets and emulator timers must not hold the process.
  process.exit(failures === 0 ? 0 : 1);
});
