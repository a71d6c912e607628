import { boundedTimerMs } from '../base/delays';
import { Emitter } from './events';
import { TEST_SEAM } from '../base/testSeam';

export interface PendingCode {
  readonly idInstance: string;
  readonly code: string;
  /** Digits only; shown masked. */
  readonly phone: string;
  /** Epoch ms, for showing the time of day and for the command's result. */
  readonly issuedAt: number;
  /** Epoch ms, for showing "expires at 12:34" and for the command's result; never for deciding or counting down (webviews get remainingMs). */
  readonly expiresAt: number;
  /**
   * The deadline on the monotonic clock (Clock.monotonicNow, ms): every countdown and the
   * expiry are computed from it, so that a wall-clock step (NTP, a time-zone or manual
   * change) neither shows 62:28 nor expires a valid code.
   */
  readonly deadline: number;
}

export type PendingCodeEvent =
  | { readonly type: 'issued'; readonly code: PendingCode }
  | { readonly type: 'expired'; readonly code: PendingCode }
  | { readonly type: 'linked'; readonly code: PendingCode }
  | { readonly type: 'cleared'; readonly code: PendingCode; readonly reason: 'replaced' | 'removed' | 'cancelled' };

export interface Clock {
  /** Wall-clock epoch ms. */
  now(): number;
  /** Monotonic ms (performance.now): only differences mean anything. */
  monotonicNow(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonicNow: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, boundedTimerMs(ms)),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * The one owner of the codes waiting to be typed in WhatsApp, one per instance.
 * Others (status bar, link poller, sidebar) read it and follow its events.
 */
export class PendingCodes {
  private readonly codes = new Map<string, { code: PendingCode; timer: unknown }>();
  private readonly changes = new Emitter<PendingCodeEvent>();
  readonly onDidChange = this.changes.event;

  constructor(private readonly clock: Clock = systemClock) {}

  issue(idInstance: string, code: string, phone: string, validityMs: number): PendingCode {
    this.clear(idInstance, 'replaced');
    const issuedAt = this.clock.now();
    const deadline = this.clock.monotonicNow() + validityMs;
    const pending: PendingCode = { idInstance, code, phone, issuedAt, expiresAt: issuedAt + validityMs, deadline };
    const timer = this.clock.setTimeout(() => this.expire(idInstance, pending), validityMs);
    this.codes.set(idInstance, { code: pending, timer });
    this.changes.fire({ type: 'issued', code: pending });
    return pending;
  }

  /** How many expiry timers are armed, for the tests that nothing is left after deactivate. */
  [TEST_SEAM](): { readonly timerCount: number } {
    return { timerCount: this.codes.size };
  }

  get(idInstance: string): PendingCode | undefined {
    const entry = this.codes.get(idInstance);
    // A timer may fire late after the machine slept: the deadline decides, not the timer.
    if (entry && entry.code.deadline <= this.clock.monotonicNow()) {
      this.expire(idInstance, entry.code);
      return undefined;
    }
    return entry?.code;
  }

  /** Milliseconds left of `code`, from the monotonic deadline; negative once it has expired. */
  remainingMs(code: PendingCode): number {
    return code.deadline - this.clock.monotonicNow();
  }

  all(): PendingCode[] {
    return [...this.codes.keys()].map((id) => this.get(id)).filter((code): code is PendingCode => code !== undefined);
  }

  markLinked(idInstance: string): PendingCode | undefined {
    return this.end(idInstance, (code) => ({ type: 'linked', code }));
  }

  clear(idInstance: string, reason: 'replaced' | 'removed' | 'cancelled'): PendingCode | undefined {
    return this.end(idInstance, (code) => ({ type: 'cleared', code, reason }));
  }

  dispose(): void {
    for (const { timer } of this.codes.values()) this.clock.clearTimeout(timer);
    this.codes.clear();
    this.changes.dispose();
  }

  private expire(idInstance: string, expected: PendingCode): void {
    if (this.codes.get(idInstance)?.code === expected) {
      this.end(idInstance, (code) => ({ type: 'expired', code }));
    }
  }

  private end(idInstance: string, event: (code: PendingCode) => PendingCodeEvent): PendingCode | undefined {
    const entry = this.codes.get(idInstance);
    if (!entry) return undefined;
    this.clock.clearTimeout(entry.timer);
    this.codes.delete(idInstance);
    this.changes.fire(event(entry.code));
    return entry.code;
  }
}
