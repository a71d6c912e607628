import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestProbe } from '../../src/extension';
import { EXPECTED_KEY } from '../../src/core/expectedChanges';
import { EXTENSION_ID, recordNotifications, run, showInstancesView, useEmulator, waitFor } from './helpers';

describe('the background watch', function () {
  this.timeout(120_000);
  const env = useEmulator();
  const probe = (): TestProbe => vscode.extensions.getExtension<TestProbe>(EXTENSION_ID)?.exports as TestProbe;
  // Count what the extension warns about, and the buttons each warning offered.
  const warnings = recordNotifications();
  const buttons = warnings.buttons;

  before(async () => {
    // The Instances view resolved, then hidden behind the Explorer: the badge lives on its container.
    await showInstancesView('watch');
    await vscode.commands.executeCommand('workbench.view.explorer');
  });
  after(async () => {
    await vscode.workspace
      .getConfiguration('greenApi')
      .update('watchIntervalSeconds', 0, vscode.ConfigurationTarget.Global);
  });

  it('announces a dropped link once, with the view hidden, counts it in the badge, and keeps the history across a reload', async () => {
    const instance = await env.add({ name: 'Watched', state: 'authorized', phone: '441234567890' });
    await vscode.workspace
      .getConfiguration('greenApi')
      .update('watchIntervalSeconds', 10, vscode.ConfigurationTarget.Global);
    await waitFor('a first watch round', () => (instance.calls.getStateInstance ?? 0) >= 1 || undefined, 30_000);
    await waitFor(
      'the history to hold "authorized"',
      async () =>
        (await run<{ state: string }[]>('greenApi.stateHistory', { idInstance: instance.idInstance }))[0]?.state ===
          'authorized' || undefined,
    );

    env.emulator.store.unlink(instance.idInstance);
    const dropNotice = (): string[] => warnings.filter((text) => text.includes('Watched lost its WhatsApp link'));
    await waitFor('the drop to be announced', () => dropNotice().length === 1 || undefined, 40_000);
    assert.match(dropNotice()[0] ?? '', /not linked to a phone any more/);
    // GREEN-API's own workaround for a wrong notAuthorized (#777): Reboot, beside a code and a QR.
    assert.deepEqual(buttons.get(dropNotice()[0] ?? ''), ['Get Code', 'Show QR', 'Reboot']);
    assert.equal(probe().watch.dropCount, 1);
    assert.equal(probe().instancesView.badge, 1, 'the Instances view carries a badge of 1');

    const checked = instance.calls.getStateInstance ?? 0;
    await waitFor('a second round', () => (instance.calls.getStateInstance ?? 0) > checked || undefined, 40_000);
    await waitFor(
      'the second round to be read',
      async () => (await run<{ state: string }[]>('greenApi.listInstances'))[0]?.state === 'notAuthorized' || undefined,
    );
    assert.equal(dropNotice().length, 1, 'a second round does not announce the drop again');

    const history = await run<{ state: string; at: number }[]>('greenApi.stateHistory', {
      idInstance: instance.idInstance,
    });
    assert.deepEqual(
      history.map((change) => change.state),
      ['notAuthorized', 'authorized'],
    );
    assert.ok((history[0]?.at ?? 0) >= (history[1]?.at ?? Infinity), 'newest first, in epoch ms');
    assert.deepEqual(
      (await probe().watch.historyAfterReload(instance.idInstance)).map((change) => change.state),
      ['notAuthorized', 'authorized'],
    );

    // Linked again: the badge goes.
    assert.ok(env.emulator.store.scanQr(instance.idInstance).ok);
    await run('greenApi.refreshState', { idInstance: instance.idInstance });
    // The refresh may join a watch round's check that left before the scan (and so reads notAuthorized):
    // the next round, 10 s on, reads the link then.
    await waitFor(
      'the badge to clear',
      () => (probe().instancesView.badge === 0 && probe().watch.dropCount === 0) || undefined,
      40_000,
    );
  });

  it('announces a link that drops into yellowCard once, as restricted, with Reboot and Log Out', async () => {
    const instance = await env.add({ name: 'Carded', state: 'authorized', phone: '441234567891' });
    await vscode.workspace
      .getConfiguration('greenApi')
      .update('watchIntervalSeconds', 10, vscode.ConfigurationTarget.Global);
    await run('greenApi.refreshState', { idInstance: instance.idInstance });
    await waitFor(
      'the history to hold "authorized"',
      async () =>
        (await run<{ state: string }[]>('greenApi.stateHistory', { idInstance: instance.idInstance }))[0]?.state ===
          'authorized' || undefined,
    );

    assert.ok(env.emulator.store.restrict(instance.idInstance, 'yellowCard'));
    const notice = (): string[] => warnings.filter((text) => text.startsWith('Carded is restricted'));
    await waitFor('the restriction to be announced', () => notice().length === 1 || undefined, 40_000);
    assert.match(notice()[0] ?? '', /"yellowCard".*Reboot it to continue/);
    assert.deepEqual(buttons.get(notice()[0] ?? ''), ['Reboot', 'Log Out']);
    assert.equal(probe().watch.dropCount, 1, 'a restricted instance is counted in the badge');

    const checked = instance.calls.getStateInstance ?? 0;
    await waitFor('another round', () => (instance.calls.getStateInstance ?? 0) > checked || undefined, 40_000);
    await waitFor(
      'the round to be read',
      async () =>
        (await run<{ state: string }[]>('greenApi.stateHistory', { idInstance: instance.idInstance }))[0]?.state ===
          'yellowCard' || undefined,
    );
    assert.equal(notice().length, 1, 'announced once');
  });

  it('forgets the history of a removed instance', async () => {
    const instance = await env.add({ name: 'Short-lived', state: 'notAuthorized' });
    await run('greenApi.refreshState', { idInstance: instance.idInstance });
    assert.equal((await run<unknown[]>('greenApi.stateHistory', { idInstance: instance.idInstance })).length, 1);
    await run('greenApi.removeInstance', { idInstance: instance.idInstance, skipConfirmation: true });
    await waitFor(
      'the history to go',
      async () => (await probe().watch.historyAfterReload(instance.idInstance)).length === 0 || undefined,
    );
  });
  /** Waits until the instance is in `state` in the window's list. */
  const untilListed = (idInstance: string, state: string, timeoutMs = 30_000): Promise<unknown> =>
    waitFor(
      `${idInstance} to be listed as ${state}`,
      async () =>
        (await run<{ idInstance: string; state: string }[]>('greenApi.listInstances')).find(
          (row) => row.idInstance === idInstance,
        )?.state === state || undefined,
      timeoutMs,
    );
  /** Runs `action` with every modal warning answered `button`, as the user clicking it; other warnings show as usual. */
  const confirming = async <T>(button: string, action: () => Thenable<T>): Promise<T> => {
    const window = vscode.window as unknown as { showWarningMessage: (...args: unknown[]) => unknown };
    const shown = window.showWarningMessage;
    window.showWarningMessage = (...args: unknown[]) =>
      (args[1] as vscode.MessageOptions | undefined)?.modal
        ? Promise.resolve(button)
        : shown.apply(vscode.window, args);
    try {
      return await action();
    } finally {
      window.showWarningMessage = shown;
    }
  };
  const alarms = (name: string): string[] =>
    warnings.filter(
      (text) => text.startsWith(name) && /lost its WhatsApp link|has been starting|restricted/.test(text),
    );

  it("never announces the user's own Log Out or Reboot as a lost link, through the watch's rounds", async () => {
    const instance = await env.add({ name: 'Own doing', state: 'authorized', phone: '441234567892' });
    await vscode.workspace
      .getConfiguration('greenApi')
      .update('watchIntervalSeconds', 10, vscode.ConfigurationTarget.Global);
    await run('greenApi.refreshState', { idInstance: instance.idInstance });
    await untilListed(instance.idInstance, 'authorized');
    const dropsBefore = probe().watch.dropsRead;

    // The user confirms each in its modal (a command with an argument but no skipConfirmation asks them).
    assert.equal(await confirming('Log Out', () => run('greenApi.logout', { idInstance: instance.idInstance })), true);
    await untilListed(instance.idInstance, 'notAuthorized');
    // A watch round after the Log Out reads notAuthorized again: still the user's own doing.
    const checked = instance.calls.getStateInstance ?? 0;
    await waitFor('a watch round', () => (instance.calls.getStateInstance ?? 0) > checked || undefined, 40_000);
    assert.deepEqual(alarms('Own doing'), [], 'the Log Out is not announced');
    assert.equal(probe().watch.dropsRead, dropsBefore, 'nor counted as a drop');
    assert.equal(probe().instancesView.badge, 0);

    // Linked again, then rebooted: starting, then authorized, all without a word.
    assert.ok(env.emulator.store.scanQr(instance.idInstance).ok);
    await run('greenApi.refreshState', { idInstance: instance.idInstance });
    await untilListed(instance.idInstance, 'authorized');
    assert.equal(await confirming('Reboot', () => run('greenApi.reboot', { idInstance: instance.idInstance })), true);
    await untilListed(instance.idInstance, 'starting');
    await run('greenApi.refreshState', { idInstance: instance.idInstance });
    await untilListed(instance.idInstance, 'authorized', 40_000);
    assert.deepEqual(alarms('Own doing'), [], 'the Reboot is not announced');
    assert.equal(probe().watch.dropsRead, dropsBefore);
    assert.equal(probe().watch.dropCount, 0);
  });

  it('reads a Log Out run by an argument that skipped its confirmation as no doing of the user: it and an unlink just before it are announced (security review S1)', async () => {
    const steered = await env.add({ name: 'Steered out', state: 'authorized', phone: '441234567894' });
    const unlinked = await env.add({ name: 'Unlinked, then steered', state: 'authorized', phone: '441234567895' });
    for (const { idInstance } of [steered, unlinked]) {
      await run('greenApi.refreshState', { idInstance });
      await untilListed(idInstance, 'authorized');
    }
    // Another extension logs one out without the user seeing a thing: a lost link, as any unlink.
    assert.equal(await run('greenApi.logout', { idInstance: steered.idInstance, skipConfirmation: true }), true);
    await waitFor('the Log Out by argument to be announced', () => alarms('Steered out').length === 1 || undefined);
    assert.equal(probe().watch.dropCount, 1);

    // The phone unlinks the other, and before the warning shows another extension logs it out.
    const dropsBefore = probe().watch.dropsRead;
    assert.ok(env.emulator.store.unlink(unlinked.idInstance));
    await run('greenApi.refreshState', { idInstance: unlinked.idInstance });
    await waitFor('the unlink to be read as a drop', () => probe().watch.dropsRead > dropsBefore || undefined);
    await run('greenApi.logout', { idInstance: unlinked.idInstance, skipConfirmation: true });
    await waitFor(
      'the unlink to be announced all the same',
      () => alarms('Unlinked, then steered').length === 1 || undefined,
    );
    assert.equal(probe().watch.dropCount, 2, 'and counted in the badge');
  });

  it('reads a Log Out asked for in another window (globalState) as expected, and an unlink on the phone as a drop', async () => {
    const instance = await env.add({ name: 'Elsewhere', state: 'authorized', phone: '441234567893' });
    await run('greenApi.refreshState', { idInstance: instance.idInstance });
    await untilListed(instance.idInstance, 'authorized');
    const dropsBefore = probe().watch.dropsRead;
    // What another window's Log Out writes before its call; the server then unlinks the phone.
    await probe().globalState.update(EXPECTED_KEY, {
      [instance.idInstance]: { kind: 'logout', until: Date.now() + 60_000 },
    });
    assert.ok(env.emulator.store.unlink(instance.idInstance));
    await run('greenApi.refreshState', { idInstance: instance.idInstance });
    await untilListed(instance.idInstance, 'notAuthorized');
    assert.equal(probe().watch.dropsRead, dropsBefore, "another window's Log Out is no drop here");

    // Linked again; now the phone unlinks it with nothing expected: that is a drop.
    await probe().globalState.update(EXPECTED_KEY, {});
    assert.ok(env.emulator.store.scanQr(instance.idInstance).ok);
    await run('greenApi.refreshState', { idInstance: instance.idInstance });
    await untilListed(instance.idInstance, 'authorized');
    assert.ok(env.emulator.store.unlink(instance.idInstance));
    await run('greenApi.refreshState', { idInstance: instance.idInstance });
    await waitFor('the drop to be read', () => probe().watch.dropsRead > dropsBefore || undefined);
    await waitFor('the drop to be announced', () => alarms('Elsewhere').length === 1 || undefined);
  });
});
