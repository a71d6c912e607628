import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as vscode from 'vscode';
import type { TestProbe } from '../../src/extension';
import { QrHostMessage } from '../../src/views/qr/protocol';
import { EXTENSION_ID, Listed, run, useEmulator, waitFor } from './helpers';

/** Other extensions and stale snapshots must not steer what happens to a stored token (SECURITY.md). */
describe('nothing outside the user can steer it', () => {
  const env = useEmulator();
  const probe = (): TestProbe => vscode.extensions.getExtension<TestProbe>(EXTENSION_ID)?.exports as TestProbe;
  const listed = async (idInstance: string): Promise<Listed | undefined> => (await run<Listed[]>('greenApi.listInstances')).find((entry) => entry.idInstance === idInstance);

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('refuses an editInstance or addInstance argument that moves a stored instance to another host, with or without a token, and sends nothing there', async () => {
    const instance = await env.add({ name: 'Guarded' });
    let reached = 0;
    const elsewhere = http.createServer((_request, response) => {
      reached++;
      response.end('{}');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const port = (elsewhere.address() as { port: number }).port;
    try {
      const moved = await run('greenApi.editInstance', { idInstance: instance.idInstance, apiUrl: `http://127.0.0.1:${port}` });
      assert.equal(moved, undefined, 'the edit was accepted');
      assert.equal((await listed(instance.idInstance))?.apiUrl, env.emulator.url, 'the stored apiUrl changed');
      await run('greenApi.refreshState', { idInstance: instance.idInstance });
      assert.equal(reached, 0, 'a request reached the other host');
      // Not even with a token of its own (security review M1): an argument never moves a stored instance.
      assert.equal(await run('greenApi.editInstance', { idInstance: instance.idInstance, apiUrl: `http://127.0.0.1:${port}`, apiTokenInstance: 'evil-token-0123456789abcdef' }), undefined);
      assert.equal(await run('greenApi.addInstance', { idInstance: instance.idInstance, apiUrl: `http://127.0.0.1:${port}`, apiTokenInstance: 'evil-token-0123456789abcdef' }), undefined);
      assert.equal((await listed(instance.idInstance))?.apiUrl, env.emulator.url, 'an argument moved the instance');
      await run('greenApi.refreshState', { idInstance: instance.idInstance });
      assert.equal(reached, 0, 'a request reached the other host');
    } finally {
      await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
    }
  });

  it('keeps an edit made while a code was on its way, instead of saving back the record it started with', async () => {
    const instance = await env.add({ name: 'Before' });
    instance.faults = [{ method: 'getAuthorizationCode', delayMs: 800, times: 1 }];
    const code = run('greenApi.getAuthorizationCode', { idInstance: instance.idInstance, phoneNumber: '441234567890' });
    await waitFor('the code request to reach GREEN-API', () => (instance.calls.getAuthorizationCode ?? 0) >= 1 || undefined);
    await run('greenApi.editInstance', { idInstance: instance.idInstance, name: 'After' });
    assert.ok(await code, 'no code was issued');
    // The registry writes one at a time: once this later write is done, the flow's has landed too.
    await env.add({ name: 'Queued behind it' });
    assert.equal((await listed(instance.idInstance))?.name, 'After', 'the code flow reverted the edit');
  });

  it('never brings back an instance removed while its code was on its way', async () => {
    const instance = await env.add({ name: 'Gone' });
    instance.faults = [{ method: 'getAuthorizationCode', delayMs: 800, times: 1 }];
    const code = run('greenApi.getAuthorizationCode', { idInstance: instance.idInstance, phoneNumber: '441234567890' });
    await waitFor('the code request to reach GREEN-API', () => (instance.calls.getAuthorizationCode ?? 0) >= 1 || undefined);
    await run('greenApi.removeInstance', { idInstance: instance.idInstance, skipConfirmation: true });
    await code;
    assert.equal(await listed(instance.idInstance), undefined, 'the removed instance came back');
    assert.equal(await probe().hasStoredSecret(`greenApi.instance.${instance.idInstance}`), false, 'its token came back');
  });

  it('an open QR panel follows an Edit of the token', async () => {
    const instance = await env.add({ name: 'Rotated' });
    await run('greenApi.showQrCode', { idInstance: instance.idInstance });
    const panel = await waitFor('the panel', () => probe().qrPanels.get(instance.idInstance));
    await waitFor('a QR image', () => (panel.posted as QrHostMessage[]).some((message) => message.view.kind === 'image') || undefined);
    // The token is changed in the console; the panel's asks are now refused and it stops.
    const oldToken = instance.apiTokenInstance;
    instance.apiTokenInstance = `${oldToken.slice(0, -4)}beef`;
    await waitFor('the wrong-token view', () => (panel.currentView.kind === 'problem' ? true : undefined));
    await run('greenApi.editInstance', { idInstance: instance.idInstance, apiTokenInstance: instance.apiTokenInstance });
    await waitFor('an image with the new token', () => (panel.currentView.kind === 'image' ? true : undefined));
  });
});
