import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './codeServer';
import { runHostSuite } from './hostSuite';
import { CANARY_PARTNER_TOKEN, CANARY_PHONE, CANARY_TOKEN, CANARY_WRONG_TOKEN } from './leakCanary';
import { scanForSecrets } from './leakScan';
import { RESULT_MARKER, SuiteResult } from './suiteResult';

/**
 * Runs test/integration in code-server's real extension host (the suite `npm run test:desktop`
 * runs in Electron), then scans what code-server left on disk for the leak test's secrets.
 * CODE_SERVER_VERSION picks the release (scripts/code-server-versions.json); GREEN_API_EXPECT_VSCODE,
 * when set, is the VS Code version the host must report. Logs go to test-output/.
 */
async function main(): Promise<number> {
  const outputDir = path.join(REPO_ROOT, 'test-output');
  const suffix = process.env.CODE_SERVER_VERSION ? `-${process.env.CODE_SERVER_VERSION}` : '';
  const run = await runHostSuite(
    path.join(__dirname, '..', 'integration'),
    path.join(outputDir, `integration${suffix}.log`),
    RESULT_MARKER,
    10 * 60_000,
  );
  fs.writeFileSync(path.join(outputDir, `code-server${suffix}.log`), run.serverOutput);
  const clean = scanLeftovers(run.scratchDir, run.workspace, outputDir);
  fs.rmSync(run.scratchDir, { recursive: true, force: true });
  fs.rmSync(run.workspace, { recursive: true, force: true });
  const reported = run.marked[0];
  if (!reported) {
    process.stderr.write(`The suite reported no result. code-server said:\n${run.serverOutput}\n`);
    return 1;
  }
  let result = JSON.parse(reported) as SuiteResult;
  if (!clean) result = { ...result, failures: result.failures + 1 };
  const expected = process.env.GREEN_API_EXPECT_VSCODE;
  console.log(`ran in VS Code ${result.vscodeVersion ?? '(not reported)'}${expected ? `, expected ${expected}` : ''}`);
  const wrongVersion = !!expected && result.vscodeVersion !== expected;
  if (wrongVersion) result = { ...result, failures: result.failures + 1 };
  if (process.env.GREEN_API_TEST_RESULTS) fs.writeFileSync(process.env.GREEN_API_TEST_RESULTS, JSON.stringify(result));
  return run.exitCode !== 0 || !clean || wrongVersion ? 1 : 0;
}

/**
 * After the leak test: the token may live only in the secret storage, so it must not
 * appear anywhere code-server wrote (user data, state databases, logs, the workspace) nor
 * in what the extension host and code-server printed. False when something leaked.
 */
function scanLeftovers(scratchDir: string, workspace: string, outputDir: string): boolean {
  const report = scanForSecrets(
    [scratchDir, workspace, outputDir],
    [CANARY_TOKEN, CANARY_WRONG_TOKEN, CANARY_PARTNER_TOKEN, CANARY_PHONE],
  );
  const secretStore = report.findings.filter((finding) => /secret/i.test(finding.file));
  const leaks = report.findings.filter((finding) => !secretStore.includes(finding));
  console.log(
    `leak scan (on disk): ${report.files} files, ${(report.bytes / 1024 / 1024).toFixed(1)} MB, ${leaks.length === 0 ? '0 occurrences of the token or the full phone number' : 'LEAKS FOUND'}`,
  );
  for (const finding of report.findings) {
    console.log(
      `  ${finding.count}× ${finding.needle.slice(0, 14)}… in ${path.relative(path.dirname(scratchDir), finding.file)}${secretStore.includes(finding) ? ' (the secret storage itself)' : ''}`,
    );
  }
  return leaks.length === 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
