import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, BrowserContext, Frame, Locator, Page, chromium } from 'playwright-core';
import { RunningEmulator, startEmulator } from '../../emulator/server';
import {
  CHROMIUM_ARGS,
  CodeServer,
  REPO_ROOT,
  chromiumPath,
  developmentUrl,
  startCodeServer,
} from '../harness/codeServer';
import { waitFor } from '../harness/waitFor';
import { commonColour, decodePng, luminance } from './png';

export const SCREENSHOTS = path.join(REPO_ROOT, 'test-output', 'screenshots');
/** README's pictures; `picture(name, docsName)` also writes docs/images/<docsName>.png when GREEN_API_DOCS_IMAGES=1. */
export const DOCS_IMAGES = path.join(REPO_ROOT, 'docs', 'images');

/** Any hover VS Code draws: the editor's, the workbench's (activity bar, tabs), and their containers. */
const HOVERS = '.monaco-hover, .workbench-hover, .workbench-hover-container, .context-view .monaco-hover-content';

/** The theme code-server opens with when a test names none (test/harness/codeServer.ts). */
const DEFAULT_THEME = 'Default Dark Modern';

/**
 * Fails unless the background of `area` (x, y, width, height in pixels: an empty part of the
 * editor) in the PNG screenshot `file` is as light or dark as `theme` claims: light themes
 * (High Contrast Light too) above luminance 0.4, dark and high contrast ones below 0.1.
 * The colour read is the one most of the area's pixels have, so text on it does not count.
 */
export function assertThemeBackground(
  file: string,
  theme: string,
  area: { x: number; y: number; width: number; height: number },
): void {
  const colour = commonColour(
    decodePng(fs.readFileSync(file)),
    Math.round(area.x),
    Math.round(area.y),
    Math.round(area.width),
    Math.round(area.height),
  );
  const light = /light/i.test(theme);
  const seen = luminance(colour);
  if (light ? seen <= 0.4 : seen >= 0.1) {
    throw new Error(
      `${path.basename(file)} is taken in ${theme} (${light ? 'light' : 'dark'}), but its editor background is rgb(${colour.join(', ')}), luminance ${seen.toFixed(2)}: the workbench does not wear the theme`,
    );
  }
}

/** Text as a person reads it: the code is isolated left to right (U+2066 … U+2069), which nobody sees. */
export function visibleText(text: string | null | undefined): string {
  return (text ?? '').replace(/[\u2066-\u2069]/g, '');
}

/** A row of the Instances view as read: the place and set size it gives a screen reader, its idInstance, name and badge. */
export interface WindowedRow {
  at: number;
  size: number;
  id: string;
  name: string;
  badge: string;
}

/**
 * The Instances view's list as a person reads it, in `frame` (the view's webview frame, or a page
 * that holds the view's bundle): scrolled from the top to the bottom a view at a time, the rows in
 * the document read after each scroll (two animation frames, as the list draws the rows of a new
 * scroll position in the next frame), and scrolled back to the top after. It scrolls because the
 * list is windowed (src/webview/instances/windowedList.ts): only the rows near the view are in the
 * document, so one query would miss the rest.
 * Resolves `rows`, one a place (aria-posinset), in place order, each as last read; and `moved`, a
 * sentence for each time a place held one row and then another while it was read (a windowing
 * fault, or a list that changed meanwhile: the caller decides which it may be). Reads whatever is
 * drawn: a place never drawn is simply missing, for the caller to check against `size`.
 */
export async function readWindowedRows(frame: Page | Frame): Promise<{ rows: WindowedRow[]; moved: string[] }> {
  return (await frame.evaluate(`(async () => {
    const seen = new Map();
    const moved = [];
    const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    window.scrollTo(0, 0);
    await frames();
    for (;;) {
      for (const li of document.querySelectorAll('ul.rows li.row:not([hidden])')) {
        const row = { at: Number(li.getAttribute('aria-posinset')), size: Number(li.getAttribute('aria-setsize')), id: li.dataset.id, name: li.querySelector('.name').textContent, badge: li.querySelector('.badge').textContent };
        const before = seen.get(row.at);
        if (before && before.id !== row.id) moved.push('place ' + row.at + ' held ' + before.name + ', then ' + row.name);
        seen.set(row.at, row);
      }
      if (window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1) break;
      window.scrollBy(0, window.innerHeight);
      await frames();
    }
    window.scrollTo(0, 0);
    await frames();
    return { rows: [...seen.values()].sort((a, b) => a.at - b.at), moved };
  })()`)) as { rows: WindowedRow[]; moved: string[] };
}

/**
 * Asks the Link panel for a code as a person does: types `phone` (an international number as a
 * person writes it; a UK one by default) into the phone box of `panel` (the panel's webview
 * frame, as Workbench.webviewFrame('#phone-input') finds it), clicks Get Code, and waits up to
 * 30 s for the code to show, grouped as GREEN-API's eight characters in two fours (ABCD-EFGH).
 * Resolves the #code-value element holding it; rejects with Playwright's timeout error when no
 * code shows (a refused number, a failed request).
 */
export async function getCodeInPanel(panel: Frame, phone = '+44 1234 567890'): Promise<Locator> {
  await panel.locator('#phone-input').fill(phone);
  await panel.locator('#get-code').click();
  const shown = panel.locator('#code-value').filter({ hasText: /[A-Z0-9]{4}-[A-Z0-9]{4}/ });
  await shown.waitFor({ timeout: 30_000 });
  return shown;
}

/** The Instances view's row of the instance named exactly `name` (a locator; it may not exist yet). */
export function instanceRow(frame: Frame, name: string): Locator {
  return frame.locator('li.row', { has: frame.locator('.name', { hasText: new RegExp(`^${name}$`) }) });
}

/** The extension's view container in the activity bar: present once its manifest is registered. */
export const GREEN_API_ACTIVITY = '.activitybar .action-item a[aria-label^="GREEN-API"]';

/** A real VS Code workbench in Chromium with this extension in development mode, and an emulator beside it. */
export interface Workbench {
  readonly page: Page;
  readonly emulator: RunningEmulator;
  /**
   * The apiUrl the extension is given for the emulator: a GREEN-API host name, routed to the
   * emulator on loopback (test/harness/namedHostRoute.ts), so screenshots show no test address.
   */
  readonly apiUrl: string;
  readonly server: CodeServer;
  screenshot(name: string): Promise<string>;
  /**
   * A screenshot meant to be shown (README, walkthrough): the pointer is moved to the editor's
   * empty right edge and no hover is left on screen, and the picture's editor background is
   * checked to match the workbench's theme (throws if not). Writes test-output/screenshots/<name>.png,
   * and docs/images/<docsName>.png too when `docsName` is given and GREEN_API_DOCS_IMAGES=1.
   */
  picture(name: string, docsName?: string): Promise<string>;
  runCommand(title: string): Promise<void>;
  /** Types into the quick input that is open, replacing what it holds, and presses Enter. */
  answer(text: string): Promise<void>;
  notification(text: RegExp): ReturnType<Page['locator']>;
  statusBarItem(text: RegExp): ReturnType<Page['locator']>;
  webviewFrame(marker: string): Promise<Frame>;
  /** Starts recording every notification toast and dialog the workbench shows from now on. */
  recordNotifications(): Promise<void>;
  /** What was recorded: each toast's text (the longest seen while it lived) and each dialog's. */
  recorded(): Promise<{ toasts: string[]; dialogs: string[] }>;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  readonly theme?: string;
  /** Emulated instances to create and to have in the extension from the start (through its development seed). */
  readonly instances?: readonly Parameters<RunningEmulator['store']['add']>[0][];
  /** Emulated instances listed only in the workspace's `greenApi.instances` setting: their rows start without a token. */
  readonly sharedInstances?: readonly Parameters<RunningEmulator['store']['add']>[0][];
  /** User settings to add before the workbench opens, such as `greenApi.watchIntervalSeconds` or a short `greenApi.codeValiditySeconds`. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** The display language, such as `de` (test/harness/codeServer.ts: VS Code's own strings stay English). */
  readonly locale?: string;
}

/** GREEN-API names an instance's host after the first four digits of its idInstance; the emulator's start at 1101. */
export const NAMED_API_HOST = '1101.api.greenapi.com';

export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const emulator = await startEmulator({ rebootSeconds: 0.5 });
  const apiUrl = `https://${NAMED_API_HOST}`;
  // Outside the workspace, so that the Explorer in the screenshots does not list it.
  const routeFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'green-api-route-'));
  const routeReady = path.join(routeFolder, 'ready');
  const route = {
    GREEN_API_E2E_ROUTE: `${NAMED_API_HOST}=${new URL(emulator.url).host}`,
    GREEN_API_E2E_ROUTE_READY: routeReady,
    NODE_OPTIONS: [
      process.env.NODE_OPTIONS,
      `--require ${JSON.stringify(path.join(__dirname, '..', 'harness', 'namedHostRoute.js'))}`,
    ]
      .filter(Boolean)
      .join(' '),
  };
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'green-api-e2e-'));
  const seeded = (options.instances ?? []).map((spec) => emulator.store.add(spec));
  const seeds = seeded
    .map((instance) => `${apiUrl} ${instance.idInstance} ${instance.apiTokenInstance} ${instance.name}`)
    .join(';');
  const shared = (options.sharedInstances ?? []).map((spec) => emulator.store.add(spec));
  if (shared.length > 0) {
    fs.mkdirSync(path.join(workspace, '.vscode'));
    const rows = shared.map((instance) => ({ idInstance: instance.idInstance, apiUrl, name: instance.name }));
    fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'greenApi.instances': rows }));
  }
  const server = await startCodeServer({
    workspace,
    env: { ...route, ...(seeds ? { GREEN_API_DEMO_INSTANCES: seeds } : {}) },
    locale: options.locale,
  });
  if (options.theme || options.settings) {
    const settingsFile = path.join(server.userDataDir, 'User', 'settings.json');
    const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(
      settingsFile,
      JSON.stringify({
        ...settings,
        ...(options.theme ? { 'workbench.colorTheme': options.theme } : {}),
        ...options.settings,
      }),
    );
  }
  const browser: Browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  await page.goto(developmentUrl(server, workspace));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.statusbar').waitFor();
  // The palette lists a contributed command only once the extension host has registered the
  // extension's manifest; the same registration draws our activity-bar entry. Wait for that
  // entry, not for a fixed time, before anyone opens the palette (a busy machine takes longer).
  await page.locator(GREEN_API_ACTIVITY).waitFor({ state: 'attached', timeout: 90_000 });
  // The extension host is up by now. Without the route in it, the instances' tokens would go to
  // the real GREEN-API host: stop here instead (nothing has activated the extension yet).
  await waitFor('the extension host to report the route in place', () => fs.existsSync(routeReady), 30_000).catch(
    async (error: Error) => {
      await browser.close();
      await server.stop();
      await emulator.close();
      throw new Error(
        `the extension host did not load test/harness/namedHostRoute.js (no ${routeReady}); NODE_OPTIONS may not reach it`,
        { cause: error },
      );
    },
  );

  const workbench: Workbench = {
    page,
    emulator,
    apiUrl,
    server,
    async screenshot(name) {
      const file = path.join(SCREENSHOTS, `${name}.png`);
      // Animations finished (a toast sliding in), so the picture shows what a person settles on.
      await page.screenshot({ path: file, animations: 'disabled' });
      return file;
    },
    async picture(name, docsName) {
      const editor = await page.locator('.part.editor').boundingBox();
      if (!editor) throw new Error('the editor area is not on screen');
      // Away from every icon and row, so no tooltip or hover highlight is in the picture.
      await page.mouse.move(editor.x + editor.width - 24, editor.y + editor.height / 2);
      await page.waitForFunction(
        `![...document.querySelectorAll(${JSON.stringify(HOVERS)})].some((hover) => {
          const box = hover.getBoundingClientRect();
          return box.width > 0 && box.height > 0 && !hover.closest('.hidden') && getComputedStyle(hover).visibility !== 'hidden';
        })`,
        undefined,
        { timeout: 10_000 },
      );
      const file = await workbench.screenshot(name);
      // Below the tabs and left of the scroll bar: the editor's (or a panel's) own background.
      assertThemeBackground(file, options.theme ?? DEFAULT_THEME, {
        x: editor.x + 8,
        y: editor.y + 48,
        width: editor.width - 32,
        height: editor.height - 56,
      });
      if (docsName && process.env.GREEN_API_DOCS_IMAGES === '1') {
        fs.copyFileSync(file, path.join(DOCS_IMAGES, `${docsName}.png`));
      }
      return file;
    },
    async runCommand(title) {
      // The palette lists the commands known when it opens: right after a window reload (a busy
      // machine) the views' commands may come later, so it is opened again until the entry shows (60 s bound).
      const deadline = Date.now() + 60_000;
      for (;;) {
        await page.keyboard.press('F1');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor();
        await input.fill(`>${title}`);
        const entry = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
        const shown = await entry.waitFor({ timeout: 10_000 }).then(
          () => true,
          (error: Error) => {
            if (Date.now() > deadline) throw error;
            return false;
          },
        );
        if (shown) break;
        await page.keyboard.press('Escape');
      }
      await page.keyboard.press('Enter');
    },
    async answer(text) {
      const widget = page.locator('.quick-input-widget:visible');
      const input = widget.locator('input');
      await input.waitFor();
      const step =
        (await widget
          .locator('.quick-input-title')
          .textContent()
          .catch(() => null)) ?? '';
      await input.fill(text);
      // No pause for the validation: VS Code validates the value again on Enter before it accepts.
      await page.keyboard.press('Enter');
      // Wait for this step to go (the next one has another title, or the box closes), so the
      // next answer cannot land in this box while it is being replaced.
      await page.waitForFunction(
        `(() => {
          const box = document.querySelector('.quick-input-widget');
          if (!box || box.style.display === 'none' || box.offsetParent === null) return true;
          return (box.querySelector('.quick-input-title')?.textContent ?? '') !== ${JSON.stringify(step)};
        })()`,
        undefined,
        { timeout: 30_000 },
      );
    },
    notification(text) {
      return page.locator('.notification-toast', { hasText: text });
    },
    statusBarItem(text) {
      return page.locator('.statusbar-item', { hasText: text });
    },
    async webviewFrame(marker) {
      // A webview's document sits in nested iframes that come and go while it loads: look
      // through every frame until one holds the marker, up to a generous outer limit.
      const holder = async (): Promise<Frame | undefined> => {
        for (const frame of page.frames()) {
          if (
            await frame
              .locator(marker)
              .count()
              .catch(() => 0)
          ) {
            return frame;
          }
        }
        return undefined;
      };
      return waitFor(`a webview frame that holds ${marker}`, holder, 60_000);
    },
    async recordNotifications() {
      // A MutationObserver in the page keeps every toast and dialog, even after it closed,
      // and the longest text each showed (a progress toast changes its message).
      await page.evaluate(`(() => {
        const seen = window.__greenApiSeen = { toasts: new Map(), dialogs: new Map() };
        const note = (map, element) => {
          const text = element.textContent || '';
          if ((map.get(element) || '').length < text.length) map.set(element, text);
        };
        const scan = () => {
          document.querySelectorAll('.notification-toast').forEach((element) => note(seen.toasts, element));
          document.querySelectorAll('.monaco-dialog-box').forEach((element) => note(seen.dialogs, element));
        };
        new MutationObserver(scan).observe(document.body, { childList: true, subtree: true, characterData: true });
        scan();
      })()`);
    },
    async recorded() {
      return page.evaluate(`(() => {
        const seen = window.__greenApiSeen;
        return { toasts: [...seen.toasts.values()], dialogs: [...seen.dialogs.values()] };
      })()`) as Promise<{ toasts: string[]; dialogs: string[] }>;
    },
    async close() {
      await browser.close();
      await server.stop();
      await emulator.close();
      fs.rmSync(workspace, { recursive: true, force: true });
      fs.rmSync(routeFolder, { recursive: true, force: true });
    },
  };
  return workbench;
}
