/**
 * The deadlines a webview counts down to, on the page's own monotonic clock. The host sends
 * each pending code's time left (`remainingMs`, from its monotonic deadline; see
 * PendingCodes.remainingMs) with every message that carries the code, and the page adds the
 * `performance.now()` of its arrival. Neither the host's nor the page's `Date.now()` is read,
 * so setting the system clock neither stretches a countdown nor ends it early (a 2.5-minute
 * code would otherwise show 62:28). No DOM, no Node API: it runs in a webview and in the
 * unit tests.
 */
export class PageDeadlines {
  private readonly deadlines = new Map<string, number>();

  /** `monotonicNow` gives ms that only move forward (performance.now by default). */
  constructor(private readonly monotonicNow: () => number = () => performance.now()) {}

  /** A message just said that `key` (an idInstance, or the panel's one code) has `remainingMs` left. */
  heard(key: string, remainingMs: number): void {
    this.deadlines.set(key, this.monotonicNow() + remainingMs);
  }

  /** Ms left for `key` now (negative once past), or undefined when none was heard. */
  remainingMs(key: string): number | undefined {
    const deadline = this.deadlines.get(key);
    return deadline === undefined ? undefined : deadline - this.monotonicNow();
  }

  forget(key: string): void {
    this.deadlines.delete(key);
  }

  clear(): void {
    this.deadlines.clear();
  }
}
