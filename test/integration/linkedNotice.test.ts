import * as assert from 'node:assert/strict';
import { probe, recordNotifications, run, usePollInterval, useEmulator, waitFor } from './helpers';

/**
 * Right after a link GREEN-API loads the chat history (getWaSettings `historySyncProgress`),
 * and closing WhatsApp on the phone meanwhile can log the device out again (green-api/issues#603):
 * the linked notice says to keep it open and shows the percent until it reaches 100.
 */
/** The linked notice's messages for `idInstance`, once one said the chats reached 100% (waits up to 20 s). */
async function loadingToTheEnd(idInstance: string): Promise<string[]> {
  const mine = () =>
    probe()
      .linkedNotices.shown.filter((entry) => entry.idInstance === idInstance)
      .map((entry) => entry.message);
  await waitFor(
    'the loading to reach 100%',
    () => (mine().some((message) => message.startsWith('Loading chats: 100%')) ? true : undefined),
    20_000,
  );
  return mine();
}

describe('after a link: keep WhatsApp open until the chats finish loading', () => {
  const env = useEmulator();
  const shown = recordNotifications(['showInformationMessage']);
  usePollInterval(1);

  it('the linked notice says to keep WhatsApp open, and shows historySyncProgress until 100', async () => {
    const instance = await env.add();
    instance.historySyncSeconds = 6;
    assert.ok(
      await run('greenApi.getAuthorizationCode', { idInstance: instance.idInstance, phoneNumber: '441234567890' }),
      'a code was issued',
    );
    assert.equal(env.emulator.store.link(instance.idInstance).ok, true);
    const notice = await waitFor(
      'the linked notice',
      () => shown.find((text) => text.includes('is now authorized')),
      15_000,
    );
    assert.match(notice, /Keep WhatsApp open on the phone until your chats finish loading\./);
    const mine = await loadingToTheEnd(instance.idInstance);
    const percents = mine.map((message) => Number(/(\d+)%/.exec(message)?.[1]));
    assert.ok(
      percents.length >= 2 && (percents[0] ?? 100) < 100,
      `the progress was shown while it rose: ${JSON.stringify(mine)}`,
    );
    assert.match(mine[0] ?? '', /Keep WhatsApp open on the phone/);
    await waitFor('the follow to end', () => (probe().linkedNotices.activeCount === 0 ? true : undefined), 5_000);
  });

  it('by QR too: the notice says to keep WhatsApp open and shows the loading', async () => {
    const instance = await env.add({ name: 'Scanner' });
    instance.historySyncSeconds = 4;
    assert.equal(await run('greenApi.showQrCode', { idInstance: instance.idInstance }), true);
    await waitFor(
      'a QR image',
      () => (probe().qrPanels.get(instance.idInstance)?.currentView.kind === 'image' ? true : undefined),
      15_000,
    );
    const seen = shown.length;
    assert.ok(env.emulator.store.scanQr(instance.idInstance).ok);
    const notice = await waitFor(
      'the linked notice',
      () => shown.slice(seen).find((text) => text.includes('scanned the QR code')),
      15_000,
    );
    assert.match(notice, /Keep WhatsApp open on the phone until your chats finish loading\./);
    const mine = await loadingToTheEnd(instance.idInstance);
    assert.ok(mine.length >= 2, `the progress was shown while it rose: ${JSON.stringify(mine)}`);
  });

  it('stops following the loading when the instance is removed: no request with its token afterwards', async () => {
    const instance = await env.add();
    instance.historySyncSeconds = 600;
    assert.ok(
      await run('greenApi.getAuthorizationCode', { idInstance: instance.idInstance, phoneNumber: '441234567890' }),
    );
    assert.equal(env.emulator.store.link(instance.idInstance).ok, true);
    await waitFor(
      'the first percent',
      () => probe().linkedNotices.shown.find((entry) => entry.idInstance === instance.idInstance),
      15_000,
    );
    assert.equal(probe().linkedNotices.activeCount, 1);
    assert.equal(
      await run('greenApi.removeInstance', { idInstance: instance.idInstance, skipConfirmation: true }),
      true,
    );
    await waitFor('the follow to stop', () => (probe().linkedNotices.activeCount === 0 ? true : undefined), 5_000);
  });

  it('shows no progress when GREEN-API reports no historySyncProgress, and stops after one read', async () => {
    const instance = await env.add();
    assert.ok(
      await run('greenApi.getAuthorizationCode', { idInstance: instance.idInstance, phoneNumber: '441234567890' }),
    );
    const seen = shown.length;
    const before = instance.calls.getWaSettings ?? 0;
    assert.equal(env.emulator.store.link(instance.idInstance).ok, true);
    const notice = await waitFor(
      'the linked notice',
      () => shown.slice(seen).find((text) => text.includes('is now authorized')),
      15_000,
    );
    assert.match(notice, /Keep WhatsApp open/);
    // The poll's check learns the phone (one getWaSettings), the follow reads the progress once (one more).
    await waitFor(
      'the follow to read once',
      () => ((instance.calls.getWaSettings ?? 0) - before >= 2 ? true : undefined),
      10_000,
    );
    await waitFor('the follow to end', () => (probe().linkedNotices.activeCount === 0 ? true : undefined), 5_000);
    assert.equal(probe().linkedNotices.shown.filter((entry) => entry.idInstance === instance.idInstance).length, 0);
    assert.equal((instance.calls.getWaSettings ?? 0) - before, 2);
  });
});
