#!/usr/bin/env node
// `npm test`: every suite, from a fresh clone. Installs what is missing (npm packages,
// and as root the Debian packages the real VS Code needs), builds, runs the unit tests,
// then the integration suite inside the oldest VS Code package.json's engines.vscode
// promises and inside the newest one we test (scripts/code-server-versions.json), then
// the end-to-end suite in the newest, and prints one closing line: "total: N passed, N failed".
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const SYSTEM_PACKAGES = {
  '/usr/bin/chromium': 'chromium',
  '/usr/bin/rg': 'ripgrep',
  '/usr/include/gssapi/gssapi.h': 'libkrb5-dev',
};

function sh(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function must(command, args) {
  const status = sh(command, args);
  if (status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${status}).`);
    process.exit(status);
  }
}

function ensureSystemPackages() {
  const missing = Object.entries(SYSTEM_PACKAGES)
    .filter(([file]) => !fs.existsSync(file))
    .map(([, pkg]) => pkg);
  if (missing.length === 0) return;
  if (!isRoot) {
    console.error(
      `The real-VS-Code suites need these Debian packages: ${missing.join(' ')}.\nInstall them (sudo apt-get install ${missing.join(' ')}) and run npm test again.`,
    );
    process.exit(1);
  }
  console.log(`Installing ${missing.join(', ')} with apt-get…`);
  must('apt-get', ['update', '-qq']);
  must('apt-get', ['install', '-y', '-qq', ...missing]);
}

/** Runs a suite and reads its counts, from a results file or from mocha's summary. `env` is added to ours. */
function runSuite(label, command, args, env = {}) {
  const resultsFile = path.join(os.tmpdir(), `green-api-${label.replace(/[^\w.-]+/g, '-')}-${process.pid}.json`);
  fs.rmSync(resultsFile, { force: true });
  const status = sh(command, args, { env: { ...process.env, ...env, GREEN_API_TEST_RESULTS: resultsFile } });
  let counts = { passes: 0, failures: status === 0 ? 0 : 1, pending: 0 };
  if (fs.existsSync(resultsFile)) counts = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  fs.rmSync(resultsFile, { force: true });
  if (status !== 0 && counts.failures === 0) counts.failures = 1; // it crashed before it could count
  console.log(
    `${label}: ${counts.passes} passed, ${counts.failures} failed${counts.pending ? `, ${counts.pending} skipped` : ''}\n`,
  );
  return counts;
}

if (!fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) must('npm', ['ci']);
ensureSystemPackages();
must('npm', ['run', '--silent', 'build']);

// The integration suite on both ends of the VS Code range we claim; runInCodeServer.js fails
// the run when the extension host reports another VS Code version than the one asked for.
const versions = JSON.parse(fs.readFileSync(path.join(root, 'scripts', 'code-server-versions.json'), 'utf8'));
const suites = [runSuite('unit', process.execPath, [path.join(root, 'scripts', 'run-mocha.js')])];
for (const which of ['oldest', 'newest']) {
  const { codeServer, vscode } = versions[which];
  suites.push(
    runSuite(
      `integration, VS Code ${vscode} (${which})`,
      process.execPath,
      [path.join(root, 'out', 'test', 'harness', 'runInCodeServer.js')],
      { CODE_SERVER_VERSION: codeServer, GREEN_API_EXPECT_VSCODE: vscode },
    ),
  );
}
// Workspace trust on, an untrusted folder, the extension installed from its .vsix.
suites.push(
  runSuite('restricted mode', process.execPath, [path.join(root, 'out', 'test', 'harness', 'runUntrusted.js')]),
);
if (fs.existsSync(path.join(root, 'out', 'test', 'e2e', 'run.js'))) {
  suites.push(runSuite('e2e', process.execPath, [path.join(root, 'out', 'test', 'e2e', 'run.js')]));
}
const total = suites.reduce(
  (sum, s) => ({
    passes: sum.passes + s.passes,
    failures: sum.failures + s.failures,
    pending: sum.pending + s.pending,
  }),
  { passes: 0, failures: 0, pending: 0 },
);
console.log(
  `total: ${total.passes} passed, ${total.failures} failed${total.pending ? `, ${total.pending} skipped` : ''}`,
);
process.exit(total.failures === 0 && total.passes > 0 ? 0 : 1);
