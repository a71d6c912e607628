import { abortableSleep } from '../base/delays';

/**
 * The two waits that read getWaSettings (https://green-api.com/en/docs/api/account/GetWaSettings/):
 * the data cleanup after a logout (`logoutProcess`) and the chat history loading after a link
 * (`historySyncProgress`). Rules only: the reads, the clock and the sleep are injected, so the
 * tests run them on a fake clock. vscode-free.
 */

/** The longest wait for a logout's cleanup: 60 s. */
export const CLEANUP_BOUND_MS = 60_000;
/** Between two getWaSettings reads while the cleanup runs: 2 s (GREEN-API allows 1 a second). */
export const CLEANUP_POLL_MS = 2_000;
/** The longest time the chat history loading is followed after a link: 5 min. */
export const HISTORY_SYNC_BOUND_MS = 5 * 60_000;
/** Between two getWaSettings reads while the chat history loads: 5 s. */
export const HISTORY_SYNC_POLL_MS = 5_000;

/** What the waits need from the outside; the defaults are the real clock and timer. */
export interface PollTiming {
  readonly signal: AbortSignal;
  /** Epoch ms. */
  readonly now?: () => number;
  /** Resolves after `ms` or when `signal` aborts, never rejects. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly boundMs?: number;
  readonly intervalMs?: number;
}

/** How a wait for the cleanup ended: `clean` (a code or QR may be asked for), past the bound, or cancelled. */
export type CleanupWait = 'clean' | 'stillCleaning' | 'cancelled';

/**
 * Waits while `isCleaning()` (getWaSettings `logoutProcess`) says true: reads it at once, then
 * every `intervalMs` (2 s) until it says false, `boundMs` (60 s) have passed, or `signal`
 * aborts. `onCleaning` hears once that a wait began (to show it). `isCleaning`'s errors are
 * thrown as they are; a cancelled read counts as cancelled.
 */
export async function waitWhileCleaning(
  isCleaning: () => Promise<boolean>,
  timing: PollTiming,
  onCleaning?: () => void,
): Promise<CleanupWait> {
  const now = timing.now ?? Date.now;
  const sleep = timing.sleep ?? abortableSleep;
  const deadline = now() + (timing.boundMs ?? CLEANUP_BOUND_MS);
  let told = false;
  for (;;) {
    if (timing.signal.aborted) return 'cancelled';
    let cleaning: boolean;
    try {
      cleaning = await isCleaning();
    } catch (error) {
      if (timing.signal.aborted) return 'cancelled';
      throw error;
    }
    if (!cleaning) return 'clean';
    if (!told) onCleaning?.();
    told = true;
    const left = deadline - now();
    if (left <= 0) return 'stillCleaning';
    await sleep(Math.min(timing.intervalMs ?? CLEANUP_POLL_MS, left), timing.signal);
  }
}

/**
 * Follows the chat history loading after a link: reads `readProgress()` (getWaSettings
 * `historySyncProgress`, percent, undefined when absent) at once and every `intervalMs` (5 s),
 * handing each value to `onProgress`; stops at 100, when the field is absent or a read fails,
 * past `boundMs` (5 min), or when `signal` aborts. Resolves to the last percent seen.
 */
export async function followHistorySync(
  readProgress: () => Promise<number | undefined>,
  onProgress: (percent: number) => void,
  timing: PollTiming,
): Promise<number | undefined> {
  const now = timing.now ?? Date.now;
  const sleep = timing.sleep ?? abortableSleep;
  const deadline = now() + (timing.boundMs ?? HISTORY_SYNC_BOUND_MS);
  let last: number | undefined;
  while (!timing.signal.aborted) {
    const percent = await readProgress().catch(() => undefined);
    if (percent === undefined || timing.signal.aborted) return last;
    last = percent;
    onProgress(percent);
    const left = deadline - now();
    if (percent >= 100 || left <= 0) return last;
    await sleep(Math.min(timing.intervalMs ?? HISTORY_SYNC_POLL_MS, left), timing.signal);
  }
  return last;
}
