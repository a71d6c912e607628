/**
 * Checks many instances with a bounded number of requests in flight, never two for
 * the same instance (a second ask joins the first), and waits out rate limits:
 * an instance answered 429 gives its slot back, waits `Retry-After` (or an
 * exponential backoff), and tries again, up to a limit.
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
  /** First backoff when the server gave no Retry-After; doubles each time. */
  readonly backoffMs?: number;
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
    let backoff = this.options.backoffMs ?? 1000;
    let waits = 0;
    for (;;) {
      await this.acquire();
      if (this.stopped) {
        this.release();
        return { ok: false, waits };
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
      waits += 1;
      await (this.options.sleep ?? defaultSleep)(rateLimited.retryAfterMs ?? backoff);
      backoff *= 2;
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

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
