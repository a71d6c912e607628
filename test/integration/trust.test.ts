import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startEmulator } from '../../emulator/server';
import type { TestProbe } from '../../src/extension';
import { QrHostMessage } from '../../src/views/qr/protocol';
import { EXTENSION_ID, Listed, recordNotifications, run, useEmulator, waitFor } from './helpers';

/** Other extensions and stale snapshots must not steer what happens to a stored token (SECURITY.md). */
describe('nothing outside the user can steer it', () => {
  const env = useEmulator();
  const probe = (): TestProbe => vscode.extensions.getExtension<TestProbe>(EXTENSION_ID)?.exports as TestProbe;
  const listed = async (idInstance: string): Promise<Listed | undefined> =>
    (await run<Listed[]>('greenApi.listInstances')).find((entry) => entry.idInstance === idInstance);

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  // What the extension warns about.
  const warnings = recordNotifications();
  const lostLink = (): string[] => warnings.filter((text) => text.includes('lost its WhatsApp link'));

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
      const moved = await run('greenApi.editInstance', {
        idInstance: instance.idInstance,
        apiUrl: `http://127.0.0.1:${port}`,
      });
      assert.equal(moved, undefined, 'the edit was accepted');
      assert.equal((await listed(instance.idInstance))?.apiUrl, env.emulator.url, 'the stored apiUrl changed');
      await run('greenApi.refreshState', { idInstance: instance.idInstance });
      assert.equal(reached, 0, 'a request reached the other host');
      // Not even with a token of its own (security review M1): an argument never moves a stored instance.
      for (const command of ['greenApi.editInstance', 'greenApi.addInstance']) {
        assert.equal(
          await run(command, {
            idInstance: instance.idInstance,
            apiUrl: `http://127.0.0.1:${port}`,
            apiTokenInstance: 'evil-token-0123456789abcdef',
          }),
          undefined,
          `${command} accepted the other host`,
        );
      }
      assert.equal((await listed(instance.idInstance))?.apiUrl, env.emulator.url, 'an argument moved the instance');
      await run('greenApi.refreshState', { idInstance: instance.idInstance });
      assert.equal(reached, 0, 'a request reached the other host');
      // Nor a .env file named in an argument (a task's inputs, another extension).
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'green-api-move-'));
      try {
        const file = path.join(folder, '.env');
        fs.writeFileSync(
          file,
          `ID_INSTANCE=${instance.idInstance}\nAPI_TOKEN_INSTANCE=evil-token-0123456789abcdef\nAPI_URL=http://127.0.0.1:${port}\n`,
        );
        assert.equal(await run('greenApi.importFromEnv', { file }), undefined, 'the .env import was accepted');
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
      assert.equal((await listed(instance.idInstance))?.apiUrl, env.emulator.url, 'a .env argument moved the instance');
      await run('greenApi.refreshState', { idInstance: instance.idInstance });
      assert.equal(reached, 0, 'a request reached the other host');
      assert.deepEqual(lostLink(), [], 'the watch warned of a lost link');
      assert.equal(probe().watch.dropCount, 0);
    } finally {
      await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
    }
  });

  it('keeps an edit made while a code was on its way, instead of saving back the record it started with', async () => {
    const instance = await env.add({ name: 'Before' });
    instance.faults = [{ method: 'getAuthorizationCode', delayMs: 800, times: 1 }];
    const code = run('greenApi.getAuthorizationCode', { idInstance: instance.idInstance, phoneNumber: '441234567890' });
    await waitFor(
      'the code request to reach GREEN-API',
      () => (instance.calls.getAuthorizationCode ?? 0) >= 1 || undefined,
    );
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
    await waitFor(
      'the code request to reach GREEN-API',
      () => (instance.calls.getAuthorizationCode ?? 0) >= 1 || undefined,
    );
    await run('greenApi.removeInstance', { idInstance: instance.idInstance, skipConfirmation: true });
    await code;
    assert.equal(await listed(instance.idInstance), undefined, 'the removed instance came back');
    assert.equal(
      await probe().hasStoredSecret(`greenApi.instance.${instance.idInstance}`),
      false,
      'its token came back',
    );
  });

  it('an open QR panel follows an Edit of the token', async () => {
    const instance = await env.add({ name: 'Rotated' });
    await run('greenApi.showQrCode', { idInstance: instance.idInstance });
    const panel = await waitFor('the panel', () => probe().qrPanels.get(instance.idInstance));
    await waitFor(
      'a QR image',
      () => (panel.posted as QrHostMessage[]).some((message) => message.view.kind === 'image') || undefined,
    );
    // The token is changed in the console; the panel's asks are now refused and it stops.
    const oldToken = instance.apiTokenInstance;
    instance.apiTokenInstance = `${oldToken.slice(0, -4)}beef`;
    await waitFor('the wrong-token view', () => (panel.currentView.kind === 'problem' ? true : undefined));
    await run('greenApi.editInstance', {
      idInstance: instance.idInstance,
      apiTokenInstance: instance.apiTokenInstance,
    });
    await waitFor('an image with the new token', () => (panel.currentView.kind === 'image' ? true : undefined));
  });

  it('the user moving an instance to another host starts it afresh: no lost-link warning, no drop, its Link panel closed, its state asked of the new host', async () => {
    const instance = await env.add({ name: 'Moving', state: 'authorized', phone: '441234567890' });
    const id = instance.idInstance;
    assert.equal(await run('greenApi.refreshState', { idInstance: id }), 'authorized');
    await run('greenApi.linkWithPhoneNumber', { idInstance: id });
    await waitFor('the Link panel', () => probe().linkPanels.get(id));
    const other = await startEmulator({ rebootSeconds: 0.2 });
    const dropsBefore = probe().watch.dropsRead;
    try {
      // The same idInstance on another host (a second emulator: another origin), not linked there.
      const there = other.store.add({ idInstance: id, name: 'Moving', state: 'notAuthorized' });
      // The Edit form's own path after its fields and its modal: the check of the new values, then the save.
      const saved = await probe().saveAsTheEditForm({
        idInstance: id,
        apiUrl: other.url,
        apiTokenInstance: there.apiTokenInstance,
        name: 'Moving',
      });
      assert.equal(saved, id);
      assert.equal((await listed(id))?.apiUrl, other.url);
      await waitFor('the Link panel to close', () => probe().linkPanels.get(id) === undefined || undefined);
      // Asked afresh once saved: the form's check, then the new host's own first check.
      await waitFor(
        'a check of the new host after the save',
        () => (there.calls.getStateInstance ?? 0) >= 2 || undefined,
      );
      await waitFor("the new host's state", async () => (await listed(id))?.state === 'notAuthorized' || undefined);
      await waitFor('a history of the new host only', async () => {
        const history = await run<{ state: string }[]>('greenApi.stateHistory', { idInstance: id });
        return history.length === 1 && history[0]?.state === 'notAuthorized' ? true : undefined;
      });
      assert.equal(probe().watch.dropCount, 0, "the new host's answer was read as a drop");
      // Not even for a moment: the form's check of the new host is no answer about the stored instance.
      assert.equal(
        probe().watch.dropsRead,
        dropsBefore,
        'an answer of the new host was read as a drop before the save',
      );
      assert.deepEqual(lostLink(), [], 'the watch warned of a lost link');
    } finally {
      await other.close();
    }
  });
});
