import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RunningEmulator, startEmulator } from '../../emulator/server';
import type { TestProbe } from '../../src/extension';
import type { HostMessage } from '../../src/views/instances/protocol';
import { EXTENSION_ID, Listed, run, showInstancesView, useEmulator, waitFor } from './helpers';

interface ListedRow extends Listed {
  tokenMissing?: true;
  shared?: true;
}

/**
 * Security review M2 and L3, in the real extension host: a workspace's greenApi.instances
 * row never shadows the user's own instance, and a token being checked is never shown.
 */
describe('A workspace setting against the user (greenApi.instances conflict, tokens in flight)', function () {
  this.timeout(60_000);
  const env = useEmulator();
  let other: RunningEmulator | undefined;
  const probe = (): TestProbe => vscode.extensions.getExtension<TestProbe>(EXTENSION_ID)?.exports as TestProbe;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('greenApi');
  const row = async (id: string): Promise<ListedRow | undefined> =>
    (await run<ListedRow[]>('greenApi.listInstances')).find((item) => item.idInstance === id);
  const origin = (url: string): string => new URL(url).origin;
  /** The problem lines the view shows now: those of the latest init or problems message. */
  const problemLines = (): readonly string[] => {
    for (const message of [...(probe().instancesView.posted as HostMessage[])].reverse()) {
      if (message.type === 'init' || message.type === 'problems') return message.problems;
    }
    return [];
  };

  before(async () => {
    other = await startEmulator({ rebootSeconds: 0.2 });
  });
  after(async () => {
    await config().update('instances', undefined, vscode.ConfigurationTarget.Workspace);
    await other?.close();
  });

  it("keeps the user's own instance on its host with its token, checks it there only, and shows the conflict line naming both hosts in the open view", async () => {
    assert.ok(other);
    const own = await env.add({ name: 'Sales' });
    // The workspace's host knows the same idInstance and would accept the same token: every request it gets is counted.
    const decoy = other.store.add({
      idInstance: own.idInstance,
      apiTokenInstance: own.apiTokenInstance,
      name: 'Sales',
    });
    // The view is open before the setting arrives: the conflict line must appear without a reload.
    await showInstancesView('shared conflict');
    await config().update(
      'instances',
      [{ idInstance: own.idInstance, apiUrl: other.url, name: 'Sales' }],
      vscode.ConfigurationTarget.Workspace,
    );
    const line = await waitFor('the conflict line in the open Instances view', () =>
      problemLines().find((text) => text.includes(own.idInstance)),
    );
    assert.ok(
      line.includes(origin(other.url)) && line.includes(origin(env.emulator.url)),
      `the line should name both hosts: ${line}`,
    );

    const listed = await row(own.idInstance);
    assert.deepEqual([listed?.apiUrl, listed?.tokenMissing, listed?.shared], [env.emulator.url, undefined, undefined]);
    const before = own.calls.getStateInstance ?? 0;
    assert.equal(await run('greenApi.refreshState', { idInstance: own.idInstance }), 'notAuthorized');
    assert.equal(own.calls.getStateInstance, before + 1);
    // The token box (Paste Token) is offered for shared rows and rows without a token; this row is neither, so no path leads there.
    // Pasting the token by argument (what the box's save does) keeps the host and checks nothing at the workspace's.
    assert.equal(
      await run('greenApi.editInstance', { idInstance: own.idInstance, apiTokenInstance: own.apiTokenInstance }),
      own.idInstance,
    );
    // An argument never moves the instance to the workspace's host.
    assert.equal(
      await run('greenApi.editInstance', {
        idInstance: own.idInstance,
        apiUrl: other.url,
        apiTokenInstance: own.apiTokenInstance,
      }),
      undefined,
    );
    assert.equal((await row(own.idInstance))?.apiUrl, env.emulator.url);
    assert.equal(await run('greenApi.refreshState', { idInstance: own.idInstance }), 'notAuthorized');
    assert.deepEqual(decoy.calls, {}, "a request went to the workspace's host");

    // The setting gone, the line goes too, still without a reload.
    await config().update('instances', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor(
      'the conflict line gone',
      () => !problemLines().some((text) => text.includes(own.idInstance)) || undefined,
    );
    assert.deepEqual(decoy.calls, {});
  });

  it('shows no token being checked: a failed check of a pasted token whose answer quotes it says nothing of it', async () => {
    const shared = env.emulator.store.add({ name: 'Team row' });
    // A server (or proxy) that quotes the token it was sent.
    shared.faults = [
      {
        method: 'getStateInstance',
        status: 400,
        body: { raw: JSON.stringify({ message: `bad token ${shared.apiTokenInstance}` }) },
      },
    ];
    await config().update(
      'instances',
      [{ idInstance: shared.idInstance, apiUrl: env.emulator.url, name: 'Team row' }],
      vscode.ConfigurationTarget.Workspace,
    );
    await waitFor('the shared row', async () => (await row(shared.idInstance))?.tokenMissing);
    const shown: string[] = [];
    const window = vscode.window as unknown as Record<string, unknown>;
    const originals = {
      showInputBox: window.showInputBox,
      showWarningMessage: window.showWarningMessage,
      showErrorMessage: window.showErrorMessage,
      showInformationMessage: window.showInformationMessage,
    };
    // The user pastes the token into the box; every text the extension then shows is recorded (and answered with Escape).
    window.showInputBox = (options: vscode.InputBoxOptions) => (
      shown.push(JSON.stringify(options)),
      Promise.resolve(shared.apiTokenInstance)
    );
    for (const name of ['showWarningMessage', 'showErrorMessage', 'showInformationMessage']) {
      window[name] = (...args: unknown[]) => (shown.push(JSON.stringify(args)), Promise.resolve(undefined));
    }
    try {
      probe().instancesView.handleMessage({ type: 'rowAction', action: 'edit', idInstance: shared.idInstance });
      const question = await waitFor("the check's question", () =>
        shown.find((text) => text.includes('Save it anyway')),
      );
      assert.ok(question.includes('Team row'), question);
      assert.equal(shared.calls.getStateInstance, 1, 'the pasted token was not checked');
    } finally {
      Object.assign(window, originals);
      await config().update('instances', undefined, vscode.ConfigurationTarget.Workspace);
    }
    assert.deepEqual(
      shown.filter((text) => text.includes(shared.apiTokenInstance)),
      [],
    );
    assert.equal(await row(shared.idInstance), undefined, 'nothing was saved');
  });
});
