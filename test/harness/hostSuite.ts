import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { Page, chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, developmentUrl, startCodeServer } from './codeServer';
import { SCREENSHOT_MARKER } from './suiteResult';

/** The workbench's own chatter, and its failed calls to the offline extension gallery; kept in the log file only. */
const WORKBENCH_NOISE =
  /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin|\[Service Worker\]|ChatSessionStore|getaddrinfo|Failed to load resource|OverlayWebview has been disposed|\s+at )/;

export interface HostSuiteRun {
  /** What the suite's run() settled with: 0 resolved, else rejected. */
  readonly exitCode: number;
  /** Lines the extension host printed that start with `marker`, without it. */
  readonly marked: string[];
  /** code-server's folder of everything it wrote, kept for the caller to inspect and remove. */
  readonly scratchDir: string;
  readonly workspace: string;
  readonly serverOutput: string;
}

/** What a caller may do with the workbench's page around the suite (the bench watches what it paints). */
export interface HostSuitePageHooks {
  /** Before the workbench is loaded: for page.addInitScript and the like. */
  readonly beforeLoad?: (page: Page) => Promise<void>;
  /** After the suite settled, before the browser closes. */
  readonly afterSuite?: (page: Page) => Promise<void>;
}

/**
 * Runs a mocha-style suite (a module exporting run()) inside code-server's real extension
 * host, with this extension in development mode. Output goes to `logFile` and, less the
 * workbench's noise, to stdout. `options.beforeLoad` and `options.afterSuite` run on the workbench's page before it loads and
 * after the suite settled.
 */
/** How a suite's VS Code differs from the usual one (this extension in development mode, trust off). */
export interface HostSuiteOptions {
  /** Workspace trust on, the folder untrusted; see CodeServerOptions. */
  readonly restrictedMode?: boolean;
  /** Install this .vsix and load `developmentPath` (a bare test-runner extension) instead of the repository. */
  readonly installVsix?: string;
  readonly developmentPath?: string;
  /** Writes into the fresh workspace folder before VS Code opens it. */
  readonly prepareWorkspace?: (folder: string) => void;
  readonly env?: NodeJS.ProcessEnv;
  /** Runs beside the suite with the workbench page (it ends with the page). */
  readonly watchPage?: (page: Page) => Promise<void>;
}

export async function runHostSuite(
  extensionTestsPath: string,
  logFile: string,
  marker: string,
  timeoutMs: number,
  options: HostSuiteOptions & HostSuitePageHooks = {},
): Promise<HostSuiteRun> {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  fs.writeFileSync(logFile, '');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'green-api-workspace-'));
  options.prepareWorkspace?.(workspace);
  const server = await startCodeServer({
    workspace,
    keepUserData: true,
    restrictedMode: options.restrictedMode,
    installVsix: options.installVsix,
    env: options.env,
  });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const marked: string[] = [];
  /** Screenshots under way, awaited before the browser closes. */
  const shots = new Set<Promise<void>>();
  try {
    // The clipboard permissions a person grants the workbench when it first asks. Without them the
    // browser refuses navigator.clipboard: VS Code 1.100's web clipboard then keeps what it wrote in memory
    // while extension tests run, but 1.90's reads back '', so vscode.env.clipboard would not round-trip there.
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    const exit = new Promise<number>((resolve, reject) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
      setTimeout(
        () => reject(new Error(`the suite did not finish within ${timeoutMs / 60_000} min`)),
        timeoutMs,
      ).unref();
    });
    recordPage(page, logFile);
    await page.exposeFunction('codeAutomationLog', async (_type: string, args: unknown) => {
      const parts: unknown[] = Array.isArray(args) ? args : [args];
      const text = typeof parts[0] === 'string' ? format(parts[0], ...parts.slice(1)) : parts.map(String).join(' ');
      fs.appendFileSync(logFile, `${text}\n`);
      if (text.startsWith(marker)) marked.push(text.slice(marker.length));
      else if (text.startsWith(SCREENSHOT_MARKER)) {
        const shot = screenshot(page, logFile, text.slice(SCREENSHOT_MARKER.length));
        shots.add(shot);
        await shot.finally(() => shots.delete(shot));
      } else if (!WORKBENCH_NOISE.test(text)) process.stdout.write(`${text}\n`);
    });
    await options.beforeLoad?.(page);
    await page.goto(developmentUrl(server, workspace, extensionTestsPath, options.developmentPath));
    void options
      .watchPage?.(page)
      .catch((error: unknown) => fs.appendFileSync(logFile, `page watcher: ${String(error)}\n`));
    const exitCode = await exit;
    await options.afterSuite?.(page);
    return { exitCode, marked, scratchDir: server.scratchDir, workspace, serverOutput: server.output() };
  } finally {
    await Promise.allSettled([...shots]);
    await browser.close();
    await server.stop();
  }
}

/**
 * Keeps in the log file what the workbench's own log does not carry: console lines of every
 * frame (the webviews' iframes included), uncaught page errors and failed requests. When a
 * webview stays blank, this is where its reason shows.
 */
function recordPage(page: Page, logFile: string): void {
  const write = (line: string): void => fs.appendFileSync(logFile, `[page] ${line}\n`);
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      write(`${message.type()} ${message.location().url.slice(0, 120)}: ${message.text().slice(0, 2000)}`);
    }
  });
  page.on('pageerror', (error) => write(`uncaught: ${error.stack ?? error.message}`));
  page.on('requestfailed', (request) =>
    write(`request failed: ${request.url().slice(0, 200)} (${request.failure()?.errorText ?? 'no reason'})`),
  );
  page.on('crash', () => write('the page crashed'));
}

/** Saves a screenshot of the workbench beside the log, in screenshots/, as `<log name>-<name>.png`; a bad name or a failed shot is logged, never thrown. */
async function screenshot(page: Page, logFile: string, name: string): Promise<void> {
  if (!/^[\w-]{1,80}$/.test(name)) return fs.appendFileSync(logFile, `[page] screenshot refused: bad name\n`);
  const file = path.join(path.dirname(logFile), 'screenshots', `${path.basename(logFile, '.log')}-${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, timeout: 10_000 }).then(
    () => fs.appendFileSync(logFile, `[page] screenshot: ${path.basename(file)}\n`),
    (error: unknown) => fs.appendFileSync(logFile, `[page] screenshot failed: ${String(error)}\n`),
  );
}
