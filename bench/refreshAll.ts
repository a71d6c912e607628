import { GreenApiClient } from '../src/api/client';
import { isGreenApiError } from '../src/api/errors';
import { RefreshQueue } from '../src/core/refreshQueue';
import { startEmulatorProcess } from './emulatorProcess';
import { BenchRow } from './report';

const INSTANCES = 1000;
const LATENCY_MS = 50;

/**
 * Refresh All as the Instances view runs it (RefreshQueue + our client), against 1,000
 * emulated instances that each answer after 50 ms.
 */
export async function measureRefreshAll(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const emulator = await startEmulatorProcess({ seed: 42 });
  try {
    const instances = await emulator.addMany(INSTANCES, { latencyMs: LATENCY_MS });
    const run = async (concurrency: number): Promise<{ ms: number; failed: number; waits: number }> => {
      const clients = new Map(instances.map((i) => [i.idInstance, new GreenApiClient({ apiUrl: emulator.url, ...i })]));
      const queue = new RefreshQueue({
        concurrency: () => concurrency,
        check: async (id) => {
          await clients.get(id)?.getStateInstance();
        },
        rateLimit: (error) => (isGreenApiError(error) && error.kind === 'rateLimited' ? { retryAfterMs: error.retryAfterMs } : undefined),
      });
      const started = performance.now();
      const report = await queue.refresh(instances.map((i) => i.idInstance));
      return { ms: performance.now() - started, failed: report.failed, waits: report.rateLimitWaits };
    };
    for (const concurrency of [4, 8]) {
      const ideal = (INSTANCES * LATENCY_MS) / concurrency;
      const { ms, failed } = await run(concurrency);
      rows.push({ group: 'refresh all', name: `1,000 instances, 50 ms each, concurrency ${concurrency}`, value: ms / ideal, unit: '×', max: 1.15, note: `${(ms / 1000).toFixed(2)} s vs ideal ${(ideal / 1000).toFixed(2)} s, ${failed} failed` });
    }
    // One answer in ten is a 429 with Retry-After: 1, drawn from the emulator's seeded generator.
    for (const instance of instances) await emulator.setFaults(instance.idInstance, [{ method: 'getStateInstance', probability: 0.1, status: 429, retryAfter: '1' }]);
    const limited = await run(4);
    rows.push({ group: 'refresh all', name: 'with 10 % answered 429 + Retry-After: 1, concurrency 4: failures', value: limited.failed, unit: '', max: 0, note: `${(limited.ms / 1000).toFixed(2)} s, ${limited.waits} rate-limit waits` });
    return rows;
  } finally {
    await emulator.stop();
  }
}
