import { randomInt } from 'node:crypto';
import { GreenApiClient } from '../src/api/client';
import { isGreenApiError } from '../src/api/errors';
import { RefreshQueue } from '../src/core/refreshQueue';
import { startEmulatorProcess } from './emulatorProcess';
import { BenchRow } from './report';

const INSTANCES = 200;
/** Long enough that timer lateness (a few ms on a busy machine) is not what is measured. */
const LATENCY_MS = 200;

/**
 * Refresh All as the Instances view runs it (RefreshQueue + our client) over 200 emulated
 * instances that answer in 200 ms, against the ideal (ceil(200 / concurrency) × 200 ms); then with
 * one answer in ten a 429 (seeded from crypto each run), its retries counted against the 429s the
 * emulator (in its own process) sent. Resolves the rows.
 */
export async function measureRefreshAll(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const seed = randomInt(2 ** 31);
  const emulator = await startEmulatorProcess({ seed });
  const process = 'bench (Node)' as const;
  try {
    const instances = await emulator.addMany(INSTANCES, { latencyMs: LATENCY_MS });
    const ids = instances.map((i) => i.idInstance);
    const run = async (concurrency: number): Promise<{ ms: number; failed: number; waits: number }> => {
      const clients = new Map(instances.map((i) => [i.idInstance, new GreenApiClient({ apiUrl: emulator.url, ...i })]));
      const queue = new RefreshQueue({
        concurrency: () => concurrency,
        check: async (id) => {
          await clients.get(id)?.getStateInstance();
        },
        rateLimit: (error) =>
          isGreenApiError(error) && error.kind === 'rateLimited' ? { retryAfterMs: error.retryAfterMs } : undefined,
      });
      const started = performance.now();
      const report = await queue.refresh(ids);
      return { ms: performance.now() - started, failed: report.failed, waits: report.rateLimitWaits };
    };
    for (const concurrency of [4, 8]) {
      const ideal = Math.ceil(INSTANCES / concurrency) * LATENCY_MS;
      const { ms, failed } = await run(concurrency);
      rows.push({
        group: 'refresh all',
        name: `${INSTANCES} instances, ${LATENCY_MS} ms each, concurrency ${concurrency}: time / ideal`,
        value: ms / ideal,
        unit: '×',
        max: 1.1,
        process,
        note: `${(ms / 1000).toFixed(2)} s vs ideal ${(ideal / 1000).toFixed(2)} s, ${failed} failed`,
      });
    }
    await emulator.clearLog(ids);
    const before = await emulator.stats(ids);
    // One answer in ten is a 429 with Retry-After: 1, drawn from the seed above.
    for (const id of ids) {
      await emulator.setFaults(id, [{ method: 'getStateInstance', probability: 0.1, status: 429, retryAfter: '1' }]);
    }
    const limited = await run(4);
    const after = await emulator.stats(ids);
    const calls = after.reduce(
      (sum, s, i) => sum + (s.calls.getStateInstance ?? 0) - (before[i]?.calls.getStateInstance ?? 0),
      0,
    );
    const answered429 = after.reduce((sum, s) => sum + s.rateLimited, 0);
    const retries = calls - INSTANCES;
    rows.push({
      group: 'refresh all',
      name: `10 % answered 429 + Retry-After: 1 (fresh seed ${seed}), concurrency 4: failures`,
      value: limited.failed,
      unit: '',
      max: 0,
      process,
      note: `${(limited.ms / 1000).toFixed(2)} s, ${answered429} answered 429`,
    });
    rows.push({
      group: 'refresh all',
      name: 'same run: |retries − 429s answered| + |waits − 429s answered|',
      value: Math.abs(retries - answered429) + Math.abs(limited.waits - answered429),
      unit: '',
      max: 0,
      process,
      note: `${retries} retries and ${limited.waits} waits for ${answered429} 429s: each 429 waited out once and retried once`,
    });
    return rows;
  } finally {
    await emulator.stop();
  }
}
