/**
 * The deadlines a webview counts down to, on the page's monotonic clock: the host sends each
 * code's time left (`remainingMs`, see PendingCodes.remainingMs) and the page adds the
 * `performance.now()` of its arrival; no `Date.now()` is read. No DOM, no Node API.
 * See CONTRIBUTING.md, Field notes: Countdowns and the system clock.
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
