import * as assert from 'node:assert/strict';
import { EmulatedInstance } from '../../emulator/instances';
import { waitFor } from '../harness/waitFor';
import { Workbench, openWorkbench, visibleText } from './workbench';

// The code is isolated left to right (U+2066 … U+2069) so a right-to-left language never swaps its halves.
const CODE_ITEM = /[A-Z0-9]{4}-[A-Z0-9]{4}[\u2066-\u2069]* \d:\d\d/;
const VALIDITY_SECONDS = 40;

describe('pending codes in the workbench: the panel beside, one status-bar item, no toast with a code', function () {
  this.timeout(180_000);
  let bench: Workbench;
  const emulated = (name: string): EmulatedInstance =>
    bench.emulator.store.list().find((instance) => instance.name === name) as EmulatedInstance;
  const grouped = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;

  before(async () => {
    bench = await openWorkbench({
      instances: [
        { name: 'Kiosk' },
        { name: 'Backup' },
        { name: 'Support', state: 'authorized', phone: '441234567890' },
      ],
      settings: { 'greenApi.codeValiditySeconds': VALIDITY_SECONDS, 'greenApi.statePollIntervalSeconds': 1 },
    });
    await bench.recordNotifications();
  });
  after(() => bench?.close());
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await bench?.screenshot(`failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
    }
  });

  async function getCodeFromPalette(name: string): Promise<void> {
    await bench.runCommand('GREEN-API: Get Authorization Code');
    await bench.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
    await bench.answer(name);
    await bench.page
      .locator('.quick-input-widget:visible .quick-input-title', { hasText: `Get Authorization Code: ${name}` })
      .waitFor();
    await bench.answer('+44 1234 567890');
  }

  it('a code asked from the palette opens the Link panel beside the editor without taking the focus', async () => {
    // An editor with the focus, to see that the panel leaves it there.
    await bench.runCommand('File: New Untitled Text File');
    await bench.page.locator('.monaco-editor textarea').first().waitFor();
    await bench.page.keyboard.type('notes');
    await getCodeFromPalette('Kiosk');
    await bench.page.locator('.tab', { hasText: 'Link: Kiosk' }).waitFor({ timeout: 30_000 });
    const frame = await bench.webviewFrame('#code-value');
    const code = emulated('Kiosk').pendingCode?.code ?? '';
    await frame.locator('#code-value', { hasText: grouped(code) }).waitFor();
    assert.equal(
      await bench.page.locator('.editor-group-container').count(),
      2,
      'the panel did not open beside the editor',
    );
    assert.equal(
      await bench.page.evaluate('!!document.activeElement?.closest(".monaco-editor")'),
      true,
      'the panel took the focus',
    );
    await bench.page.keyboard.type(' kept');
    await bench.page.locator('.monaco-editor .view-line', { hasText: 'notes kept' }).waitFor();
    await bench.screenshot('link-panel-beside');
  });

  it('two pending codes make one status-bar item with +1, and its click offers a pick', async () => {
    await getCodeFromPalette('Backup');
    const item = bench.statusBarItem(CODE_ITEM);
    await bench.statusBarItem(/\+1$/).waitFor({ timeout: 30_000 });
    assert.equal(await item.count(), 1, 'more than one status-bar item holds a code');
    // The code that expires first leads: Kiosk's.
    assert.match(
      visibleText(await item.textContent()),
      new RegExp(`Kiosk ${grouped(emulated('Kiosk').pendingCode?.code ?? '')} \\d:\\d\\d \\+1`),
    );
    // The picture shows Backup's panel with its code, once its progress toast has gone.
    const backupCode = grouped(emulated('Backup').pendingCode?.code ?? '');
    await waitFor(
      "Backup's panel to show its code",
      async () => {
        for (const frame of bench.page.frames()) {
          if (
            (await frame
              .locator('#code-value', { hasText: backupCode })
              .count()
              .catch(() => 0)) > 0
          ) {
            return true;
          }
        }
        return undefined;
      },
      30_000,
    );
    await bench.notification(/checking the instance state/).waitFor({ state: 'detached', timeout: 30_000 });
    await bench.picture('status-bar-two-codes', 'status-bar-two-codes');
    await item.click();
    const pick = bench.page.locator('.quick-input-widget:visible');
    await pick.locator('.monaco-list-row', { hasText: 'Kiosk' }).waitFor();
    await pick.locator('.monaco-list-row', { hasText: 'Backup' }).waitFor();
    await bench.page.keyboard.press('Escape');
  });

  it('no toast ever held a code, and after expiry no item is left and the panel offers New Code', async () => {
    const codes = [emulated('Kiosk').pendingCode?.code ?? '', emulated('Backup').pendingCode?.code ?? ''];
    await bench.statusBarItem(CODE_ITEM).waitFor({ state: 'detached', timeout: (VALIDITY_SECONDS + 15) * 1000 });
    await bench.notification(/The code for Kiosk expired/).waitFor();
    await bench.page.locator('.tab', { hasText: 'Link: Kiosk' }).click();
    const frame = await bench.webviewFrame('button[data-action="newCode"]:not([hidden])');
    await frame.locator('#message', { hasText: 'expired' }).waitFor();
    await bench.screenshot('link-panel-expired');
    const { toasts, dialogs } = await bench.recorded();
    assert.deepEqual(dialogs, []);
    for (const text of toasts) {
      for (const code of codes) {
        assert.ok(!text.includes(code) && !text.includes(grouped(code)), `a toast held the code: ${text}`);
      }
    }
  });

  it('never asks for a phone number for an authorized instance: it offers Log Out first', async () => {
    await bench.runCommand('GREEN-API: Get Authorization Code');
    await bench.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Support' }).first().waitFor();
    await bench.answer('Support');
    const notice = bench.notification(/Support is already linked to a phone/);
    await notice.waitFor({ timeout: 15_000 });
    await notice.getByRole('button', { name: 'Log Out' }).waitFor();
    assert.equal(await bench.page.locator('.quick-input-widget:visible').count(), 0, 'a phone prompt opened');
    assert.equal(emulated('Support').calls.getAuthorizationCode, undefined);
    await bench.screenshot('authorized-no-prompt');
  });
});
