import * as vscode from 'vscode';
import { t } from '../core/l10n';
import { InstanceStates, StateSnapshot } from '../core/instanceStates';
import { isLinked, isRestricted } from '../core/linkState';
import { InstanceSummary } from '../core/storedInstance';
import { StatusFacts, stateWithApiName, statusWords } from '../core/stateWords';
import { adviseForCode } from '../failures/explain';
import { neutralizeValue } from '../base/neutralize';

/** How a picker orders and waits. */
export interface PickOptions {
  /** The code pickers: the instances a code can link now (not linked) first, under their own separator, the first one active. */
  readonly needsCodeFirst?: boolean;
  /** Settles once the states are worth showing (stale ones checked again); the picker shows busy until then. */
  readonly statesReady?: Promise<unknown>;
}

type InstanceItem = vscode.QuickPickItem & { readonly instance?: InstanceSummary };

/**
 * A quick pick of instances that shows where each stands, in the Instances view's words with
 * GREEN-API's state name in parentheses (core/stateWords). Skipped when there is only one.
 * Resolves to the chosen instance, or undefined on Escape.
 */
export async function pickInstance(
  instances: readonly InstanceSummary[],
  states: InstanceStates,
  placeHolder: string,
  options: PickOptions = {},
): Promise<InstanceSummary | undefined> {
  if (instances.length <= 1) return instances[0];
  const items = Promise.resolve(options.statesReady).then(() =>
    options.needsCodeFirst ? codeFirstItems(instances, states) : instances.map((one) => itemOf(one, states)),
  );
  const chosen = await vscode.window.showQuickPick<InstanceItem>(items, {
    placeHolder,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return chosen?.instance;
}

/** The instances a code can link first (showQuickPick makes the first item active), then the rest, each group in the list's order. */
function codeFirstItems(instances: readonly InstanceSummary[], states: InstanceStates): InstanceItem[] {
  const needsCode = instances.filter((one) => canTakeCode(one, states.get(one.idInstance)));
  const others = instances.filter((one) => !needsCode.includes(one));
  if (needsCode.length === 0 || others.length === 0) return instances.map((one) => itemOf(one, states));
  const separator = (label: string): InstanceItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
  return [
    // l10n: Separators in the Get Code picker: the instances a code can link now (not linked yet), then the others.
    separator(t('Not linked: a code links them')),
    ...needsCode.map((one) => itemOf(one, states)),
    separator(t('Other instances')),
    ...others.map((one) => itemOf(one, states)),
  ];
}

/** True when the last check (which did not fail) says a code can link the instance now. */
function canTakeCode(instance: InstanceSummary, snapshot: StateSnapshot): boolean {
  if (instance.tokenMissing || snapshot.error !== undefined || snapshot.state === undefined) return false;
  return adviseForCode(snapshot.state, '').canRequestCode;
}

function itemOf(instance: InstanceSummary, states: InstanceStates): InstanceItem {
  const snapshot = states.get(instance.idInstance);
  const state = snapshot.state;
  return {
    // Our icon first; the name (typed, synced or a workspace's) is data, so its own `$(…)` shows as text.
    // A restricted instance (yellowCard, suspended) is not linked and working: it gets the warning icon.
    label: `$(${isLinked(state) ? 'pass-filled' : isRestricted(state) ? 'warning' : 'circle-large-outline'}) ${neutralizeValue(instance.name || instance.idInstance)}`,
    description: instance.idInstance,
    detail: `${new URL(instance.apiUrl).host} · ${standing(instance, snapshot)}`,
    instance,
  };
}

/** Where the instance stands, as its row's badge says it: "Not linked (notAuthorized)", "Error: unreachable…", "Not checked". */
function standing(instance: InstanceSummary, snapshot: StateSnapshot): string {
  const facts: StatusFacts = instance.tokenMissing
    ? { kind: 'tokenNeeded' }
    : snapshot.checking
      ? { kind: 'checking' }
      : snapshot.error !== undefined
        ? { kind: 'error', reason: snapshot.error }
        : snapshot.state !== undefined
          ? { kind: 'state', state: snapshot.state }
          : { kind: 'unchecked' };
  if (facts.kind === 'state') return stateWithApiName(facts.state, t);
  const words = statusWords(facts, t);
  return facts.kind === 'error' ? `${words.label}: ${neutralizeValue(firstSentence(words.meaning))}` : words.label;
}

/** A detail line has room for a sentence. */
function firstSentence(text: string): string {
  const first = text.split(/(?<=\.)\s/)[0] ?? text;
  return first.length > 120 ? `${first.slice(0, 117)}…` : first;
}
