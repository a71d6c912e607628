import * as vscode from 'vscode';
import { InstanceStates } from '../core/instanceStates';
import { isLinked } from '../core/linkState';

/** The context key the walkthrough's last step waits for (package.json `walkthroughs`, `onContext:`). */
export const ANY_AUTHORIZED_CONTEXT = 'greenApi.anyAuthorized';

/**
 * Completes the walkthrough's last step the first time any instance is seen linked, by
 * setting {@link ANY_AUTHORIZED_CONTEXT} through the `setContext` command (VS Code's
 * way for an extension to set a when-clause context key). Returns the subscription.
 */
export function watchForFirstLink(states: InstanceStates): vscode.Disposable {
  let seen = false;
  return states.onDidChange((idInstance) => {
    if (seen || !isLinked(states.get(idInstance).state)) return;
    seen = true;
    void vscode.commands.executeCommand('setContext', ANY_AUTHORIZED_CONTEXT, true);
  });
}
