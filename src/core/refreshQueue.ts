import { MAX_WAIT_MS, clampWaitMs } from '../base/delays';

/**
 * Checks many instances with bounded requests in flight, never two for one instance (a second ask
 * joins the first). A 429 pauses only its host for `Retry-After` (or a backoff), then retries, up
 * to a limit; a wait over `maxInlineWaitMs` is not sat out: that host's instances fail at once and
 * the next pass checks them, so one host never holds back the others.
 */

export interface RateLimitSignal {
  /** How long the server asked to wait, if it said. */
  readonly retryAfterMs: number | undefined;
}

export interface RefreshQueueOptions {
  /** Read on every acquire, so a changed setting applies at once. */
  readonly concurrency: () => number;
  /** Does the work for one instance; throws to fail it. */
  readonly check: (idInstance: string) => Promise<void>;
  /** Tells a rate-limit failure apart from others. */
  readonly rateLimit: (error: unknown) => RateLimitSignal | undefined;
  readonly maxRateLimitRetries?: number;
  /** First backoff when the server gave no Retry-After; doubles each time. Every wait is clamped to [1 s, 10 min]. */
  readonly backoffMs?: number;
  /** Longest rate-limit wait sat out inside one pass, in ms; 30 s when absent. */
  readonly maxInlineWaitMs?: number;
  /** Which host an instance lives on (the apiUrl's host); a 429 pauses that host only. Each instance its own when absent. */
  readonly hostOf?: (idInstance: string) => string;
  /** A monotonic clock in ms (performance.now when absent): a wall-clock step must not end or stretch a pause. */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface RefreshReport {
  readonly checked: number;
  readonly failed: number;
  /** How many times an instance had to wait for a rate limit. */
  readonly rateLimitWaits: number;
}

type Outcome = { readonly ok: boolean; readonly waits: number };

export class RefreshQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly inFlight = new Map<string, Promise<Outcome>>();
  /** Host → monotonic ms before which it must not be asked again. */
  private readonly pausedUntil = new Map<string, number>();
  private stopped = false;

  constructor(private readonly options: RefreshQueueOptions) {}

  get activeCount(): number {
    return this.inFlight.size;
  }

  /** Checks each instance once; resolves when all are done, whatever their outcome. */
  async refresh(ids: Iterable<string>): Promise<RefreshReport> {
    const outcomes = await Promise.all([...new Set(ids)].map((id) => this.refreshOne(id)));
    return {
      checked: outcomes.filter((outcome) => outcome.ok).length,
      failed: outcomes.filter((outcome) => !outcome.ok).length,
      rateLimitWaits: outcomes.reduce((sum, outcome) => sum + outcome.waits, 0),
    };
  }

  /** Whether a check of the instance is under way (a refresh now joins it). */
  isChecking(idInstance: string): boolean {
    return this.inFlight.has(idInstance);
  }

  refreshOne(idInstance: string): Promise<Outcome> {
    const joined = this.inFlight.get(idInstance);
    if (joined) return joined;
    const run = this.run(idInstance).finally(() => this.inFlight.delete(idInstance));
    this.inFlight.set(idInstance, run);
    return run;
  }

  /** Stops starting new work; what is under way finishes on its own. */
  dispose(): void {
    this.stopped = true;
    this.waiting.splice(0).forEach((wake) => wake());
  }

  private async run(idInstance: string): Promise<Outcome> {
    const maxRetries = this.options.maxRateLimitRetries ?? 5;
    const maxInlineWaitMs = Math.min(MAX_WAIT_MS, this.options.maxInlineWaitMs ?? 30_000);
    const now = this.options.now ?? (() => performance.now());
    const sleep = this.options.sleep ?? defaultSleep;
    const host = this.options.hostOf?.(idInstance) ?? idInstance;
    let backoff = this.options.backoffMs ?? 1000;
    let waits = 0;
    /** The end of the last pause this run has sat out, so that it is not sat out twice. */
    let waitedUntil = -Infinity;
    for (;;) {
      await this.acquire();
      if (this.stopped) {
        this.release();
        return { ok: false, waits };
      }
      // Another instance of this host may have been told to wait meanwhile: so must this one,
      // without holding a slot that another host could use.
      const until = this.pausedUntil.get(host) ?? -Infinity;
      if (until > waitedUntil && until > now()) {
        this.release();
        const paused = until - now();
        if (paused > maxInlineWaitMs) return { ok: false, waits };
        waits += 1;
        await sleep(clampWaitMs(paused));
        waitedUntil = until;
        continue;
      }
      let rateLimited: RateLimitSignal | undefined;
      try {
        await this.options.check(idInstance);
        return { ok: true, waits };
      } catch (error) {
        rateLimited = this.options.rateLimit(error);
        if (!rateLimited || waits >= maxRetries) return { ok: false, waits };
      } finally {
        this.release();
      }
      const waitMs = clampWaitMs(rateLimited.retryAfterMs ?? backoff);
      backoff = Math.min(MAX_WAIT_MS, backoff * 2);
      const pauseEnd = Math.max(this.pausedUntil.get(host) ?? -Infinity, now() + waitMs);
      this.pausedUntil.set(host, pauseEnd);
      if (waitMs > maxInlineWaitMs) return { ok: false, waits };
      waits += 1;
      await sleep(waitMs);
      waitedUntil = pauseEnd;
    }
  }

  private acquire(): Promise<void> {
    if (this.running < Math.max(1, this.options.concurrency()) || this.stopped) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.running += 1;
        resolve();
      }),
    );
  }

  private release(): void {
    this.running -= 1;
    while (this.waiting.length > 0 && (this.running < Math.max(1, this.options.concurrency()) || this.stopped)) {
      this.waiting.shift()?.();
    }
  }
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, clampWaitMs(ms)));
