import * as vscode from 'vscode';
import { Event } from '../core/events';
import { InstanceRegistry } from '../core/instanceRegistry';
import { InstanceStates } from '../core/instanceStates';
import { isLinked } from '../core/linkState';
import { WALKTHROUGH_CONTEXT } from '../core/manifestIds';
import { PendingCodes } from '../core/pendingCodes';

/** What the walkthrough follows. */
export interface WalkthroughSources {
  readonly registry: InstanceRegistry;
  readonly pendingCodes: PendingCodes;
  readonly states: InstanceStates;
  /** Fires when a code is copied (`Actions.onDidCopyCode`). */
  readonly onDidCopyCode: Event<string>;
}

/**
 * Ticks the walkthrough's steps as the user does them, by setting the context keys of
 * {@link WALKTHROUGH_CONTEXT} through the `setContext` command (VS Code's way for an extension
 * to set a when-clause context key; a step with `onContext:` completes when its key turns true).
 * Each key is set once, the first time. Returns the subscriptions.
 */
export function followWalkthrough(sources: WalkthroughSources): vscode.Disposable {
  const { registry, pendingCodes, states } = sources;
  const done = new Set<string>();
  const tick = (key: string): void => {
    if (done.has(key)) return;
    done.add(key);
    void vscode.commands.executeCommand('setContext', key, true);
  };
  const checkInstances = (): void => {
    if (registry.list().some((instance) => !instance.tokenMissing)) tick(WALKTHROUGH_CONTEXT.hasInstance);
  };
  void registry.ready().then(checkInstances);
  const subscriptions = [
    registry.onDidChange(checkInstances),
    pendingCodes.onDidChange((event) => event.type === 'issued' && tick(WALKTHROUGH_CONTEXT.codeIssued)),
    sources.onDidCopyCode(() => tick(WALKTHROUGH_CONTEXT.codeCopied)),
    states.onDidChange((idInstance) => {
      if (isLinked(states.get(idInstance).state)) tick(WALKTHROUGH_CONTEXT.anyAuthorized);
    }),
  ];
  return new vscode.Disposable(() => subscriptions.forEach((subscription) => subscription.dispose()));
}
