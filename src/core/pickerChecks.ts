/**
 * What the Get Code picker checks again before it shows where each instance stands: it orders
 * the instances a code can link first, so their states should be current, but one picker must
 * not cost one getStateInstance per stored instance (security review S3).
 */
import { StateSnapshot } from './instanceStates';
import { InstanceSummary } from './storedInstance';

/** A state older than this (ms) is checked again before the picker shows it. */
export const STALE_STATE_MS = 60_000;

/**
 * At most this many stale instances are checked for one picker. The picker waits at most 3 s
 * for them, and at `greenApi.refreshConcurrency` 4 with GREEN-API answering in a few hundred ms
 * about 20 answers fit in that wait; a quick pick shows about a dozen rows before the user
 * scrolls or types. Checking every stale one would send 1,000 getStateInstance calls for one
 * picker of 1,000 instances, on a service that rate-limits each instance, mostly after it closed.
 */
export const PICKER_CHECK_CAP = 20;

/**
 * The instances whose state the picker checks again: of `instances` (the picker's list, in its
 * order), those with a token on this machine, not being checked, whose last check failed,
 * never happened, or is older than {@link STALE_STATE_MS}; the first `cap` of them, in that
 * order. `now` and `checkedAt` are epoch ms.
 */
export function staleForPicker(
  instances: readonly InstanceSummary[],
  snapshotOf: (idInstance: string) => StateSnapshot,
  now: number,
  cap = PICKER_CHECK_CAP,
): InstanceSummary[] {
  const stale: InstanceSummary[] = [];
  for (const instance of instances) {
    if (stale.length >= cap) break;
    const snapshot = snapshotOf(instance.idInstance);
    if (instance.tokenMissing || snapshot.checking) continue;
    if (snapshot.error !== undefined || snapshot.checkedAt === undefined || now - snapshot.checkedAt > STALE_STATE_MS) {
      stale.push(instance);
    }
  }
  return stale;
}

/**
 * Runs `check` for each of `ids` in order, at most `concurrency` (at least 1) at a time, and
 * starts none once `signal` has aborted: a check under way then finishes on its own (it was
 * sent), the others are never sent. Resolves, when every started check has settled, to how
 * many were started; never throws (a check records its own failure).
 */
export async function checkUntilAborted(
  ids: readonly string[],
  check: (idInstance: string) => Promise<unknown>,
  options: { readonly concurrency: number; readonly signal: AbortSignal },
): Promise<number> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length && !options.signal.aborted) {
      const idInstance = ids[next++] as string;
      await Promise.resolve()
        .then(() => check(idInstance))
        .catch(() => undefined);
    }
  };
  const workers = Math.min(Math.max(1, options.concurrency), ids.length);
  await Promise.all(Array.from({ length: workers }, worker));
  return Math.min(next, ids.length);
}
