import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EmulatedInstance } from '../../emulator/instances';
import { RunningEmulator, startEmulator } from '../../emulator/server';
import type { TestProbe } from '../../src/extension';
import type { HostMessage, InstanceRow } from '../../src/views/instances/protocol';
import { SCREENSHOT_MARKER } from '../harness/suiteResult';
import { waitFor } from '../harness/waitFor';

export const EXTENSION_ID = 'green-api-link.green-api-link';

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  await extension.activate();
  return extension;
}

/** Runs one of our commands the way the sidebar, a keybinding or another extension would. */
export function run<T>(command: string, arg?: unknown): Thenable<T> {
  return arg === undefined
    ? vscode.commands.executeCommand<T>(command)
    : vscode.commands.executeCommand<T>(command, arg);
}

/** The extension's test probe (what activate() returns under test; see src/testing/probe.ts). */
export function probe(): TestProbe {
  return vscode.extensions.getExtension<TestProbe>(EXTENSION_ID)?.exports as TestProbe;
}

/**
 * The latest row the Instances view was sent for this instance, from its init and rows
 * messages; undefined when none holds it, or when it was removed (removeRow) since.
 */
export function latestRow(idInstance: string): InstanceRow | undefined {
  for (const message of [...(probe().instancesView.posted as HostMessage[])].reverse()) {
    if (message.type === 'removeRow' && message.idInstance === idInstance) return undefined;
    if (message.type === 'init' || message.type === 'rows') {
      const found = message.rows.find((candidate) => candidate.idInstance === idInstance);
      if (found) return found;
      if (message.type === 'init') return undefined;
    }
  }
  return undefined;
}

/** Sets greenApi.statePollIntervalSeconds (in s) for one suite, in a `before` hook, and unsets it in an `after` hook. */
export function usePollInterval(seconds: number): void {
  const settings = () => vscode.workspace.getConfiguration('greenApi');
  before(() => settings().update('statePollIntervalSeconds', seconds, vscode.ConfigurationTarget.Global));
  after(() => settings().update('statePollIntervalSeconds', undefined, vscode.ConfigurationTarget.Global));
}

export interface Listed {
  idInstance: string;
  name: string;
  apiUrl: string;
  state?: string;
  codeExpiresAt?: number;
}

/**
 * Asks greenApi.addInstance to add `idInstance` at `apiUrl` (with a made-up token) and asserts
 * it was refused: the command returns undefined and greenApi.listInstances is unchanged.
 */
export async function assertAddRefused(apiUrl: string, idInstance: string): Promise<void> {
  const before = await run<Listed[]>('greenApi.listInstances');
  assert.equal(await run('greenApi.addInstance', { apiUrl, idInstance, apiTokenInstance: 'c'.repeat(50) }), undefined);
  assert.deepEqual(await run<Listed[]>('greenApi.listInstances'), before);
}

/** Starts an emulator inside the extension host for one suite and cleans the stored instances after each test. */
export function useEmulator(options: Parameters<typeof startEmulator>[0] = {}): {
  readonly emulator: RunningEmulator;
  add(spec?: Parameters<RunningEmulator['store']['add']>[0]): Promise<EmulatedInstance>;
} {
  let emulator: RunningEmulator | undefined;
  suiteSetupOrBefore(async () => {
    // Each suite starts with no editor or panel left open by the one before it (the Link
    // panel opens beside the editor whenever a code is issued).
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await activateExtension();
    emulator = await startEmulator({ rebootSeconds: 0.2, ...options });
  });
  afterEach(async () => {
    // After the deactivate test the commands are gone, and so is everything they would clean.
    if (!(await vscode.commands.getCommands(true)).includes('greenApi.listInstances')) return;
    for (const listed of await run<Listed[]>('greenApi.listInstances')) {
      await run('greenApi.removeInstance', { idInstance: listed.idInstance, skipConfirmation: true });
    }
  });
  after(() => emulator?.close());
  return {
    get emulator() {
      assert.ok(emulator, 'emulator not started');
      return emulator;
    },
    async add(spec) {
      assert.ok(emulator, 'emulator not started');
      const instance = emulator.store.add(spec);
      const id = await run<string | undefined>('greenApi.addInstance', {
        apiUrl: emulator.url,
        idInstance: instance.idInstance,
        apiTokenInstance: instance.apiTokenInstance,
        name: instance.name,
      });
      assert.equal(id, instance.idInstance);
      return instance;
    },
  };
}

function suiteSetupOrBefore(fn: () => Promise<void>): void {
  before(fn);
}

export { waitFor };

/**
 * Focuses the Instances view and waits until its webview is visible and said 'ready' (it
 * then has its rows). The outer limit, 45 s, leaves room for the view's own reloads of a
 * page that never reported (at 5 s and 15 s; see WebviewLoadGuard) on a busy machine. On a timeout the error lists what happened to the webview, and the
 * harness keeps a screenshot of the workbench named after `why`.
 */
export async function showInstancesView(why: string, timeoutMs = 45_000): Promise<void> {
  const view = (): TestProbe['instancesView'] =>
    (vscode.extensions.getExtension<TestProbe>(EXTENSION_ID)?.exports as TestProbe).instancesView;
  await vscode.commands.executeCommand('greenApi.instances.focus');
  try {
    await waitFor('the Instances view to be ready', () => view().isReady || undefined, timeoutMs);
  } catch (error) {
    console.log(`${SCREENSHOT_MARKER}${why}`);
    throw new Error(`${(error as Error).message}; the webview: ${view().lifecycle.join(', ') || 'never resolved'}`, {
      cause: error,
    });
  }
}

type NotificationKind = 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';

/**
 * Records the text of every notification of `kinds` (warnings unless told) shown during one
 * suite: wraps those vscode.window functions in a `before` hook, each still showing its
 * notification, and puts them back in an `after` hook. The tests share the extension's own
 * `vscode` API object, so the extension's calls go through the wrappers. `buttons` maps each text
 * to the buttons its notification offered.
 */
export function recordNotifications(
  kinds: readonly NotificationKind[] = ['showWarningMessage'],
): readonly string[] & { readonly buttons: ReadonlyMap<string, readonly string[]> } {
  const buttons = new Map<string, string[]>();
  const shown = Object.assign([] as string[], { buttons });
  const restore: (() => void)[] = [];
  before(() => {
    const window = vscode.window as unknown as Record<NotificationKind, (...args: unknown[]) => unknown>;
    for (const kind of kinds) {
      const original = window[kind];
      window[kind] = (...args: unknown[]) => {
        if (typeof args[0] === 'string') {
          shown.push(args[0]);
          buttons.set(
            args[0],
            args.slice(1).filter((arg): arg is string => typeof arg === 'string'),
          );
        }
        return original.apply(vscode.window, args);
      };
      restore.push(() => (window[kind] = original));
    }
  });
  after(() => restore.splice(0).forEach((undo) => undo()));
  return shown;
}
