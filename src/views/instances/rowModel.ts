import { StateSnapshot } from '../../core/instanceStates';
import { StateChange } from '../../core/stateHistory';
import { isBoundToPhone } from '../../core/linkState';
import { maskPhoneNumberShown } from '../../core/phoneNumber';
import { PendingCode } from '../../core/pendingCodes';
import { InstanceSummary, displayName } from '../../core/storedInstance';
import { InstanceRow, RowStatus } from './protocol';

/** How many state changes a row carries for its tooltip. */
export const ROW_HISTORY = 5;

/**
 * One row of the Instances view, from what the registry, the states, the pending codes
 * and the watch hold. `history` is newest first; the row keeps {@link ROW_HISTORY}.
 */
export function buildRow(
  instance: InstanceSummary,
  snapshot: StateSnapshot,
  code: PendingCode | undefined,
  watch: { readonly dropped: boolean; readonly history: readonly StateChange[] } = { dropped: false, history: [] },
  remainingMs: (code: PendingCode) => number = (code) => code.expiresAt - Date.now(),
): InstanceRow {
  return {
    idInstance: instance.idInstance,
    name: displayName(instance),
    host: hostOf(instance.apiUrl),
    shared: instance.shared === true,
    status: instance.tokenMissing ? { kind: 'tokenNeeded' } : statusOf(snapshot),
    phoneMasked: snapshot.phone && isBoundToPhone(snapshot.state) ? maskPhoneNumberShown(snapshot.phone) : undefined,
    checkedAt: snapshot.checkedAt,
    code: code
      ? { value: code.code, expiresAt: code.expiresAt, remainingMs: Math.round(remainingMs(code)) }
      : undefined,
    dropped: watch.dropped,
    history: watch.history.slice(0, ROW_HISTORY).map(({ state, at }) => ({ state, at })),
  };
}

function statusOf(snapshot: StateSnapshot): RowStatus {
  if (snapshot.checking) return { kind: 'checking', previous: snapshot.state };
  if (snapshot.error !== undefined) {
    return {
      kind: 'error',
      reason: shorten(snapshot.error),
      previous: snapshot.state,
      fix: snapshot.errorFix ?? 'refresh',
      unreached: snapshot.unreached === true,
    };
  }
  if (snapshot.state !== undefined) return { kind: 'state', state: snapshot.state };
  return { kind: 'unchecked' };
}

function hostOf(apiUrl: string): string {
  try {
    return new URL(apiUrl).host;
  } catch {
    return apiUrl;
  }
}

/** A badge has room for a sentence, not a paragraph. */
function shorten(reason: string): string {
  const firstSentence = reason.split(/(?<=\.)\s/)[0] ?? reason;
  return firstSentence.length > 120 ? `${firstSentence.slice(0, 117)}…` : firstSentence;
}
