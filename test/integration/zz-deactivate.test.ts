import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestProbe } from '../../src/extension';
import { EXTENSION_ID, run, useEmulator, waitFor } from './helpers';

// Runs last (file order): it disposes the extension as VS Code does at deactivate.
describe('deactivate', () => {
  const env = useEmulator();
  const probe = (): TestProbe => vscode.extensions.getExtension<TestProbe>(EXTENSION_ID)?.exports as TestProbe;

  it('leaves no timer, poll or request behind', async () => {
    const instance = await env.add();
    await vscode.commands.executeCommand('greenApi.instances.focus');
    await run('greenApi.getAuthorizationCode', { idInstance: instance.idInstance, phoneNumber: '441234567890' });
    instance.faults = [{ method: 'getStateInstance', stall: 'headers' }];
    void run('greenApi.refreshAll');
    await waitFor('everything to be running', () =>
      probe().codeStatusBar.isTicking && probe().linkWatcher.activeCount === 1 && probe().pendingCodes.timerCount === 1 && probe().instancesView.isAutoRefreshArmed && probe().refresher.activeCount === 1 ? true : undefined,
    );
    const pollsBefore = instance.calls.getStateInstance ?? 0;
    probe().disposeAll();
    assert.equal(probe().codeStatusBar.isTicking, false);
    assert.equal(probe().linkWatcher.activeCount, 0);
    assert.equal(probe().pendingCodes.timerCount, 0);
    assert.equal(probe().instancesView.isAutoRefreshArmed, false);
    // The poll interval is 5 s by default; wait past one to be sure nothing polls any more.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    assert.equal(instance.calls.getStateInstance ?? 0, pollsBefore, 'something polled GREEN-API after deactivate');
    assert.ok(!(await vscode.commands.getCommands(true)).includes('greenApi.getAuthorizationCode'), 'commands are still registered');
  });
});
