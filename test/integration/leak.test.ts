import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestProbe } from '../../src/extension';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { QrHostMessage } from '../../src/views/qr/protocol';
import { CANARY_PARTNER_TOKEN, CANARY_PHONE, CANARY_TOKEN, CANARY_WRONG_TOKEN } from '../harness/leakCanary';
import { EXTENSION_ID, run, showInstancesView, useEmulator, waitFor } from './helpers';

/**
 * Runs every command and every error path with a distinctive token, and records every
 * text the extension shows. The runner then scans everything code-server wrote to disk
 * (user data, logs, state) for the same token: see runInCodeServer.ts.
 */
describe('no secret leaks (every command, every error path)', function () {
  this.timeout(120_000);
  const env = useEmulator({ partnerToken: CANARY_PARTNER_TOKEN });
  const probe = (): TestProbe => vscode.extensions.getExtension<TestProbe>(EXTENSION_ID)?.exports as TestProbe;
  const shown: string[] = [];
  const restore: (() => void)[] = [];

  /** Records what the extension shows; the test shares the extension's own `vscode` API object. */
  function capture(): void {
    const window = vscode.window as unknown as Record<string, unknown>;
    for (const name of ['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'setStatusBarMessage']) {
      const original = window[name] as (...args: unknown[]) => unknown;
      window[name] = (...args: unknown[]) => {
        shown.push(JSON.stringify(args));
        return original.apply(vscode.window, args);
      };
      restore.push(() => (window[name] = original));
    }
    const withProgress = vscode.window.withProgress;
    window.withProgress = (
      options: vscode.ProgressOptions,
      task: (progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken) => Thenable<unknown>,
    ) => {
      shown.push(JSON.stringify(options));
      return withProgress(options, (progress, token) =>
        task({ report: (value) => (shown.push(JSON.stringify(value)), progress.report(value)) }, token),
      );
    };
    restore.push(() => (window.withProgress = withProgress));
  }

  before(async () => {
    capture();
    await vscode.workspace
      .getConfiguration('greenApi')
      .update('statePollIntervalSeconds', 1, vscode.ConfigurationTarget.Global);
    // Ready first: the scan below must see what the view was really sent, not an empty list.
    await showInstancesView('leak');
  });
  after(async () => {
    restore.forEach((undo) => undo());
    await vscode.workspace
      .getConfiguration('greenApi')
      .update('statePollIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace
      .getConfiguration('greenApi')
      .update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  it('runs every command and error path, and no shown text or webview message holds the token or the phone', async () => {
    const a = env.emulator.store.add({ name: 'Leak A', apiTokenInstance: CANARY_TOKEN });
    const b = env.emulator.store.add({ name: 'Leak B' });
    const id = a.idInstance;
    await run('greenApi.addInstance', {
      apiUrl: env.emulator.url,
      idInstance: id,
      apiTokenInstance: CANARY_TOKEN,
      name: 'Leak A',
    });
    await run('greenApi.addInstance', {
      apiUrl: env.emulator.url,
      idInstance: b.idInstance,
      apiTokenInstance: CANARY_WRONG_TOKEN,
      name: 'Leak B',
    });
    const getCode = () => run('greenApi.getAuthorizationCode', { idInstance: id, phoneNumber: `+${CANARY_PHONE}` });

    // Happy path: state, code, copy, linked, phone, logout.
    assert.equal(await run('greenApi.refreshState', { idInstance: id }), 'notAuthorized');
    const issued = await getCode();
    assert.ok(issued);
    await run('greenApi.copyAuthorizationCode', { idInstance: id });
    assert.ok(env.emulator.store.link(id, a.pendingCode?.code).ok);
    await waitFor('linked', () => (shown.some((text) => text.includes('is now authorized')) ? true : undefined));
    await run('greenApi.refreshAll');
    await getCode(); // already authorized
    assert.equal(await run('greenApi.logout', { idInstance: id, skipConfirmation: true }), true);

    // The QR panel: its HTML and every message it was sent.
    assert.equal(await run('greenApi.showQrCode', { idInstance: id }), true);
    const qrPanel = await waitFor('the QR panel', () => probe().qrPanels.get(id));
    await waitFor('a QR image', () =>
      (qrPanel.posted as QrHostMessage[]).some((message) => message.view.kind === 'image'),
    );
    const qrTexts = [qrPanel.html, JSON.stringify(qrPanel.posted)].join('\n');
    qrPanel.dispose();

    // Imports: from a .env holding the token, and from a partner account (right and wrong partner token).
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'green-api-leak-'));
    const envFile = path.join(folder, '.env');
    fs.writeFileSync(envFile, `ID_INSTANCE=${id}\nAPI_TOKEN_INSTANCE=${CANARY_TOKEN}\nAPI_URL=${env.emulator.url}\n`);
    assert.equal(await run('greenApi.importFromEnv', { file: envFile }), id);
    fs.rmSync(folder, { recursive: true, force: true });
    assert.ok(
      await run('greenApi.importFromPartner', {
        partnerApiUrl: env.emulator.url,
        partnerToken: CANARY_PARTNER_TOKEN,
        apiUrl: env.emulator.url,
        idInstances: [id],
      }),
    );
    await run('greenApi.importFromPartner', {
      partnerApiUrl: env.emulator.url,
      partnerToken: `${CANARY_PARTNER_TOKEN}x`,
      apiUrl: env.emulator.url,
    });
    await run('greenApi.reboot', { idInstance: id, skipConfirmation: true });
    await new Promise((resolve) => setTimeout(resolve, 300));

    // Every failure kind on getAuthorizationCode, then on the state check.
    const faults = [
      { body: { raw: '{"status":false,"code":""}' } },
      { status: 429, retryAfter: '1' },
      { status: 466 },
      { status: 500, body: 'html' as const },
      { status: 400, body: { raw: 'bad request data' } },
      { reset: true },
      { body: 'malformed' as const },
      { status: 404 },
    ];
    for (const fault of faults) {
      a.faults = [{ method: 'getAuthorizationCode', times: 1, ...fault }];
      await getCode();
    }
    await vscode.workspace
      .getConfiguration('greenApi')
      .update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    a.faults = [{ method: 'getStateInstance', times: 1, stall: 'headers' }];
    await run('greenApi.refreshState', { idInstance: id });
    for (const state of ['starting', 'blocked', 'sleepMode', 'yellowCard', 'suspended']) {
      env.emulator.store.setState(id, state);
      await getCode();
    }
    env.emulator.store.setState(id, 'notAuthorized');

    // The wrong token (401), an unknown instance (403), a wrong apiUrl (404), an unreachable host.
    await run('greenApi.refreshState', { idInstance: b.idInstance });
    await run('greenApi.getAuthorizationCode', { idInstance: b.idInstance, phoneNumber: CANARY_PHONE });
    await run('greenApi.editInstance', { idInstance: b.idInstance, apiUrl: `${env.emulator.url}/wrong` });
    await run('greenApi.refreshState', { idInstance: b.idInstance });
    await run('greenApi.editInstance', { idInstance: b.idInstance, apiUrl: 'http://127.0.0.1:9' });
    await run('greenApi.refreshState', { idInstance: b.idInstance });
    env.emulator.store.remove(id);
    await run('greenApi.refreshState', { idInstance: id });
    await run('greenApi.refreshAll');

    // Bad arguments of every command.
    await run('greenApi.addInstance', {
      apiUrl: 'http://example.com',
      idInstance: '1234567',
      apiTokenInstance: CANARY_TOKEN,
    });
    await run('greenApi.editInstance', { idInstance: id, apiTokenInstance: `${CANARY_TOKEN} ` + '/' });
    await run('greenApi.getAuthorizationCode', { idInstance: id, phoneNumber: `${CANARY_PHONE}x` });
    await run('greenApi.copyAuthorizationCode', { idInstance: id });
    await run('greenApi.logout', { idInstance: '1', skipConfirmation: true });
    await run('greenApi.showLog');
    await run('greenApi.listInstances');
    assert.equal(await run('greenApi.removeInstance', { idInstance: b.idInstance, skipConfirmation: true }), true);
    await new Promise((resolve) => setTimeout(resolve, 500));

    assert.ok(shown.length >= 30, `only ${shown.length} texts were captured: is the capture working?`);
    const webview = JSON.stringify(probe().instancesView.posted);
    assert.ok(
      webview.includes('Leak A'),
      'the Instances view was sent no row of the instances above: the scan would prove nothing',
    );
    for (const [where, text] of [
      ['notifications', shown.join('\n')],
      ['webview messages', webview],
      ['the QR panel', qrTexts],
    ] as const) {
      for (const secret of [CANARY_TOKEN, CANARY_WRONG_TOKEN, CANARY_PARTNER_TOKEN, CANARY_PHONE]) {
        assert.equal(text.split(secret).length - 1, 0, `${secret.slice(0, 14)}… found in ${where}`);
      }
    }
    console.log(
      `leak scan (in the extension host): ${shown.length} notification texts and ${probe().instancesView.posted.length} webview messages, 0 occurrences of the token or the phone`,
    );
  });
});
