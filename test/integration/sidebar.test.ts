import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostMessage } from '../../src/views/instances/protocol';
import { latestRow, probe, run, showInstancesView, useEmulator, waitFor } from './helpers';

describe('Instances view', () => {
  const env = useEmulator();
  const posted = (): HostMessage[] => probe().instancesView.posted as HostMessage[];
  const tokens: string[] = [];

  before(async () => {
    await vscode.workspace
      .getConfiguration('greenApi')
      .update('statePollIntervalSeconds', 1, vscode.ConfigurationTarget.Global);
    await showInstancesView('sidebar');
    await waitFor(
      'the rows sent to the ready webview',
      () => posted().some((message) => message.type === 'init') || undefined,
    );
  });
  after(async () => {
    await vscode.workspace
      .getConfiguration('greenApi')
      .update('statePollIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    const everything = JSON.stringify(posted());
    for (const token of tokens) assert.ok(!everything.includes(token), 'a token reached the webview');
  });

  it('gets a row when an instance is added, and its state after a refresh', async () => {
    const instance = await env.add({ name: 'Support' });
    tokens.push(instance.apiTokenInstance);
    await waitFor('the new row', () => latestRow(instance.idInstance));
    await run('greenApi.refreshState', { idInstance: instance.idInstance });
    const row = await waitFor('the checked state', () => {
      const candidate = latestRow(instance.idInstance);
      return candidate?.status.kind === 'state' ? candidate : undefined;
    });
    assert.deepEqual(row.status, { kind: 'state', state: 'notAuthorized' });
    assert.equal(row.name, 'Support');
    assert.equal(row.host, new URL(env.emulator.url).host);
    assert.ok(row.checkedAt && Math.abs(row.checkedAt - Date.now()) < 10_000);
  });

  it('shows the pending code with the status bar deadline, then the linked phone', async () => {
    const instance = await env.add({ name: 'Billing' });
    tokens.push(instance.apiTokenInstance);
    const issued = await run<{ code: string; expiresAt: number }>('greenApi.getAuthorizationCode', {
      idInstance: instance.idInstance,
      phoneNumber: '+44 1234 567890',
    });
    const withCode = await waitFor('the code in the row', () => latestRow(instance.idInstance)?.code);
    assert.deepEqual(
      { ...withCode, remainingMs: 0 },
      { value: issued.code, expiresAt: issued.expiresAt, remainingMs: 0 },
    );
    assert.ok(
      withCode.remainingMs > 0 && withCode.remainingMs <= 150_000,
      `the row counts down from ${withCode.remainingMs} ms`,
    );
    assert.ok(env.emulator.store.link(instance.idInstance, issued.code).ok);
    // The check that sees the link posts the row (state, then phone) just before the link
    // poller clears the code, so wait for the row that has both the phone and no code.
    const linked = await waitFor('the linked row, its code gone', () => {
      const row = latestRow(instance.idInstance);
      const done = row?.status.kind === 'state' && row.status.state === 'authorized' && row.phoneMasked;
      return done && row.code === undefined ? row : undefined;
    });
    assert.equal(linked.code, undefined);
    assert.equal(linked.phoneMasked, '+44 12•• ••••90');
  });

  it('shows a failed check as an error with a short reason', async () => {
    const instance = await env.add({ name: 'Broken' });
    tokens.push(instance.apiTokenInstance);
    instance.faults = [{ method: 'getStateInstance', status: 503, body: 'html' }];
    await run('greenApi.refreshState', { idInstance: instance.idInstance });
    const row = await waitFor('the error row', () => {
      const candidate = latestRow(instance.idInstance);
      return candidate?.status.kind === 'error' ? candidate : undefined;
    });
    // A server error blames no field: its fix is another check, not the edit form.
    assert.deepEqual(row.status, {
      kind: 'error',
      reason: 'server error (503)',
      previous: undefined,
      fix: 'refresh',
      unreached: false,
    });
  });

  it('refreshes every instance from the view, each once', async () => {
    const a = await env.add({ name: 'A' });
    const b = await env.add({ name: 'B', state: 'sleepMode' });
    tokens.push(a.apiTokenInstance, b.apiTokenInstance);
    // Added while the view is open: each is checked at once, without waiting for auto-refresh.
    const row = await waitFor('B as sleepMode', () => {
      const candidate = latestRow(b.idInstance);
      return candidate?.status.kind === 'state' ? candidate : undefined;
    });
    assert.deepEqual(row.status, { kind: 'state', state: 'sleepMode' });
    await waitFor('A checked', () => latestRow(a.idInstance)?.status.kind === 'state' || undefined);
    assert.deepEqual([a.calls.getStateInstance, b.calls.getStateInstance], [1, 1]);
    await run('greenApi.refreshAll');
    assert.deepEqual([a.calls.getStateInstance, b.calls.getStateInstance], [2, 2]);
  });

  it('shows an instance GREEN-API is still creating as being created, with no error, and keeps checking it until it is ready', async function () {
    this.timeout(90_000);
    // No full watch round in this test: only the watch's close checks of an instance being created can see it ready.
    await vscode.workspace
      .getConfiguration('greenApi')
      .update('watchIntervalSeconds', 3600, vscode.ConfigurationTarget.Global);
    try {
      // Longer than the watch's first round (within a heartbeat of the setting), shorter than a close check's 15 s.
      // Earlier suites' emulators gave out the same idInstances, and their rows are in the same log.
      const postedBefore = posted().length;
      const instance = await env.add({ name: 'Fresh', creatingSeconds: 8 });
      tokens.push(instance.apiTokenInstance);
      const row = await waitFor('the row being created', () => {
        const candidate = latestRow(instance.idInstance);
        return candidate?.status.kind === 'state' ? candidate : undefined;
      });
      assert.deepEqual(row.status, { kind: 'state', state: 'creating' });
      const ready = await waitFor(
        'the row ready, without a refresh asked for',
        () => {
          const candidate = latestRow(instance.idInstance);
          return candidate?.status.kind === 'state' && candidate.status.state === 'notAuthorized'
            ? candidate
            : undefined;
        },
        40_000,
      );
      assert.equal(ready.name, 'Fresh');
      const errors = posted()
        .slice(postedBefore)
        .flatMap((message) =>
          message.type === 'init' || message.type === 'rows'
            ? message.rows.flatMap((candidate) =>
                candidate.idInstance === instance.idInstance && candidate.status.kind === 'error'
                  ? [candidate.status.reason]
                  : [],
              )
            : [],
        );
      assert.deepEqual(errors, [], 'never shown as an error');
    } finally {
      await vscode.workspace
        .getConfiguration('greenApi')
        .update('watchIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('drops the row when the instance is removed', async () => {
    const instance = await env.add({ name: 'Temporary' });
    tokens.push(instance.apiTokenInstance);
    await waitFor('the row', () => latestRow(instance.idInstance));
    await run('greenApi.removeInstance', { idInstance: instance.idInstance, skipConfirmation: true });
    await waitFor(
      'the removeRow message',
      () =>
        posted().some((message) => message.type === 'removeRow' && message.idInstance === instance.idInstance) ||
        undefined,
    );
  });

  it('arms auto-refresh only while the view is visible', async () => {
    await vscode.commands.executeCommand('greenApi.instances.focus');
    await waitFor('auto-refresh armed', () => probe().instancesView.isAutoRefreshArmed || undefined);
    await vscode.commands.executeCommand('workbench.view.explorer');
    await waitFor('auto-refresh paused', () => !probe().instancesView.isAutoRefreshArmed || undefined);
  });
});
