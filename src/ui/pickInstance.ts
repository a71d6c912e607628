import * as vscode from 'vscode';
import { t } from '../core/l10n';
import { InstanceStates } from '../core/instanceStates';
import { isLinked, isRestricted } from '../core/linkState';
import { InstanceSummary } from '../core/storedInstance';
import { neutralizeValue } from '../base/neutralize';

/** A quick pick of instances that shows what is known of each state. Skipped when there is only one. */
export async function pickInstance(
  instances: readonly InstanceSummary[],
  states: InstanceStates,
  placeHolder: string,
): Promise<InstanceSummary | undefined> {
  if (instances.length <= 1) return instances[0];
  const items = instances.map((instance) => {
    const state = states.get(instance.idInstance).state;
    return {
      // Our icon first; the name (typed, synced or a workspace's) is data, so its own `$(…)` shows as text.
      // A restricted instance (yellowCard, suspended) is not linked and working: it gets the warning icon.
      label: `$(${isLinked(state) ? 'pass-filled' : isRestricted(state) ? 'warning' : 'circle-large-outline'}) ${neutralizeValue(instance.name || instance.idInstance)}`,
      description: instance.idInstance,
      // l10n: Shown after the host in the instance picker, in place of a state such as notAuthorized.
      detail: `${new URL(instance.apiUrl).host} · ${neutralizeValue(state ?? t('state not checked yet'))}`,
      instance,
    };
  });
  const chosen = await vscode.window.showQuickPick(items, {
    placeHolder,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return chosen?.instance;
}
