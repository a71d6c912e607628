import * as assert from 'node:assert/strict';
import { Frame } from 'playwright-core';
import { EmulatedInstance } from '../../emulator/instances';
import { waitFor } from '../harness/waitFor';
import { GREEN_API_ACTIVITY, Workbench, getCodeInPanel, openWorkbench, instanceRow as row } from './workbench';

const INSTANCES = [
  { idInstance: '1101000011', name: 'Sales' },
  { idInstance: '1101000012', name: 'Support', state: 'authorized', phone: '441234567890' },
  { idInstance: '1101000013', name: 'Marketing', state: 'sleepMode' },
  { idInstance: '1101000014', name: 'Legacy', state: 'blocked' },
  { idInstance: '1101000015', name: 'Warehouse', state: 'yellowCard', phone: '79123456789' },
  { idInstance: '1101000016', name: 'Broken token' },
];

async function openSidebar(bench: Workbench): Promise<Frame> {
  await bench.page.locator(GREEN_API_ACTIVITY).click();
  const frame = await bench.webviewFrame('#app ul.rows');
  return frame;
}

for (const theme of ['Default Light Modern', 'Default Dark Modern', 'Default High Contrast']) {
  const slug = theme
    .toLowerCase()
    .replace(/^default /, '')
    .replace(/ /g, '-');

  describe(`Instances sidebar in the ${theme} theme, as a person uses it`, function () {
    this.timeout(120_000);
    let bench: Workbench;
    let frame: Frame;
    const emulated = (id: string): EmulatedInstance => bench.emulator.store.get(id) as EmulatedInstance;

    before(async () => {
      bench = await openWorkbench({ theme, instances: INSTANCES });
      emulated('1101000016').faults = [{ method: 'getStateInstance', status: 401 }];
      frame = await openSidebar(bench);
    });
    after(() => bench?.close());

    it('lists every instance with its state badge, checked on first show', async () => {
      const expected: Record<string, RegExp> = {
        Sales: /Not linked/,
        Support: /Authorized/,
        Marketing: /Phone offline/,
        Legacy: /Blocked/,
        Warehouse: /Restricted/,
        'Broken token': /Error/,
      };
      for (const [name, badge] of Object.entries(expected)) {
        await row(frame, name).locator('.badge', { hasText: badge }).waitFor({ timeout: 15_000 });
      }
      await row(frame, 'Broken token').locator('.reason', { hasText: 'token refused (401)' }).waitFor();
      // A restricted row's labelled button is its fix, as the watch's warning offers it first.
      assert.equal((await row(frame, 'Warehouse').locator('button.main').textContent())?.trim(), 'Reboot');
      await row(frame, 'Support').locator('.phone', { hasText: 'linked to +44 12•• ••••90' }).waitFor();
      assert.equal(await frame.locator('li.row').count(), INSTANCES.length);
      // A row being checked again (the watch) says "Checking…": retake until none did around the shot.
      const checking = frame.locator('.badge', { hasText: /Checking/ });
      await waitFor(
        'a picture with no row being checked',
        async () => {
          await checking.first().waitFor({ state: 'detached', timeout: 15_000 });
          await bench.picture(`sidebar-${slug}`, `sidebar-${slug}`);
          return (await checking.count()) === 0 || undefined;
        },
        60_000,
      );
    });

    if (slug !== 'light-modern') return;

    it('a failed row offers its fix as its main action, and Reboot has its own icon', async () => {
      const broken = row(frame, 'Broken token');
      await broken.locator('button.main', { hasText: 'Fix: edit' }).waitFor();
      const refreshIcon = row(frame, 'Sales').locator('button[data-action="refresh"] .codicon');
      const rebootIcon = row(frame, 'Sales').locator('button[data-action="reboot"] .codicon');
      assert.notEqual(await refreshIcon.getAttribute('class'), await rebootIcon.getAttribute('class'));
      // Icon buttons have no box: no border, and a transparent background until hovered.
      const style = await frame.evaluate(`(() => {
        const computed = getComputedStyle(document.querySelector('li.row[data-id="1101000011"] button[data-action="reboot"]'));
        return { border: computed.borderStyle, background: computed.backgroundColor };
      })()`);
      assert.deepEqual(style, { border: 'none', background: 'rgba(0, 0, 0, 0)' });
      assert.equal(await frame.locator('[aria-live]').count(), 1, 'only the announcer is a live region');
      assert.equal(await frame.locator('[aria-live] .countdown, #app[aria-live]').count(), 0);
    });

    it('links from a row: the panel, then the same code and countdown in the row and the status bar', async () => {
      await row(frame, 'Sales').getByRole('button', { name: 'Link phone', exact: true }).click();
      await getCodeInPanel(await bench.webviewFrame('#phone-input'));
      const codeRow = row(frame, 'Sales').locator('.code');
      await codeRow.waitFor({ timeout: 10_000 });
      const code = emulated('1101000011').pendingCode?.code ?? '';
      const grouped = `${code.slice(0, 4)}-${code.slice(4)}`;
      assert.equal(await codeRow.locator('.code-value').textContent(), grouped);
      const statusItem = bench.statusBarItem(new RegExp(grouped));
      await statusItem.waitFor();
      const rowTime = (await codeRow.locator('.countdown').textContent()) ?? '';
      const barTime = /\d:\d\d/.exec((await statusItem.textContent()) ?? '')?.[0] ?? '';
      assert.match(rowTime, /^2:(2\d|30)$/);
      const seconds = (t: string): number => Number(t.split(':')[0]) * 60 + Number(t.split(':')[1]);
      assert.ok(Math.abs(seconds(rowTime) - seconds(barTime)) <= 1, `row says ${rowTime}, status bar ${barTime}`);
      // A pending row offers Copy, Open Panel and Cancel.
      for (const name of ['Copy code', 'Open the Link panel', 'Cancel the code']) {
        await row(frame, 'Sales').getByRole('button', { name }).waitFor();
      }
      await bench.picture('sidebar-code', 'sidebar-code');
    });

    it('copies the code from the row', async () => {
      await bench.page.evaluate("navigator.clipboard.writeText('')");
      await row(frame, 'Sales').getByRole('button', { name: 'Copy code', exact: true }).click();
      // The status bar says "Copied" once the extension's clipboard write has returned.
      await bench.page.locator('.statusbar-item', { hasText: /Copied/ }).waitFor();
      assert.equal(
        await bench.page.evaluate('navigator.clipboard.readText()'),
        emulated('1101000011').pendingCode?.code,
      );
    });

    it('logs out from a row after confirming', async () => {
      await row(frame, 'Support').getByRole('button', { name: 'Log out (unlink the phone)' }).click();
      const dialog = bench.page.locator('.monaco-dialog-box');
      await dialog.waitFor();
      assert.match((await dialog.textContent()) ?? '', /Log out Support/);
      await dialog.getByRole('button', { name: 'Log Out' }).click();
      await row(frame, 'Support').locator('.badge', { hasText: 'Not linked' }).waitFor({ timeout: 10_000 });
      assert.equal(emulated('1101000012').state, 'notAuthorized');
    });

    it('removes an instance from a row after confirming', async () => {
      await row(frame, 'Legacy').getByRole('button', { name: 'Remove from VS Code' }).click();
      const dialog = bench.page.locator('.monaco-dialog-box');
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Remove' }).click();
      await row(frame, 'Legacy').waitFor({ state: 'detached', timeout: 10_000 });
      assert.equal(await frame.locator('li.row').count(), INSTANCES.length - 1);
    });

    it('is keyboard navigable: arrows move between rows in the same column, and a refresh keeps the focus', async () => {
      const firstRow = frame.locator('li.row').first();
      const first = firstRow.locator('button[data-action="refresh"]');
      const firstInstance = emulated((await firstRow.getAttribute('data-id')) ?? '');
      const checked = firstInstance.calls.getStateInstance ?? 0;
      // A slow answer keeps "Checking…" up long enough that its end is the refresh's end.
      firstInstance.faults = [{ method: 'getStateInstance', delayMs: 1000, times: 1 }, ...firstInstance.faults];
      await first.focus();
      const action = await first.getAttribute('data-action');
      await first.press('Enter');
      // Wait for the refresh to be answered and the row drawn again without "Checking…".
      await waitFor(
        'the refresh to reach the emulator',
        () => (firstInstance.calls.getStateInstance ?? 0) > checked,
        30_000,
      );
      await firstRow.locator('.badge', { hasText: /Checking/ }).waitFor({ state: 'detached' });
      assert.equal(
        await frame.evaluate('document.activeElement.dataset.action'),
        'refresh',
        'the re-rendered row lost the focus',
      );
      await bench.page.keyboard.press('ArrowDown');
      const focused = await frame.evaluate(
        'document.activeElement && document.activeElement.closest("li") && document.activeElement.closest("li").dataset.id',
      );
      const second = await frame.locator('li.row').nth(1).getAttribute('data-id');
      assert.equal(focused, second);
      assert.equal(await frame.evaluate('document.activeElement.dataset.action'), action);
      // Inside a row, its actions are one toolbar: one Tab stop, the arrows, Home and End move along it.
      const toolbarOfFocus = `document.activeElement.closest('[role="toolbar"]')`;
      const actions = (await frame.evaluate(
        `[...${toolbarOfFocus}.querySelectorAll('button')].map((button) => button.dataset.action)`,
      )) as string[];
      const stops = `[...${toolbarOfFocus}.querySelectorAll('button')].filter((button) => button.tabIndex === 0).length`;
      assert.equal(await frame.evaluate(stops), 1, 'a row toolbar has one Tab stop');
      await bench.page.keyboard.press('Home');
      assert.equal(await frame.evaluate('document.activeElement.dataset.action'), actions[0]);
      await bench.page.keyboard.press('ArrowRight');
      assert.equal(await frame.evaluate('document.activeElement.dataset.action'), actions[1]);
      await bench.page.keyboard.press('End');
      assert.equal(await frame.evaluate('document.activeElement.dataset.action'), actions[actions.length - 1]);
      await bench.page.keyboard.press('ArrowRight');
      assert.equal(
        await frame.evaluate('document.activeElement.dataset.action'),
        actions[0],
        'Right wraps to the first',
      );
      assert.equal(await frame.evaluate(stops), 1, 'the focused button is the one Tab stop');
      // Tab leaves the toolbar at once: the next stop is outside it.
      await bench.page.keyboard.press('Tab');
      assert.equal(
        await frame.evaluate(
          `!!(document.activeElement.closest('[role="toolbar"]') && document.activeElement.closest('li') && document.activeElement.closest('li').dataset.id === ${JSON.stringify(second)})`,
        ),
        false,
      );
    });
  });
}
