import * as assert from 'node:assert/strict';
import { EmulatedInstance } from '../../emulator/instances';
import { waitFor } from '../harness/waitFor';
import { GREEN_API_ACTIVITY, Workbench, openWorkbench, visibleText } from './workbench';

/**
 * The one status-bar item: `Sales ABCD-EFGH 2:29` (the key is an icon), `+N` when more are pending.
 * The code is isolated left to right (U+2066 … U+2069) so a right-to-left language never swaps its halves.
 */
const CODE_ITEM = /[A-Z0-9]{4}-[A-Z0-9]{4}[\u2066-\u2069]* \d:\d\d/;
const PROGRESS = /checking .*…|requesting an authorization code/;

describe('adding an instance and linking WhatsApp by phone number, as a person does it in the workbench', function () {
  this.timeout(180_000);
  let bench: Workbench;
  let instance: EmulatedInstance;

  before(async () => {
    bench = await openWorkbench();
    instance = bench.emulator.store.add({ name: 'Sales' });
  });
  after(() => bench?.close());
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await bench?.screenshot(`failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
    }
  });

  it('shows an empty Instances view that says what an instance is, with an Add button', async () => {
    await bench.page.locator(GREEN_API_ACTIVITY).click();
    const frame = await bench.webviewFrame('#app .empty-state');
    await frame.locator('#app .empty-state', { hasText: 'one WhatsApp account slot on GREEN-API' }).waitFor();
    await frame.getByRole('button', { name: 'Add instance' }).click();
    await bench.page.locator('.quick-input-widget:visible', { hasText: 'apiUrl' }).waitFor();
    await bench.screenshot('sidebar-empty');
    await bench.page.keyboard.press('Escape');
  });

  it('the form goes Back keeping the values, and a 403 returns to the idInstance step', async () => {
    await bench.recordNotifications();
    await bench.runCommand('GREEN-API: Add Instance');
    const widget = bench.page.locator('.quick-input-widget:visible');
    const input = widget.locator('input');
    await bench.answer(bench.apiUrl);
    await widget.locator('.quick-input-title', { hasText: '(2/4): idInstance' }).waitFor();
    await bench.answer('1101999999');
    await widget.locator('.quick-input-title', { hasText: '(3/4): apiTokenInstance' }).waitFor();
    await bench.screenshot('add-instance-token');
    // Back: the idInstance step again, with what was typed.
    await widget.locator('.codicon-quick-input-back, [aria-label="Back"]').first().click();
    await widget.locator('.quick-input-title', { hasText: '(2/4): idInstance' }).waitFor();
    assert.equal(await input.inputValue(), '1101999999', 'Back lost the idInstance');
    await bench.answer('1101999999');
    await bench.answer(instance.apiTokenInstance);
    await bench.answer('Sales');
    // The emulator knows no 1101999999: 403, and the form opens on the field at fault.
    await widget.locator('.quick-input-title', { hasText: '(2/4): idInstance' }).waitFor({ timeout: 30_000 });
    await widget.locator('.quick-input-message', { hasText: /does not know this idInstance \(403\)/ }).waitFor();
    assert.equal(await input.inputValue(), '1101999999');
    await bench.screenshot('add-instance-403');
    await bench.answer(instance.idInstance);
    // The token and the name were kept: Enter accepts them as they are.
    await widget.locator('.quick-input-title', { hasText: '(3/4)' }).waitFor();
    assert.equal(await input.inputValue(), instance.apiTokenInstance, 'the token was not kept');
    await bench.answer(instance.apiTokenInstance);
    assert.equal(await input.inputValue(), 'Sales', 'the name was not kept');
    await bench.answer('Sales');
  });

  it('after the add, the Link panel opens with the steps first; a bad number is refused inline by the host', async () => {
    const frame = await bench.webviewFrame('#phone-input');
    await frame.locator('.steps li', { hasText: 'Link with phone number instead' }).waitFor();
    await bench.page.locator('.tab', { hasText: 'Link: Sales' }).waitFor();
    assert.equal(
      instance.calls.getStateInstance !== undefined && instance.calls.getStateInstance >= 1,
      true,
      'the credentials were not checked',
    );
    await frame.locator('#phone-input').fill('+44 12AB');
    await frame.locator('#phone-problem', { hasText: /"A" has no place/ }).waitFor();
    assert.match((await frame.locator('#phone-problem').textContent()) ?? '', /\+44 1234 567890/);
    await bench.picture('link-panel-phone', 'link-panel-phone');
  });

  it('a number with its country code that is not in use is said so; a Russian 8 (900) … gets a one-click +7 reading (issue 30)', async () => {
    const frame = await bench.webviewFrame('#phone-input');
    await frame.locator('#phone-input').fill('+44 7700 900123');
    await frame
      .locator('#phone-problem', { hasText: 'is not a number in use: +44 has no number 7700 900123' })
      .waitFor();
    assert.doesNotMatch((await frame.locator('#phone-problem').textContent()) ?? '', /add/i);
    await frame.locator('#phone-input').fill('8 (900) 123-45-67');
    const offer = frame.getByRole('button', { name: 'Use +7 900 123 45 67' });
    await offer.waitFor();
    assert.doesNotMatch((await frame.locator('#phone-problem').textContent()) ?? '', /none|\+44/);
    await bench.screenshot('link-panel-offer-plus7');
    await offer.click();
    assert.equal(await frame.locator('#phone-input').inputValue(), '+7 900 123 45 67');
    await frame.locator('#phone-shown', { hasText: 'WhatsApp shows it as +7 900 123 45 67.' }).waitFor();
    assert.equal(await offer.isHidden(), true, 'the offer stayed after it was taken');
    await bench.screenshot('link-panel-offer-taken');
    assert.deepEqual(instance.codeRequests, [], 'taking the offer sent a request');
  });

  it('gets the code in the panel, large with Copy and a countdown, and in one status-bar item', async () => {
    const frame = await bench.webviewFrame('#phone-input');
    // Bare digits are written as WhatsApp shows them once the field is left.
    await frame.locator('#phone-input').fill('441234567890');
    await frame.locator('#phone-shown', { hasText: 'WhatsApp shows it as +44 1234 567890.' }).waitFor();
    await frame.locator('#phone-input').blur();
    await waitFor('the formatted number', async () =>
      (await frame.locator('#phone-input').inputValue()) === '+44 1234 567890' ? true : undefined,
    );
    await frame.locator('#get-code').click();
    await frame
      .locator('#code-value')
      .filter({ hasText: /[A-Z0-9]{4}-[A-Z0-9]{4}/ })
      .waitFor({ timeout: 30_000 });
    const code = instance.pendingCode?.code ?? '';
    assert.equal(await frame.locator('#code-value').textContent(), `${code.slice(0, 4)}-${code.slice(4)}`);
    assert.deepEqual(instance.codeRequests, ['441234567890']);
    await frame.locator('#countdown', { hasText: /^2:[0-2]\d left$|^2:30 left$/ }).waitFor();
    const item = bench.statusBarItem(CODE_ITEM);
    await item.waitFor();
    assert.match(
      visibleText(await item.textContent()),
      new RegExp(`Sales ${code.slice(0, 4)}-${code.slice(4)} \\d:\\d\\d`),
    );
    await bench.picture('link-panel-code', 'link-panel-code');
    await bench.page.evaluate("navigator.clipboard.writeText('nothing yet')");
    await frame.locator('#code-phone', { hasText: 'For +44 1234 567890. Type the code on that phone.' }).waitFor();
    // Named by the label it shows (Label in Name), which turns to Copied for a moment after a click.
    await frame.getByRole('button', { name: 'Copy', exact: true }).waitFor();
    const copy = frame.locator('#copy');
    await copy.click();
    await bench.page.locator('.statusbar-item', { hasText: /Copied/ }).waitFor();
    assert.equal(await bench.page.evaluate('navigator.clipboard.readText()'), code);
    await copy.locator('.label', { hasText: /^Copied$/ }).waitFor();
    assert.match((await frame.locator('#announcer').textContent()) ?? '', /^Copied\. Type the code in WhatsApp/);
    await bench.screenshot('link-panel-copied');
    // Bounded: the button says Copy again by itself.
    await copy.locator('.label', { hasText: /^Copy$/ }).waitFor({ timeout: 5_000 });
  });

  it('closes the panel once the phone links; the whole run showed one outcome notification, no modal, and no code in a toast', async () => {
    const code = instance.pendingCode?.code ?? '';
    assert.ok(bench.emulator.store.link(instance.idInstance, code).ok);
    await bench.notification(/Sales is now authorized/).waitFor({ timeout: 15_000 });
    await bench.page.locator('.tab', { hasText: 'Link: Sales' }).waitFor({ state: 'detached' });
    await bench.statusBarItem(CODE_ITEM).waitFor({ state: 'detached' });
    await bench.picture('linked', 'linked');
    const { toasts, dialogs } = await bench.recorded();
    const progress = toasts.filter((text) => PROGRESS.test(text));
    const outcomes = toasts.filter((text) => !PROGRESS.test(text));
    assert.deepEqual(dialogs, [], 'a modal dialog was shown');
    assert.ok(progress.length <= 2, `progress notifications: ${JSON.stringify(progress)}`);
    assert.equal(outcomes.length, 1, `outcome notifications: ${JSON.stringify(outcomes)}`);
    for (const text of toasts) {
      assert.ok(
        !text.includes(code) && !text.includes(`${code.slice(0, 4)}-${code.slice(4)}`),
        `a toast held the code: ${text}`,
      );
    }
  });

  it('the row shows the linked phone with + and grouping; a host that cannot be reached is checked again, with no Log Out or Reboot (issue 30)', async () => {
    await bench.runCommand('Focus on Instances View');
    const sidebar = await bench.webviewFrame('#app ul.rows');
    const row = sidebar.locator('li.row', { has: sidebar.locator('.name', { hasText: /^Sales$/ }) });
    await row.locator('.phone', { hasText: 'linked to +44 12•• ••••90' }).waitFor({ timeout: 15_000 });
    await row.locator('button[data-action="logout"]').waitFor();
    // The connection is cut before any answer: the host cannot be reached.
    instance.faults = [{ method: 'getStateInstance', reset: true }];
    try {
      await row.locator('button[data-action="refresh"]').click();
      await row.locator('.reason', { hasText: /unreachable \(ECONNRESET\)/ }).waitFor({ timeout: 15_000 });
      await row.locator('button.main', { hasText: 'Check again' }).waitFor();
      assert.equal(await row.locator('button.main', { hasText: 'Fix: edit' }).count(), 0);
      assert.equal(await row.locator('button[data-action="logout"], button[data-action="reboot"]').count(), 0);
      await bench.screenshot('row-unreachable');
    } finally {
      instance.faults = [];
    }
  });
});
