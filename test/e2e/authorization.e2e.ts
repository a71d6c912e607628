import * as assert from 'node:assert/strict';
import { EmulatedInstance } from '../../emulator/instances';
import { GREEN_API_ACTIVITY, Workbench, openWorkbench } from './workbench';

// The code is isolated left to right (U+2066 … U+2069) so a right-to-left language never swaps its halves.
const CODE_ITEM = /[A-Z0-9]{4}-[A-Z0-9]{4}[\u2066-\u2069]* \d:\d\d/;

describe('linking WhatsApp by phone number, as a person does it in the workbench', function () {
  this.timeout(120_000);
  let bench: Workbench;
  let instance: EmulatedInstance;

  before(async () => {
    bench = await openWorkbench();
    instance = bench.emulator.store.add({ name: 'Sales' });
  });
  after(() => bench?.close());

  it('shows an empty Instances view that says what an instance is, with an Add button', async () => {
    await bench.page.locator(GREEN_API_ACTIVITY).click();
    const frame = await bench.webviewFrame('#app .empty-state');
    await frame.locator('#app .empty-state', { hasText: 'one WhatsApp account slot on GREEN-API' }).waitFor();
    await frame.getByRole('button', { name: 'Add instance' }).click();
    await bench.page.locator('.quick-input-widget:visible', { hasText: 'apiUrl' }).waitFor();
    await bench.screenshot('sidebar-empty');
    await bench.page.keyboard.press('Escape');
  });

  it('adds an instance from the palette, typing each field', async () => {
    await bench.runCommand('GREEN-API: Add Instance');
    await bench.answer(bench.emulator.url);
    await bench.answer(instance.idInstance);
    await bench.screenshot('add-instance-token');
    await bench.answer(instance.apiTokenInstance);
    await bench.answer('Sales');
    // The credentials are checked against the server before anything is saved.
    await bench.notification(/Sales is saved. It is not linked to WhatsApp yet/).waitFor();
    assert.equal(instance.calls.getStateInstance, 1, 'the credentials were not checked');
  });

  it('refuses a bad phone number inline, saying what to type', async () => {
    await bench.runCommand('GREEN-API: Get Authorization Code');
    const input = bench.page.locator('.quick-input-widget:visible input');
    await input.fill('+44 12AB');
    const message = bench.page.locator('.quick-input-message', { hasText: /"A" has no place/ });
    await message.waitFor();
    assert.match((await message.textContent()) ?? '', /\+44 1234 567890/);
    await bench.screenshot('phone-refused');
    await bench.page.keyboard.press('Escape');
  });

  it('cancels a slow request from the progress notification', async () => {
    instance.faults = [{ method: 'getAuthorizationCode', stall: 'headers', times: 1 }];
    await bench.runCommand('GREEN-API: Get Authorization Code');
    await bench.answer('+44 1234 567890');
    const progress = bench.notification(/can take up to 30 s/);
    await progress.waitFor();
    await bench.screenshot('progress');
    await progress.hover();
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await progress.waitFor({ state: 'detached' });
    assert.equal(instance.calls.getAuthorizationCode, 1);
    assert.equal(await bench.statusBarItem(CODE_ITEM).count(), 0, 'a cancelled request must not show a code');
  });

  it('gets a code: progress, then the code counting down in the status bar', async () => {
    instance.faults = [{ method: 'getAuthorizationCode', delayMs: 1500, times: 1 }];
    await bench.runCommand('GREEN-API: Get Authorization Code');
    const input = bench.page.locator('.quick-input-widget:visible input');
    await input.waitFor();
    assert.equal(await input.inputValue(), '', 'a cancelled request does not remember the number');
    await bench.answer('+44 1234 567890');
    await bench.notification(/requesting an authorization code for 4412\*{6}90/).waitFor();
    const item = bench.statusBarItem(CODE_ITEM);
    await item.waitFor({ timeout: 10_000 });
    const code = instance.pendingCode?.code;
    assert.ok(code, 'the emulator issued no code');
    const first = (await item.textContent()) ?? '';
    const firstRead = Date.now();
    assert.ok(first.includes(`${code.slice(0, 4)}-${code.slice(4)}`), `status bar shows "${first}", not the code ${code}`);
    await bench.notification(/type it in WhatsApp within 2:30/).waitFor();
    await bench.screenshot('code-in-status-bar');
    // Read the countdown again once it has moved on by two seconds, and check that it moved by
    // no more than the wall time that passed (a busy machine may take longer to paint).
    const seconds = (text: string): number => {
      const [, m, s] = /(\d):(\d\d)/.exec(text) ?? [];
      return Number(m) * 60 + Number(s);
    };
    await bench.page.waitForFunction(
      `(() => {
        const item = [...document.querySelectorAll('.statusbar-item')].find((el) => ${CODE_ITEM.toString()}.test(el.textContent ?? ''));
        const [, m, s] = /(\\d):(\\d\\d)/.exec(item?.textContent ?? '') ?? [];
        return item !== undefined && Number(m) * 60 + Number(s) <= ${seconds(first) - 2};
      })()`,
      undefined,
      { timeout: 30_000 },
    );
    const elapsed = Math.ceil((Date.now() - firstRead) / 1000);
    const second = (await item.textContent()) ?? '';
    const fell = seconds(first) - seconds(second);
    assert.ok(fell >= 2 && fell <= elapsed + 1, `countdown went from "${first}" to "${second}" in ${elapsed} s`);
  });

  it('a click on the status-bar code copies it', async () => {
    await bench.page.evaluate("navigator.clipboard.writeText('nothing yet')");
    await bench.statusBarItem(CODE_ITEM).click();
    // The item says "Copied" once the extension's clipboard write has returned.
    await bench.page.locator('.statusbar-item', { hasText: /Copied/ }).waitFor();
    assert.equal(await bench.page.evaluate('navigator.clipboard.readText()'), instance.pendingCode?.code);
  });

  it('when the phone links, the code goes away and the instance is announced as authorized', async () => {
    const code = instance.pendingCode?.code;
    assert.ok(code);
    assert.ok(bench.emulator.store.link(instance.idInstance, code).ok);
    await bench.notification(/Sales is now authorized/).waitFor({ timeout: 10_000 });
    await bench.statusBarItem(CODE_ITEM).waitFor({ state: 'detached' });
    await bench.screenshot('linked');
  });
});
