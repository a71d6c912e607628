/**
 * Bounds for every wait the extension schedules. A server chooses Retry-After, and a
 * user (or a settings file) chooses intervals: neither may spin a loop or silence a
 * refresh. Node fires a timer of 2^31 ms or more after 1 ms, with a warning, so a
 * "wait 25 days" would become a hot loop without these bounds.
 */

/** The shortest wait after a rate limit or failure: 1 s (GREEN-API's QR page asks for 1 s between calls). */
export const MIN_WAIT_MS = 1_000;
/** The longest wait after a rate limit or failure: 10 min, so a refresh always comes back. */
export const MAX_WAIT_MS = 10 * 60 * 1_000;
/** The largest delay `setTimeout` honours: 2^31 − 1 ms (about 24.8 days). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A wait after a rate limit or a failure, clamped to [MIN_WAIT_MS, MAX_WAIT_MS].
 * @param ms the wanted wait in ms; NaN, negative or missing gives MIN_WAIT_MS, Infinity gives MAX_WAIT_MS.
 * @returns ms, a whole number within the bounds.
 */
export function clampWaitMs(ms: number | undefined): number {
  if (ms === undefined || Number.isNaN(ms)) return MIN_WAIT_MS;
  return Math.round(Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, ms)));
}

/**
 * Any timer's delay made safe for `setTimeout`: within [0, MAX_TIMER_MS].
 * @param ms the wanted delay in ms; NaN or negative gives 0.
 * @returns ms, a whole number within the bounds.
 */
export function boundedTimerMs(ms: number): number {
  if (!(ms > 0)) return 0;
  return Math.round(Math.min(MAX_TIMER_MS, ms));
}

/**
 * Resolves after `ms` (bounded by {@link boundedTimerMs}) or as soon as `signal` aborts,
 * whichever comes first; never rejects. The timer and the listener are removed either way.
 */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, boundedTimerMs(ms));
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
