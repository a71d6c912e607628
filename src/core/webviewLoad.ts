import { Clock, systemClock } from './pendingCodes';

/**
 * How long a shown webview may take to say 'ready' before it is loaded again, in ms: the
 * first wait, the second, and the last before giving up (35 s in all). A webview of ours
 * says 'ready' within about a second, and within a few on a busy 2-core machine.
 */
export const WEBVIEW_LOAD_WAITS_MS: readonly number[] = [5_000, 10_000, 20_000];

/**
 * How long a wait that ran out still listens before it acts, in ms. When the extension host
 * was busy for the whole wait, the timer and the page's 'ready' are both queued; timers run
 * first, so acting at once would reload a healthy page. A short second timer lets the queued
 * message through first.
 */
export const WEBVIEW_LOAD_GRACE_MS = 100;

export interface WebviewLoadHooks {
  /** Load the page again (a fresh `webview.html`); `attempt` counts from 1. */
  reload(attempt: number): void;
  /** Every wait ran out: the page never said 'ready'. `reloads` is how many reloads were tried. */
  giveUp(reloads: number): void;
}

/**
 * Reloads one webview whose script never says 'ready'. Call `loading()` when the page starts
 * loading (html set, or a hidden view rebuilt), `ready()` on 'ready', `stop()` when hidden or
 * gone. After each wait (`waitsMs`, + WEBVIEW_LOAD_GRACE_MS) but the last, a reload; then `giveUp`.
 * See CONTRIBUTING.md, Field notes: A blank webview in VS Code for the Web.
 */
export class WebviewLoadWatchdog {
  private timer: unknown;
  private attempt = 0;

  constructor(
    private readonly hooks: WebviewLoadHooks,
    private readonly waitsMs: readonly number[] = WEBVIEW_LOAD_WAITS_MS,
    private readonly clock: Pick<Clock, 'setTimeout' | 'clearTimeout'> = systemClock,
  ) {}

  /** The page starts loading afresh: the count of reloads starts again. */
  loading(): void {
    this.attempt = 0;
    this.arm();
  }

  /** The page's script said 'ready'. */
  ready(): void {
    this.disarm();
    this.attempt = 0;
  }

  /** Hidden or disposed: nothing to wait for. */
  stop(): void {
    this.disarm();
  }

  /** Whether a wait is under way (for tests and leak checks). */
  get isWaiting(): boolean {
    return this.timer !== undefined;
  }

  private arm(): void {
    this.disarm();
    const wait = this.waitsMs[this.attempt];
    if (wait === undefined) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = this.clock.setTimeout(() => this.expired(), WEBVIEW_LOAD_GRACE_MS);
    }, wait);
  }

  private expired(): void {
    this.timer = undefined;
    if (this.attempt + 1 < this.waitsMs.length) {
      this.attempt += 1;
      this.arm();
      this.hooks.reload(this.attempt);
      return;
    }
    this.hooks.giveUp(this.attempt);
  }

  private disarm(): void {
    if (this.timer === undefined) return;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
