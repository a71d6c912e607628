/**
 * Clocks for countdowns that a wall-clock step cannot break. `Date.now()` jumps when the
 * system time is set (by hand, by NTP, after a sleep on some systems); a 2.5-minute code
 * would then show 62:28 or expire at once. `performance.now()` only moves forward, so both
 * clocks here advance by it. Works in the extension host and in a webview (no DOM, no Node API).
 */

const anchorWallMs = Date.now();
const anchorMonotonicMs = performance.now();

/**
 * Epoch ms that never steps: the wall time when this module was loaded, advanced by the
 * monotonic clock since. Use it for every deadline a countdown shows (issuedAt, expiresAt)
 * and for the `hostNow` a webview is sent; after a wall-clock step it differs from
 * `Date.now()` by that step, and only the time of day shown ("expires at 14:03") shows it.
 */
export function steadyNow(): number {
  return anchorWallMs + (performance.now() - anchorMonotonicMs);
}

/**
 * The host's steady clock as a webview follows it: `heard(hostNow)` with each message's
 * `hostNow` (epoch ms), then `now()` is that time advanced by this page's monotonic clock.
 * The page's own `Date.now()` is never read, so a step of the machine's clock (or a
 * page whose clock differs from the host's) does not move a countdown.
 */
export class HostClock {
  private hostNow: number;
  private heardAt: number;

  constructor(private readonly monotonicNow: () => number = () => performance.now()) {
    this.hostNow = Date.now();
    this.heardAt = this.monotonicNow();
  }

  /** A message from the host said its time is `hostNow` (epoch ms). */
  heard(hostNow: number): void {
    this.hostNow = hostNow;
    this.heardAt = this.monotonicNow();
  }

  /** The host's time now, in epoch ms. */
  now(): number {
    return this.hostNow + (this.monotonicNow() - this.heardAt);
  }
}
