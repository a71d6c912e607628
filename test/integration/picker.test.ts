import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PICKER_CHECK_CAP } from '../../src/core/pickerChecks';
import { probe, run, useEmulator, waitFor } from './helpers';

const PARTNER_TOKEN = 'partner0token0for0the0picker0suite0only';

describe('The Get Code picker over many instances (security review S3)', () => {
  const env = useEmulator({ partnerToken: PARTNER_TOKEN });
  const settings = () => vscode.workspace.getConfiguration('greenApi');

  it('checks at most PICKER_CHECK_CAP of 300 stale instances, and none more once it has closed', async () => {
    // No watch round and no view of rows: the only checks asked are the picker's.
    await settings().update('watchIntervalSeconds', 0, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.view.explorer');
    const added = Array.from({ length: 300 }, (_, i) =>
      env.emulator.store.add({ name: `Pick ${String(i).padStart(3, '0')}` }),
    );
    // Every check fails, so every state stays stale (a failed one is checked again).
    for (const instance of added) instance.faults = [{ method: 'getStateInstance', status: 500 }];
    const asked = (): number => added.reduce((sum, instance) => sum + (instance.calls.getStateInstance ?? 0), 0);
    const window = vscode.window as unknown as Record<'showQuickPick', (...args: unknown[]) => unknown>;
    const original = window.showQuickPick;
    const ids = await run<string[]>('greenApi.importFromPartner', {
      partnerApiUrl: env.emulator.url,
      partnerToken: PARTNER_TOKEN,
      apiUrl: env.emulator.url,
    });
    try {
      assert.equal(ids.length, added.length);
      // The import's own Refresh All asks each instance once; it ends first.
      await waitFor(
        "the import's checks to end",
        () => (asked() >= added.length && probe().refresher.activeCount === 0) || undefined,
      );
      const opened: number[] = [];
      // The user waits for the rows (the picker shows busy until its checks answered or 3 s passed), then presses Escape.
      window.showQuickPick = async (items: unknown) => {
        opened.push(Date.now());
        await items;
        return undefined;
      };
      let before = asked();
      assert.equal(await run('greenApi.getAuthorizationCode'), undefined);
      await waitFor('the checks the picker sent to end', () => probe().refresher.activeCount === 0 || undefined);
      assert.equal(opened.length, 1);
      const waited = asked() - before;
      assert.ok(waited >= 1 && waited <= PICKER_CHECK_CAP, `one picker asked GREEN-API ${waited} times`);
      // Escape at once: only the checks already sent when it closed (one per concurrent slot) are asked.
      window.showQuickPick = async () => undefined;
      before = asked();
      assert.equal(await run('greenApi.getAuthorizationCode'), undefined);
      await waitFor('the checks the picker sent to end', () => probe().refresher.activeCount === 0 || undefined);
      const closedAtOnce = asked() - before;
      const concurrency = settings().get<number>('refreshConcurrency') ?? 4;
      assert.ok(closedAtOnce <= concurrency, `a picker closed at once asked GREEN-API ${closedAtOnce} times`);
    } finally {
      window.showQuickPick = original;
      await probe().removeInstances(ids);
      await settings().update('watchIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
