import { originOf } from './validation';
import { Event, Subscription } from './events';
import { t } from './l10n';

/**
 * Whether a command argument may store `newApiUrl` for an idInstance stored on `storedApiUrl`
 * (undefined: not stored yet): it may add an instance, or rotate the token on the same origin
 * (scheme, host and port, see originOf), but never move one to another origin; that is the Edit
 * form's, which shows the old and the new host (security review M1).
 */
export function argumentMayStore(storedApiUrl: string | undefined, newApiUrl: string): boolean {
  return storedApiUrl === undefined || originOf(storedApiUrl) === originOf(newApiUrl);
}

/**
 * Makes `forget` run for every id the registry reports moved to another origin (its
 * `onDidChangeOrigin`): whatever an owner keeps per idInstance alone was learned from the
 * old host and must not be read as the new host's (a drop, a code, a phone; security review
 * M1). A forget that throws does not stop the others. Returns the subscription.
 */
export function followHostMoves(
  source: { readonly onDidChangeOrigin: Event<readonly string[]> },
  ...forget: readonly ((idInstance: string) => unknown)[]
): Subscription {
  return source.onDidChangeOrigin((ids) => {
    for (const idInstance of ids) {
      for (const one of forget) {
        try {
          one(idInstance);
        } catch (error) {
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    }
  });
}

/** A stored instance that a save would move to another origin: both origins (scheme, host and port, see originOf). */
export interface HostMove {
  readonly idInstance: string;
  readonly from: string;
  readonly to: string;
}

/**
 * The records (validated apiUrls) that would move a stored instance to another origin, in their
 * order: `storedApiUrlOf` gives the apiUrl an idInstance is stored on, undefined when it is not
 * stored (adding it moves nothing). An interactive import asks before it saves them; an
 * argument may never (see {@link argumentMayStore}).
 */
export function hostMovesOf(
  records: readonly { readonly idInstance: string; readonly apiUrl: string }[],
  storedApiUrlOf: (idInstance: string) => string | undefined,
): HostMove[] {
  return records.flatMap((record) => {
    const stored = storedApiUrlOf(record.idInstance);
    return stored === undefined || argumentMayStore(stored, record.apiUrl)
      ? []
      : [{ idInstance: record.idInstance, from: originOf(stored), to: originOf(record.apiUrl) }];
  });
}

/**
 * The moves, one part per pair of origins (first seen first), joined with "; ":
 * "https://api.green-api.com → http://127.0.0.1:7001: 3 instances (1101000001, 1101000002,
 * 1101000003)". At most `groups` parts and `ids` idInstances in each are named, so 500 moves
 * make one line, not 500; '' for none.
 */
export function describeHostMoves(moves: readonly HostMove[], groups = 5, ids = 3): string {
  const byHosts = new Map<string, { from: string; to: string; ids: string[] }>();
  for (const move of moves) {
    const key = `${move.from}\n${move.to}`;
    const group = byHosts.get(key) ?? { from: move.from, to: move.to, ids: [] };
    group.ids.push(move.idInstance);
    byHosts.set(key, group);
  }
  const parts = [...byHosts.values()].slice(0, groups).map((group) => {
    const named = group.ids.slice(0, ids).join(', ');
    const more = group.ids.length > ids ? ` ${t('and {0} more', group.ids.length - ids)}` : '';
    if (group.ids.length === 1) return `${group.from} → ${group.to} (${named})`;
    // l10n: One pair of hosts of a partner import's moves. {0} the old host, {1} the new one (scheme, host and port), {2} a count, {3} some of the idInstances: "1101000001, 1101000002 and 20 more".
    return t('{0} → {1}: {2} instances ({3})', group.from, group.to, group.ids.length, named + more);
  });
  const left = byHosts.size - groups;
  return parts.join('; ') + (left > 0 ? `; ${t('and {0} more', left)}` : '');
}
