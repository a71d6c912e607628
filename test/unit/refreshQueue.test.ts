import * as assert from 'node:assert/strict';
import { RefreshQueue } from '../../src/core/refreshQueue';

class RateLimited extends Error {
  constructor(readonly retryAfterMs: number | undefined) {
    super('429');
  }
}

function queue(check: (id: string) => Promise<void>, concurrency = 4, sleeps: number[] = []): RefreshQueue {
  return new RefreshQueue({
    concurrency: () => concurrency,
    check,
    rateLimit: (error) => (error instanceof RateLimited ? { retryAfterMs: error.retryAfterMs } : undefined),
    backoffMs: 1000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('RefreshQueue', () => {
  it('never runs more checks at once than the concurrency', async () => {
    let running = 0;
    let peak = 0;
    const q = queue(async () => {
      running += 1;
      peak = Math.max(peak, running);
      await tick();
      running -= 1;
    }, 3);
    const report = await q.refresh(Array.from({ length: 20 }, (_, i) => String(i)));
    assert.equal(report.checked, 20);
    assert.equal(peak, 3);
  });

  it('never has two checks in flight for one instance: a second ask joins', async () => {
    const calls: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const q = queue(async (id) => {
      calls.push(id);
      await gate;
    });
    const first = q.refresh(['a', 'b']);
    const second = q.refresh(['a', 'a', 'c']);
    await tick();
    release();
    await Promise.all([first, second]);
    assert.deepEqual(calls.sort(), ['a', 'b', 'c']);
  });

  it('waits Retry-After on 429, then checks again', async () => {
    const sleeps: number[] = [];
    let attempts = 0;
    const q = queue(
      async () => {
        attempts += 1;
        if (attempts === 1) throw new RateLimited(1000);
      },
      1,
      sleeps,
    );
    const report = await q.refresh(['a']);
    assert.deepEqual(report, { checked: 1, failed: 0, rateLimitWaits: 1 });
    assert.deepEqual(sleeps, [1000]);
  });

  it('backs off exponentially without Retry-After and gives up after the limit', async () => {
    const sleeps: number[] = [];
    const q = queue(
      async () => {
        throw new RateLimited(undefined);
      },
      1,
      sleeps,
    );
    const report = await q.refresh(['a']);
    assert.deepEqual(report, { checked: 0, failed: 1, rateLimitWaits: 5 });
    assert.deepEqual(sleeps, [1000, 2000, 4000, 8000, 16000]);
  });

  it('fails other errors at once, without retrying', async () => {
    let attempts = 0;
    const q = queue(async () => {
      attempts += 1;
      throw new Error('401');
    });
    assert.deepEqual(await q.refresh(['a']), { checked: 0, failed: 1, rateLimitWaits: 0 });
    assert.equal(attempts, 1);
  });

  it('gives its slot back while waiting out a rate limit', async () => {
    const order: string[] = [];
    let firstTry = true;
    let wake!: () => void;
    const q = new RefreshQueue({
      concurrency: () => 1,
      check: async (id) => {
        order.push(id);
        if (id === 'slow' && firstTry) {
          firstTry = false;
          throw new RateLimited(10);
        }
      },
      rateLimit: (error) => (error instanceof RateLimited ? { retryAfterMs: error.retryAfterMs } : undefined),
      sleep: () => new Promise<void>((resolve) => (wake = resolve)),
    });
    const done = q.refresh(['slow', 'other']);
    while (order.length < 2) await tick();
    assert.deepEqual(order, ['slow', 'other'], '"other" should run while "slow" waits');
    wake();
    await done;
    assert.deepEqual(order, ['slow', 'other', 'slow']);
  });

  it('never waits less than 1 s, whatever Retry-After said (0, a past date, garbage)', async () => {
    const sleeps: number[] = [];
    let attempts = 0;
    const q = queue(
      async () => {
        attempts += 1;
        if (attempts <= 3) throw new RateLimited([0, -5_000, Number.NaN][attempts - 1]);
      },
      1,
      sleeps,
    );
    assert.deepEqual(await q.refresh(['a']), { checked: 1, failed: 0, rateLimitWaits: 3 });
    assert.deepEqual(sleeps, [1000, 1000, 1000]);
  });

  it('a 429 on one host delays only that host, and a long wait never holds the pass', async () => {
    const host = (id: string): string => id.slice(0, 1);
    const checked: string[] = [];
    let time = 0;
    let rateLimitOnce = true;
    const q = new RefreshQueue({
      concurrency: () => 1,
      hostOf: host,
      now: () => time,
      check: async (id) => {
        checked.push(id);
        // 30 days: more than any timer holds; the queue must neither spin nor sit it out.
        if (id === 'a1' && rateLimitOnce) {
          rateLimitOnce = false;
          throw new RateLimited(30 * 24 * 3600 * 1000);
        }
      },
      rateLimit: (error) => (error instanceof RateLimited ? { retryAfterMs: error.retryAfterMs } : undefined),
      sleep: () => new Promise<void>(() => assert.fail('nothing may sit out a 10-minute pause inside a pass')),
    });
    assert.deepEqual(await q.refresh(['a1', 'b1', 'a2', 'b2']), { checked: 2, failed: 2, rateLimitWaits: 0 });
    assert.deepEqual(checked, ['a1', 'b1', 'b2'], 'a2 shares the paused host; b1 and b2 do not');
    assert.deepEqual(await q.refresh(['a2', 'b1']), { checked: 1, failed: 1, rateLimitWaits: 0 });
    // The pause is capped at 10 minutes: after it, the host is asked again.
    time += 10 * 60 * 1000;
    assert.deepEqual(await q.refresh(['a1', 'a2']), { checked: 2, failed: 0, rateLimitWaits: 0 });
    assert.deepEqual(checked, ['a1', 'b1', 'b2', 'b1', 'a1', 'a2']);
  });

  it('an instance of a paused host waits out a short pause before its check', async () => {
    const sleeps: number[] = [];
    let time = 0;
    let first = true;
    const q = new RefreshQueue({
      concurrency: () => 4,
      hostOf: () => 'one host',
      now: () => time,
      check: async (id) => {
        if (id === 'a' && first) {
          first = false;
          throw new RateLimited(5_000);
        }
      },
      rateLimit: (error) => (error instanceof RateLimited ? { retryAfterMs: error.retryAfterMs } : undefined),
      sleep: async (ms) => {
        sleeps.push(ms);
        time += ms;
      },
    });
    await q.refresh(['a']);
    assert.deepEqual(sleeps, [5_000]);
    // A pause set now applies to the next instance on that host too.
    first = true;
    const report = await Promise.all([q.refresh(['a']), Promise.resolve().then(() => q.refresh(['b']))]);
    assert.deepEqual(
      report.map((r) => r.checked),
      [1, 1],
    );
  });
});
