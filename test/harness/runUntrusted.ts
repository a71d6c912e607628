import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Page } from 'playwright-core';
import { REPO_ROOT } from './codeServer';
import { runHostSuite } from './hostSuite';
import { RESULT_MARKER, SuiteResult } from './suiteResult';
import { waitFor } from './waitFor';

/** The whole Restricted Mode suite, and the page watcher beside it. */
const SUITE_TIMEOUT_MS = 5 * 60_000;

/**
 * The Restricted Mode suite (test/untrusted): trust on, an untrusted folder, and the extension
 * installed from the .vsix, because one loaded for development is never disabled by trust.
 * Started through a bare runner extension; expects `npm run build` first.
 */
async function main(): Promise<number> {
  const outputDir = path.join(REPO_ROOT, 'test-output');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'green-api-untrusted-'));
  const vsix = path.join(scratch, 'green-api-link.vsix');
  execFileSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', vsix], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const runner = path.join(scratch, 'runner');
  fs.mkdirSync(runner);
  fs.writeFileSync(
    path.join(runner, 'package.json'),
    JSON.stringify({ name: 'restricted-mode-runner', publisher: 'test', version: '0.0.0', engines: { vscode: '*' } }),
  );
  const seen = path.join(scratch, 'sidebar-seen');
  try {
    const run = await runHostSuite(
      path.join(__dirname, '..', 'untrusted'),
      path.join(outputDir, 'untrusted.log'),
      RESULT_MARKER,
      SUITE_TIMEOUT_MS,
      {
        restrictedMode: true,
        installVsix: vsix,
        developmentPath: runner,
        env: { GREEN_API_SIDEBAR_SEEN: seen, GREEN_API_REPO_ROOT: REPO_ROOT },
        prepareWorkspace: (folder) => {
          // A repository that lists an instance (and so the host its token would go to) in its own settings.
          fs.mkdirSync(path.join(folder, '.vscode'));
          fs.writeFileSync(
            path.join(folder, '.vscode', 'settings.json'),
            JSON.stringify({
              'greenApi.instances': [{ idInstance: '1101000077', apiUrl: 'https://attacker.example' }],
            }),
          );
        },
        watchPage: (page) => watchSidebar(page, 'Restricted row', seen, SUITE_TIMEOUT_MS),
      },
    );
    fs.rmSync(run.scratchDir, { recursive: true, force: true });
    fs.rmSync(run.workspace, { recursive: true, force: true });
    const reported = run.marked[0];
    if (!reported) {
      process.stderr.write(`The suite reported no result. code-server said:\n${run.serverOutput}\n`);
      return 1;
    }
    const result = JSON.parse(reported) as SuiteResult;
    if (process.env.GREEN_API_TEST_RESULTS) {
      fs.writeFileSync(process.env.GREEN_API_TEST_RESULTS, JSON.stringify(result));
    }
    return run.exitCode === 0 ? 0 : 1;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Looks through the page's frames (a webview's document is nested) until a sidebar row holds
 * `name`, then says so in `file`; gives up when the page closes or after `timeoutMs`. Until then
 * it keeps in `${file}.frames` what the frames hold (rows drawn, their names, a blank webview),
 * which the test quotes when it times out.
 */
async function watchSidebar(page: Page, name: string, file: string, timeoutMs: number): Promise<void> {
  let lastReport = 0;
  const rowShown = async (): Promise<boolean> => {
    const seen: string[] = [];
    for (const frame of page.frames()) {
      const rows = await frame
        .locator('li.row .name')
        .allTextContents()
        .catch(() => undefined);
      if (rows?.some((text) => text.includes(name))) return true;
      if (rows?.length) seen.push(`${rows.length} row(s): ${rows.slice(0, 5).join(' | ')}`);
      else if (frame.url().includes('vscode-webview')) {
        seen.push(`a webview frame with no row (${frame.url().slice(0, 60)})`);
      }
    }
    if (Date.now() - lastReport > 1000) {
      lastReport = Date.now();
      fs.writeFileSync(`${file}.frames`, `${page.frames().length} frame(s); ${seen.join('; ') || 'no webview frame'}`);
    }
    return false;
  };
  const outcome = await waitFor(
    `a sidebar row named ${name}`,
    async () => (page.isClosed() ? 'closed' : (await rowShown()) && 'seen'),
    timeoutMs,
  );
  if (outcome === 'seen') fs.writeFileSync(file, 'seen');
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
