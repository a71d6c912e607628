import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, REPO_ROOT, chromiumPath, developmentUrl, startCodeServer } from './codeServer';
import { CANARY_PHONE, CANARY_TOKEN, CANARY_WRONG_TOKEN } from './leakCanary';
import { scanForSecrets } from './leakScan';
import { RESULT_MARKER, SuiteResult } from './suiteResult';

/**
 * Runs test/integration inside the real VS Code extension host of code-server, the
 * same suite `npm run test:desktop` runs through @vscode/test-electron.
 */
const SUITE_TIMEOUT_MS = 10 * 60_000;
/** The workbench's own chatter, and its failed calls to the offline extension gallery; kept in the log file only. */
const WORKBENCH_NOISE = /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin|\[Service Worker\]|ChatSessionStore|getaddrinfo|Failed to load resource|\s+at )/;

async function main(): Promise<number> {
  const logFile = path.join(REPO_ROOT, 'test-output', 'integration.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  fs.writeFileSync(logFile, '');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'green-api-workspace-'));
  const server = await startCodeServer({ workspace, keepUserData: true });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  let result: SuiteResult | undefined;
  try {
    const page = await browser.newPage();
    const exit = new Promise<number>((resolve, reject) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
      setTimeout(() => reject(new Error(`the integration suite did not finish within ${SUITE_TIMEOUT_MS / 60_000} min`)), SUITE_TIMEOUT_MS).unref();
    });
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown) => {
      const parts: unknown[] = Array.isArray(args) ? args : [args];
      const text = typeof parts[0] === 'string' ? format(parts[0], ...parts.slice(1)) : parts.map(String).join(' ');
      fs.appendFileSync(logFile, `${text}\n`);
      if (text.startsWith(RESULT_MARKER)) {
        result = JSON.parse(text.slice(RESULT_MARKER.length)) as SuiteResult;
      } else if (!WORKBENCH_NOISE.test(text)) {
        process.stdout.write(`${text}\n`);
      }
    });
    await page.goto(developmentUrl(server, workspace, path.join(__dirname, '..', 'integration')));
    const code = await exit;
    if (process.env.GREEN_API_TEST_RESULTS && result) {
      fs.writeFileSync(process.env.GREEN_API_TEST_RESULTS, JSON.stringify(result));
    }
    if (!result) {
      process.stderr.write(`The suite reported no result. code-server said:\n${server.output()}\n`);
      return 1;
    }
    return code;
  } finally {
    await browser.close();
    await server.stop();
    fs.writeFileSync(path.join(path.dirname(logFile), 'code-server.log'), server.output());
    if (!scanLeftovers(server.scratchDir, workspace, path.dirname(logFile)) && result) {
      result = { ...result, failures: result.failures + 1 };
      if (process.env.GREEN_API_TEST_RESULTS) fs.writeFileSync(process.env.GREEN_API_TEST_RESULTS, JSON.stringify(result));
      process.exitCode = 1;
    }
    fs.rmSync(server.scratchDir, { recursive: true, force: true });
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

/**
 * After the leak test: the token may live only in the secret storage, so it must not
 * appear anywhere code-server wrote (user data, state databases, logs, the workspace) nor
 * in what the extension host and code-server printed. False when something leaked.
 */
function scanLeftovers(scratchDir: string, workspace: string, outputDir: string): boolean {
  const report = scanForSecrets([scratchDir, workspace, outputDir], [CANARY_TOKEN, CANARY_WRONG_TOKEN, CANARY_PHONE]);
  const secretStore = report.findings.filter((finding) => /secret/i.test(finding.file));
  const leaks = report.findings.filter((finding) => !secretStore.includes(finding));
  console.log(`leak scan (on disk): ${report.files} files, ${(report.bytes / 1024 / 1024).toFixed(1)} MB, ${leaks.length === 0 ? '0 occurrences of the token or the full phone number' : 'LEAKS FOUND'}`);
  for (const finding of report.findings) {
    console.log(`  ${finding.count}× ${finding.needle.slice(0, 14)}… in ${path.relative(path.dirname(scratchDir), finding.file)}${secretStore.includes(finding) ? ' (the secret storage itself)' : ''}`);
  }
  return leaks.length === 0;
}

main().then(
  // The leak scan runs after the suite and may turn a green run red.
  (code) => process.exit(code || Number(process.exitCode ?? 0)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
