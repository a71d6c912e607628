import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestProbe } from '../../src/extension';
import type { QrHostMessage } from '../../src/views/qr/protocol';
import { EXTENSION_ID, Listed, run, useEmulator, waitFor } from './helpers';

describe('QR panel, reboot and console', () => {
  const env = useEmulator({ qrRotationSeconds: 1 });
  const probe = (): TestProbe => vscode.extensions.getExtension<TestProbe>(EXTENSION_ID)?.exports as TestProbe;
  const stateOf = async (idInstance: string): Promise<string | undefined> =>
    (await run<Listed[]>('greenApi.listInstances')).find((listed) => listed.idInstance === idInstance)?.state;

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the rotating QR image, and closes itself with a notice once the phone scanned it', async () => {
    const instance = await env.add({ name: 'Scanner' });
    assert.equal(await run('greenApi.showQrCode', { idInstance: instance.idInstance }), true);
    const panel = await waitFor('the panel', () => probe().qrPanels.get(instance.idInstance));
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(panel.html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-[^']+'/);
    assert.doesNotMatch(csp, /unsafe/);
    assert.ok(!panel.html.includes(instance.apiTokenInstance), 'the token reached the QR panel');
    const images = (): string[] =>
      (panel.posted as QrHostMessage[]).flatMap((message) =>
        message.view.kind === 'image' ? [message.view.pngBase64] : [],
      );
    // The emulator rotates the image each second here; the panel follows.
    await waitFor('two different QR images', () => new Set(images()).size >= 2, 15_000);
    assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.label, 'QR: Scanner');
    // Asking again reveals the same panel instead of opening a second one.
    await run('greenApi.showQrCode', { idInstance: instance.idInstance });
    assert.equal(probe().qrPanels.get(instance.idInstance), panel);

    assert.ok(env.emulator.store.scanQr(instance.idInstance).ok);
    await waitFor('the panel to close', () => probe().qrPanels.get(instance.idInstance) === undefined);
    assert.equal(await stateOf(instance.idInstance), 'authorized');
    await waitFor(
      'the QR tab to close',
      () => !vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.label === 'QR: Scanner')),
    );
  });

  it('says when the account is already linked, and ignores forged messages', async () => {
    const instance = await env.add({ name: 'Linked' });
    env.emulator.store.setState(instance.idInstance, 'authorized');
    await run('greenApi.showQrCode', { idInstance: instance.idInstance });
    const panel = await waitFor('the panel', () => probe().qrPanels.get(instance.idInstance));
    await waitFor('the already-linked view', () => panel.currentView.kind === 'alreadyLinked');
    const before = panel.posted.length;
    for (const forged of [
      { type: 'qrAction', action: 'remove' },
      { type: 'rowAction', action: 'remove', idInstance: instance.idInstance },
      'ready',
      null,
    ]) {
      panel.handleMessage(forged);
    }
    assert.equal(panel.posted.length, before, 'a forged message changed the panel');
    assert.ok(probe().qrPanels.get(instance.idInstance), 'the panel closed on a forged message');
  });

  it('WhatsApp asks the phone for a passkey: the panel says to finish it there, with ways out, keeps asking, and closes once linked', async () => {
    const instance = await env.add({ name: 'Passkey' });
    instance.passkeyRequired = true;
    await run('greenApi.showQrCode', { idInstance: instance.idInstance });
    const panel = await waitFor('the panel', () => probe().qrPanels.get(instance.idInstance));
    const views = (): QrHostMessage['view'][] => (panel.posted as QrHostMessage[]).map((message) => message.view);
    await waitFor('the passkey view', () => panel.currentView.kind === 'passkey');
    assert.match(
      panel.html,
      /<li>WhatsApp may then ask the phone to create or confirm a passkey: finish that on the phone\.<\/li>\s*<li>Once linked, keep WhatsApp open on the phone until your chats finish loading\.<\/li>/,
    );
    assert.match(panel.html, /data-passkey="WhatsApp asks your phone for a passkey: finish it on the phone/);
    for (const way of ['retry', 'checkState', 'useCode']) {
      assert.match(panel.html, new RegExp(`data-action="${way}" data-for="[^"]*\\bpasskey\\b`), way);
    }
    // It keeps asking (every 3 s), and says the passkey step once, not at every answer.
    const calls = instance.calls.qr ?? 0;
    await waitFor('another qr request', () => (instance.calls.qr ?? 0) > calls, 10_000);
    // (The page's ready re-posts the view it missed: count changes into the passkey view, not posts.)
    assert.equal(
      views().filter((view, index, all) => view.kind === 'passkey' && all[index - 1]?.kind !== 'passkey').length,
      1,
    );
    assert.ok(
      views().filter((view) => view.kind === 'passkey').length <= 2,
      'the passkey view was posted at every answer',
    );
    assert.ok(!views().some((view) => view.kind === 'problem'), JSON.stringify(views()));
    const checks = instance.calls.getStateInstance ?? 0;
    panel.handleMessage({ type: 'qrAction', action: 'checkState' });
    await waitFor('Check State to ask GREEN-API', () => (instance.calls.getStateInstance ?? 0) > checks);
    // The user finished the passkey on the phone: the device is linked.
    instance.passkeyRequired = false;
    env.emulator.store.setState(instance.idInstance, 'authorized');
    await waitFor('the panel to close', () => probe().qrPanels.get(instance.idInstance) === undefined, 15_000);
  });

  it('shows a qr answer type it does not know with its message and a way out, never as unreadable', async () => {
    const instance = await env.add({ name: 'Odd answer' });
    instance.faults = [
      { method: 'qr', body: { raw: JSON.stringify({ type: 'timeout', message: 'scan <b>timed</b> out' }) } },
    ];
    await run('greenApi.showQrCode', { idInstance: instance.idInstance });
    const panel = await waitFor('the panel', () => probe().qrPanels.get(instance.idInstance));
    const view = await waitFor('the problem view', () =>
      panel.currentView.kind === 'problem' ? panel.currentView : undefined,
    );
    assert.equal(view.text, 'GREEN-API answered "timeout" instead of a QR code for Odd answer: "scan timed out".');
    assert.equal(view.retryInSeconds, 5);
    assert.match(panel.html, /data-action="retry" data-for="problem"/);
  });

  it('explains a wrong token in the panel and stops asking', async () => {
    const instance = await env.add({ name: 'Wrong token' });
    instance.apiTokenInstance = `${instance.apiTokenInstance}-changed-on-the-server`;
    await run('greenApi.showQrCode', { idInstance: instance.idInstance });
    const panel = await waitFor('the panel', () => probe().qrPanels.get(instance.idInstance));
    const view = await waitFor('the problem view', () =>
      panel.currentView.kind === 'problem' ? panel.currentView : undefined,
    );
    assert.match(view.text, /token/i);
    assert.equal(view.retryInSeconds, undefined);
    const calls = instance.calls.qr;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(instance.calls.qr, calls, 'it kept asking with a wrong token');
  });

  it('closes the panel when its instance is removed', async () => {
    const instance = await env.add({ name: 'Going away' });
    await run('greenApi.showQrCode', { idInstance: instance.idInstance });
    await waitFor('the panel', () => probe().qrPanels.get(instance.idInstance));
    await run('greenApi.removeInstance', { idInstance: instance.idInstance, skipConfirmation: true });
    await waitFor('the panel to close', () => probe().qrPanels.get(instance.idInstance) === undefined);
  });

  it('reboots an instance: it is "starting", then back', async () => {
    const instance = await env.add({ name: 'Reboot me' });
    env.emulator.store.setState(instance.idInstance, 'authorized');
    assert.equal(await run('greenApi.reboot', { idInstance: instance.idInstance, skipConfirmation: true }), true);
    assert.equal(await stateOf(instance.idInstance), 'starting');
    await waitFor(
      'the emulated reboot to end',
      () => env.emulator.store.get(instance.idInstance)?.state === 'authorized',
    );
    assert.equal(await run('greenApi.refreshState', { idInstance: instance.idInstance }), 'authorized');
  });

  it('refuses an unknown instance without prompting', async () => {
    for (const command of ['greenApi.reboot', 'greenApi.showQrCode', 'greenApi.openConsole']) {
      assert.equal(await run(command, { idInstance: '999999999' }), undefined, command);
    }
  });
});
