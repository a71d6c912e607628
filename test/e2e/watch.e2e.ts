import * as assert from 'node:assert/strict';
import { EmulatedInstance } from '../../emulator/instances';
import { GREEN_API_ACTIVITY, Workbench, openWorkbench } from './workbench';

describe('the background watch, as a person sees it', function () {
  this.timeout(120_000);
  let bench: Workbench;
  let instance: EmulatedInstance;

  before(async () => {
    bench = await openWorkbench({
      instances: [{ name: 'Front desk', state: 'authorized', phone: '441234567890' }],
      settings: { 'greenApi.watchIntervalSeconds': 10 },
    });
    instance = bench.emulator.store.list()[0] as EmulatedInstance;
  });
  after(() => bench?.close());
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await bench?.screenshot(`failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
    }
  });

  it('says when a linked instance loses its link, with the fix, and badges the GREEN-API icon while the sidebar is closed, until it is linked again', async () => {
    // Open the Instances view once (its badge lives on it), see the instance linked, then go back to the Explorer.
    await bench.page.locator(GREEN_API_ACTIVITY).click();
    const frame = await bench.webviewFrame('#app ul.rows');
    await frame.locator('li.row .badge', { hasText: 'Authorized' }).waitFor({ timeout: 30_000 });
    await bench.page.locator('.activitybar .action-item a[aria-label^="Explorer"]').click();

    assert.ok(bench.emulator.store.unlink(instance.idInstance), 'the emulator had no account to unlink');
    const notice = bench.notification(/Front desk lost its WhatsApp link/);
    await notice.waitFor({ timeout: 60_000 });
    assert.match((await notice.textContent()) ?? '', /not linked to a phone any more/);
    await notice.getByRole('button', { name: 'Get Code' }).waitFor();
    await notice.getByRole('button', { name: 'Show QR' }).waitFor();

    const badge = bench.page
      .locator('.activitybar .action-item', { has: bench.page.locator('a[aria-label^="GREEN-API"]') })
      .locator('.badge-content');
    await badge.waitFor({ timeout: 30_000 });
    assert.equal((await badge.textContent())?.trim(), '1');
    // The badge's tooltip (the activity's aria-label carries it) words one instance as one.
    const activity = bench.page.locator(GREEN_API_ACTIVITY);
    assert.match((await activity.getAttribute('aria-label')) ?? '', /1 GREEN-API instance lost its WhatsApp link/);
    await bench.picture('watch-drop', 'watch-drop');
    assert.equal(await bench.notification(/lost its WhatsApp link/).count(), 1, 'the drop is announced once');

    // Linked again on the phone: the next watch round sees it, and the badge leaves the activity bar.
    assert.ok(bench.emulator.store.scanQr(instance.idInstance).ok, 'the emulator could not link it again');
    await badge.waitFor({ state: 'hidden', timeout: 60_000 });
    assert.doesNotMatch((await activity.getAttribute('aria-label')) ?? '', /lost/);
    await bench.picture('watch-relinked-badge-cleared');

    // The warning cannot be closed by the extension; its Reboot, clicked now, leaves the linked instance alone.
    await notice.getByRole('button', { name: 'Reboot' }).click();
    await bench.notification(/Front desk is linked again: nothing needs doing/).waitFor({ timeout: 30_000 });
    assert.equal(instance.calls.reboot ?? 0, 0, 'no reboot was sent');
    assert.equal(await bench.page.locator('.monaco-dialog-box').count(), 0, 'no Reboot confirmation was asked');
  });
});
