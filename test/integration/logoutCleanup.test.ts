import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestProbe } from '../../src/extension';
import { EmulatedInstance } from '../../emulator/instances';
import { EXTENSION_ID, run, useEmulator, waitFor } from './helpers';

const GET_CODE = 'greenApi.getAuthorizationCode';
const LOG_OUT_AND_GET_CODE = 'Log Out and Get a Code';

/**
 * GREEN-API's cleanup after a logout (getWaSettings `logoutProcess: true`, "Authorization to
 * the instance is not possible"): "Log Out and Get a Code" waits it out under a progress
 * notification and only then asks for the code; past the bound it explains and offers Try Again.
 */
describe('the cleanup after a logout: no code is asked for while logoutProcess is true', () => {
  const env = useEmulator();
  const probe = (): TestProbe => vscode.extensions.getExtension<TestProbe>(EXTENSION_ID)?.exports as TestProbe;
  const warnings: { text: string; buttons: string[] }[] = [];
  const progress: string[] = [];
  const restore: (() => void)[] = [];

  before(() => {
    const window = vscode.window as unknown as Record<string, (...args: unknown[]) => unknown>;
    const showWarning = window.showWarningMessage as (...args: unknown[]) => unknown;
    // The user clicks "Log Out and Get a Code" whenever it is offered; other warnings are only recorded.
    window.showWarningMessage = (...args: unknown[]) => {
      const buttons = args.slice(1).filter((arg): arg is string => typeof arg === 'string');
      warnings.push({ text: String(args[0]), buttons });
      if (buttons.includes(LOG_OUT_AND_GET_CODE)) return Promise.resolve(LOG_OUT_AND_GET_CODE);
      return showWarning.apply(vscode.window, args);
    };
    const withProgress = window.withProgress as (...args: unknown[]) => unknown;
    type Task = (shown: vscode.Progress<{ message?: string }>, cancellation: vscode.CancellationToken) => unknown;
    // Every progress message is recorded on its way to the notification.
    window.withProgress = (...args: unknown[]) =>
      withProgress.call(vscode.window, args[0], ((shown, cancellation) =>
        (args[1] as Task)(
          { report: (value) => (value.message && progress.push(value.message), shown.report(value)) },
          cancellation,
        )) as Task);
    restore.push(
      () => (window.showWarningMessage = showWarning),
      () => (window.withProgress = withProgress),
    );
  });
  after(() => {
    restore.splice(0).forEach((undo) => undo());
    probe().setCleanupBoundMs(undefined);
  });
  beforeEach(() => {
    warnings.length = 0;
    progress.length = 0;
  });

  async function logOutAndGetCode(cleanupSeconds: number): Promise<EmulatedInstance> {
    const instance = await env.add({ state: 'authorized', phone: '441234567890' });
    instance.logoutCleanupSeconds = cleanupSeconds;
    assert.equal(
      await run(GET_CODE, { idInstance: instance.idInstance, phoneNumber: '441234567890' }),
      undefined,
      'a linked instance gets no code at once',
    );
    await waitFor('the logout', async () => instance.calls.logout === 1 || undefined, 10_000);
    return instance;
  }

  it('"Log Out and Get a Code" sends no getAuthorizationCode while the cleanup runs, then asks once', async () => {
    const instance = await logOutAndGetCode(4);
    const cleanupEnds = instance.logoutProcessUntil ?? 0;
    assert.ok(cleanupEnds > Date.now(), 'the emulator plays a cleanup after the logout');
    await waitFor(
      'the code request after the cleanup',
      async () => instance.codeRequests.length === 1 || undefined,
      20_000,
    );
    const codeCalls = instance.requestLog.filter((request) => request.method === 'getAuthorizationCode');
    assert.equal(codeCalls.length, 1, 'one code request');
    assert.ok((codeCalls[0]?.arrivedAt ?? 0) >= cleanupEnds, 'the code was asked for only after the cleanup ended');
    assert.ok((instance.calls.getWaSettings ?? 0) >= 2, 'logoutProcess was read while waiting');
    assert.ok(
      progress.some((message) => /still cleaning up/.test(message)),
      `the progress said so: ${JSON.stringify(progress)}`,
    );
    await waitFor('the pending code', async () => instance.pendingCode || undefined, 5_000);
  });

  it('past the bound it explains and offers Try Again, and still asks for no code', async () => {
    probe().setCleanupBoundMs(1_500);
    const instance = await logOutAndGetCode(120);
    const explained = await waitFor(
      'the explanation',
      async () => warnings.find((warning) => /still cleaning up .* over a minute/.test(warning.text)),
      15_000,
    );
    assert.deepEqual(explained.buttons, ['Try Again']);
    assert.deepEqual(instance.codeRequests, []);
    assert.equal(instance.calls.getAuthorizationCode, undefined);
  });
});
