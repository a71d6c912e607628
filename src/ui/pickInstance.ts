import * as vscode from 'vscode';
import { t } from '../core/l10n';
import { InstanceStates, StateSnapshot } from '../core/instanceStates';
import { isLinked, isRestricted } from '../core/linkState';
import { InstanceSummary } from '../core/storedInstance';
import { StatusFacts, stateWithApiName, statusWords } from '../core/stateWords';
import { adviseForCode } from '../failures/explain';
import { neutralizeValue } from '../base/neutralize';
import { checkUntilAborted, staleForPicker } from '../core/pickerChecks';
import { readSettings } from '../platform/config';

/** How a picker orders and waits. */
export interface PickOptions {
  /** The code pickers: the instances a code can link now (not linked) first, under their own separator, the first one active. */
  readonly needsCodeFirst?: boolean;
  /**
   * Checks one instance's state again (quietly, through the rate-limited queue). Given, the picker
   * first checks the stale ones (core/pickerChecks: at most PICKER_CHECK_CAP), shows busy until
   * they answered or STALE_CHECK_WAIT_MS passed, and starts none of them once it has closed.
   */
  readonly checkState?: (idInstance: string) => Promise<unknown>;
}

/** The picker waits this long at most for its checks, then shows what is known (ms). */
const STALE_CHECK_WAIT_MS = 3_000;

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
  const closed = new AbortController();
  const statesReady = options.checkState && checkStale(instances, states, options.checkState, closed.signal);
  const items = Promise.resolve(statesReady).then(() =>
    options.needsCodeFirst ? codeFirstItems(instances, states) : instances.map((one) => itemOf(one, states)),
  );
  try {
    const chosen = await vscode.window.showQuickPick<InstanceItem>(items, {
      placeHolder,
      matchOnDescription: true,
      matchOnDetail: true,
    });
    return chosen?.instance;
  } finally {
    // The checks not yet sent are for a picker nobody sees any more.
    closed.abort();
  }
}

/** Checks the stale instances (see staleForPicker) until `signal` aborts; settles when they end or after STALE_CHECK_WAIT_MS. */
function checkStale(
  instances: readonly InstanceSummary[],
  states: InstanceStates,
  checkState: (idInstance: string) => Promise<unknown>,
  signal: AbortSignal,
): Promise<unknown> {
  const stale = staleForPicker(instances, (id) => states.get(id), Date.now()).map((one) => one.idInstance);
  if (stale.length === 0) return Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const checks = checkUntilAborted(stale, checkState, { concurrency: readSettings().refreshConcurrency, signal });
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, STALE_CHECK_WAIT_MS)));
  return Promise.race([checks, waited]).finally(() => clearTimeout(timer));
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
