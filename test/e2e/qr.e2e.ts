import * as assert from 'node:assert/strict';
import { EmulatedInstance } from '../../emulator/instances';
import { Workbench, openWorkbench } from './workbench';

/**
 * Opens a workbench for one suite with one emulated instance named Kiosk (`prepare` may set it
 * up first), closes it after, and keeps a screenshot of each failed test.
 */
function useKiosk(prepare: (instance: EmulatedInstance) => void = () => {}): {
  readonly bench: Workbench;
  readonly instance: EmulatedInstance;
} {
  let bench: Workbench | undefined;
  let instance: EmulatedInstance | undefined;
  before(async () => {
    bench = await openWorkbench({ instances: [{ name: 'Kiosk' }] });
    instance = bench.emulator.store.list()[0] as EmulatedInstance;
    prepare(instance);
  });
  after(() => bench?.close());
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await bench?.screenshot(`failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
    }
  });
  return {
    get bench() {
      assert.ok(bench, 'workbench not open');
      return bench;
    },
    get instance() {
      assert.ok(instance, 'workbench not open');
      return instance;
    },
  };
}

describe('the QR panel, as a person uses it', function () {
  this.timeout(120_000);
  const kiosk = useKiosk();

  it('shows the QR image from the palette, and closes with a notice once the phone scanned it', async () => {
    const { bench, instance } = kiosk;
    await bench.runCommand('GREEN-API: Show QR Code');
    const frame = await bench.webviewFrame('#qr[src^="data:image/png;base64,"]');
    const image = frame.locator('#qr');
    await image.waitFor({ state: 'visible' });
    const size = await image.evaluate((element) => {
      const picture = element as unknown as { naturalWidth: number; naturalHeight: number };
      return [picture.naturalWidth, picture.naturalHeight];
    });
    assert.ok((size[0] ?? 0) > 100 && size[0] === size[1], `the QR image is ${size.join('×')}`);
    await frame.locator('#status', { hasText: 'Waiting for the phone to scan the code' }).waitFor();
    await bench.page.locator('.tab', { hasText: 'QR: Kiosk' }).waitFor();
    await bench.picture('qr-panel', 'qr-panel');

    assert.ok(bench.emulator.store.scanQr(instance.idInstance).ok);
    await bench.notification(/Kiosk is now authorized: the phone scanned the QR code/).waitFor({ timeout: 15_000 });
    await bench.page.locator('.tab', { hasText: 'QR: Kiosk' }).waitFor({ state: 'detached' });
  });
});

describe('the QR panel while WhatsApp asks the phone for a passkey', function () {
  this.timeout(120_000);
  const kiosk = useKiosk((instance) => (instance.passkeyRequired = true));

  it('says to finish the passkey on the phone, offers Show QR Again and Check State, and closes once the phone is linked', async () => {
    const { bench, instance } = kiosk;
    await bench.runCommand('GREEN-API: Show QR Code');
    const frame = await bench.webviewFrame('#status.passkey');
    await frame
      .locator('#status', { hasText: 'WhatsApp asks your phone for a passkey: finish it on the phone' })
      .waitFor();
    await frame.locator('li', { hasText: 'WhatsApp may then ask the phone to create or confirm a passkey' }).waitFor();
    for (const label of ['Show QR Again', 'Check State', 'Use a Phone-Number Code Instead']) {
      await frame.getByRole('button', { name: label }).waitFor({ state: 'visible' });
    }
    assert.equal(await frame.locator('#frame').isVisible(), false, 'a stale QR image is shown beside the passkey step');
    await bench.page.locator('.tab', { hasText: 'QR: Kiosk' }).waitFor();
    await bench.picture('qr-passkey', 'qr-passkey');

    // The user created the passkey on the phone: WhatsApp links the device.
    instance.passkeyRequired = false;
    bench.emulator.store.setState(instance.idInstance, 'authorized');
    await bench.notification(/Kiosk is now authorized/).waitFor({ timeout: 15_000 });
    await bench.page.locator('.tab', { hasText: 'QR: Kiosk' }).waitFor({ state: 'detached' });
  });
});
