import { StateSnapshot } from '../core/instanceStates';
import { isLinked } from '../core/linkState';
import { maskPhoneNumber } from '../core/phoneNumber';
import { PendingCode } from '../core/pendingCodes';
import { InstanceSummary } from '../core/storedInstance';
import { InstanceRow, RowStatus } from '../protocol';

/** One row of the Instances view, from what the registry, the states and the pending codes hold. */
export function buildRow(instance: InstanceSummary, snapshot: StateSnapshot, code: PendingCode | undefined): InstanceRow {
  return {
    idInstance: instance.idInstance,
    name: instance.name.trim() || instance.idInstance,
    host: hostOf(instance.apiUrl),
    shared: instance.shared === true,
    status: instance.tokenMissing ? { kind: 'tokenNeeded' } : statusOf(snapshot),
    phoneMasked: snapshot.phone && isLinked(snapshot.state) ? maskPhoneNumber(snapshot.phone) : undefined,
    checkedAt: snapshot.checkedAt,
    code: code ? { value: code.code, expiresAt: code.expiresAt } : undefined,
  };
}

function statusOf(snapshot: StateSnapshot): RowStatus {
  if (snapshot.checking) return { kind: 'checking', previous: snapshot.state };
  if (snapshot.error !== undefined) return { kind: 'error', reason: shorten(snapshot.error), previous: snapshot.state };
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
