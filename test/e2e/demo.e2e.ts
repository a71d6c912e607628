import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, Frame, Page, chromium } from 'playwright-core';
import { DEMO_INSTANCE, DEMO_PARTNER_TOKEN } from '../../emulator/cli';
import { RunningEmulator, startEmulator } from '../../emulator/server';
import { checkNumberSetting } from '../../src/core/settingsBounds';
import { CHROMIUM_ARGS, CodeServer, chromiumPath } from '../harness/codeServer';
import { DEMO_SETTINGS, DEMO_WATCH_INTERVAL_SECONDS, demoUrl, startDemoCodeServer } from '../harness/demoWorkbench';
import { waitFor } from '../harness/waitFor';
import { SCREENSHOTS, visibleText } from './workbench';

/**
 * `npm run demo` as a newcomer meets it: the workbench scripts/demo.js opens (its settings, its
 * two development extensions, the emulator with the demo instance and partner token), driven in
 * Chromium, with the emulator's own page in a second tab playing the phone.
 */
describe('npm run demo, as a newcomer tries it', function () {
  this.timeout(180_000);
  let emulator: RunningEmulator;
  let server: CodeServer;
  let browser: Browser;
  let page: Page;
  let phone: Page;
  let sidebar: Frame;
  let workspace: string;
  const shot = (name: string): Promise<Buffer> =>
    page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
  const demoRow = () => sidebar.locator('li.row', { hasText: DEMO_INSTANCE.name });

  before(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    emulator = await startEmulator({ partnerToken: DEMO_PARTNER_TOKEN });
    emulator.store.add(DEMO_INSTANCE);
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'green-api-demo-e2e-'));
    server = await startDemoCodeServer(workspace, {
      GREEN_API_DEMO_INSTANCES: `${emulator.url} ${DEMO_INSTANCE.idInstance} ${DEMO_INSTANCE.apiTokenInstance} ${DEMO_INSTANCE.name}`,
    });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    phone = await context.newPage();
    await page.bringToFront();
    await page.goto(demoUrl(server, workspace));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await emulator?.close();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await shot(`failed-demo-${this.currentTest.title.slice(0, 30)}`);
  });

  it('runs with the watch on, at an interval its settings allow', () => {
    const raw = DEMO_SETTINGS['greenApi.watchIntervalSeconds'];
    const read = checkNumberSetting('watchIntervalSeconds', raw);
    assert.equal(read.problem, undefined);
    assert.equal(read.value, DEMO_WATCH_INTERVAL_SECONDS);
    assert.ok(
      read.value >= 10 && read.value <= 30,
      `the watch checks every ${read.value} s: 10 to 30 s shows a drop within a minute`,
    );
  });

  it('opens on the GREEN-API view, with the demo instance and its Link phone button', async () => {
    await page.locator('.part.sidebar .composite.title', { hasText: 'GREEN-API' }).waitFor({ timeout: 90_000 });
    const frame = await waitFor(
      'the Instances view with the demo row',
      async () => {
        for (const candidate of page.frames()) {
          const found = await candidate
            .locator('li.row', { hasText: DEMO_INSTANCE.name })
            .count()
            .catch(() => 0);
          if (found) return candidate;
        }
        return undefined;
      },
      90_000,
    );
    sidebar = frame;
    await demoRow().getByRole('button', { name: 'Link phone', exact: true }).waitFor();
    assert.match(visibleText(await demoRow().textContent()), /Link phone/);
    await shot('demo-start');
  });

  it("imports the demo's partner account without a host that does not answer", async () => {
    for (const name of ['Demo sales', 'Demo support', 'Demo ops']) emulator.store.add({ name });
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.fill('>Import Instances from Partner Account');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Import Instances from Partner Account' })
      .first()
      .waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: '(1/2)' }).waitFor();
    await input.fill(emulator.url);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: '(2/2)' }).waitFor();
    await input.fill(DEMO_PARTNER_TOKEN);
    await page.keyboard.press('Enter');
    // The new instances come ticked, the demo instance (already here) not.
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Demo ops' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    const summary = page.locator('.notification-toast', { hasText: /imported/ });
    await summary.waitFor({ timeout: 30_000 });
    assert.match(visibleText(await summary.textContent()), /secret storage: 3\./);
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'a dialog asked about hosts that did not answer');
    for (const name of ['Demo sales', 'Demo support', 'Demo ops']) {
      await sidebar
        .locator('li.row', { hasText: name })
        .locator('.badge', { hasText: 'Not linked' })
        .waitFor({ timeout: 30_000 });
    }
    await shot('demo-partner-import');
  });

  it('links by phone number with the code typed on the emulator page, and the watch notices the phone unlinking within a minute, the view closed', async () => {
    await demoRow().getByRole('button', { name: 'Link phone', exact: true }).click();
    const panel = await waitFor(
      'the Link panel',
      async () => {
        for (const candidate of page.frames()) {
          if (
            await candidate
              .locator('#phone-input')
              .count()
              .catch(() => 0)
          ) {
            return candidate;
          }
        }
        return undefined;
      },
      60_000,
    );
    await panel.locator('#phone-input').fill('+44 1234 567890');
    await panel.locator('#get-code').click();
    const shown = panel.locator('#code-value').filter({ hasText: /[A-Z0-9]{4}-[A-Z0-9]{4}/ });
    await shown.waitFor({ timeout: 30_000 });
    const code = visibleText(await shown.textContent()).trim();

    // The phone: the emulator's page, as the demo prints it.
    await phone.goto(`${emulator.url}/`);
    await phone.locator('input[name="code"]').fill(code);
    await phone.getByRole('button', { name: 'Link', exact: true }).click();
    await demoRow().locator('.badge', { hasText: 'Authorized' }).waitFor({ timeout: 30_000 });
    // Linked as a person sees it: the panel closed by itself and the row's code is gone, so the
    // link poller has stopped and only the watch is left to notice what the phone does next.
    await page
      .locator('.tab', { hasText: `Link: ${DEMO_INSTANCE.name}` })
      .waitFor({ state: 'detached', timeout: 30_000 });
    await demoRow().locator('.code').waitFor({ state: 'detached', timeout: 10_000 });
    // Away from the GREEN-API view, whose own refresh (greenApi.autoRefreshSeconds) runs only while it is visible.
    await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').click();
    await page.locator('.part.sidebar .composite.title', { hasText: 'Explorer' }).waitFor();

    await phone.goto(`${emulator.url}/`);
    const button = phone.locator(`form[action$="/${DEMO_INSTANCE.idInstance}/unlink-form"] button`);
    assert.equal(visibleText(await button.textContent()), 'Unlink on the phone');
    await button.click();
    const unlinkedAt = performance.now();
    assert.equal(emulator.store.get(DEMO_INSTANCE.idInstance)?.state, 'notAuthorized');
    await page.bringToFront();
    const notice = page.locator('.notification-toast', { hasText: /Demo instance lost its WhatsApp link/ });
    await notice.waitFor({ timeout: 60_000 });
    const seconds = (performance.now() - unlinkedAt) / 1000;
    assert.ok(seconds < 60, `noticed after ${seconds.toFixed(1)} s`);
    const badge = page
      .locator('.activitybar .action-item', { has: page.locator('a[aria-label^="GREEN-API"]') })
      .locator('.badge-content');
    await badge.waitFor({ timeout: 10_000 });
    assert.equal((await badge.textContent())?.trim(), '1');
    await shot('demo-watch-drop');
  });
});
