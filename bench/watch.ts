import { GreenApiClient } from '../src/api/client';
import { isGreenApiError } from '../src/api/errors';
import { RefreshQueue } from '../src/core/refreshQueue';
import { startEmulatorProcess } from './emulatorProcess';
import { BenchRow } from './report';

const INSTANCES = 1000;
/** greenApi.watchIntervalSeconds' default, in ms. */
const DEFAULT_INTERVAL_MS = 120_000;
/** greenApi.refreshConcurrency's default. */
const CONCURRENCY = 4;
const LATENCY_MS = 20;

/** The most entries of sorted `times` (ms) that fit in any window of `windowMs`. */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

/**
 * One full round of the background watch over 1,000 instances (half linked), as StateChecks runs
 * it. The emulator runs in a child process, so this process's CPU time over the round is the
 * client's and the queue's: over the default interval, the share of one CPU the watch costs. Also
 * the most requests one instance got in any second, per GREEN-API method (its limits are) and in all.
 */
export async function measureWatch(): Promise<BenchRow[]> {
  const emulator = await startEmulatorProcess();
  const process = 'bench (Node)' as const;
  try {
    const linked = await emulator.addMany(INSTANCES / 2, {
      latencyMs: LATENCY_MS,
      state: 'authorized',
      phone: '441234567890',
    });
    const unlinked = await emulator.addMany(INSTANCES / 2, { latencyMs: LATENCY_MS });
    const instances = [...linked, ...unlinked];
    const ids = instances.map((i) => i.idInstance);
    const clients = new Map(instances.map((i) => [i.idInstance, new GreenApiClient({ apiUrl: emulator.url, ...i })]));
    const queue = new RefreshQueue({
      concurrency: () => CONCURRENCY,
      hostOf: () => new URL(emulator.url).host,
      check: async (id) => {
        const client = clients.get(id);
        if (!client) return;
        const { stateInstance } = await client.getStateInstance();
        if (stateInstance === 'authorized') await client.getWaSettings().catch(() => undefined);
      },
      rateLimit: (error) =>
        isGreenApiError(error) && error.kind === 'rateLimited' ? { retryAfterMs: error.retryAfterMs } : undefined,
    });
    const cpuBefore = globalThis.process.cpuUsage();
    const started = performance.now();
    const report = await queue.refresh(ids);
    const wallMs = performance.now() - started;
    const cpu = globalThis.process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    if (report.failed > 0) throw new Error(`${report.failed} of ${INSTANCES} checks failed`);
    const stats = await emulator.stats(ids);
    let perMethod = 0;
    let anyMethod = 0;
    for (const entry of stats) {
      anyMethod = Math.max(
        anyMethod,
        maxInWindow(
          entry.arrivals.map((arrival) => arrival.at),
          1000,
        ),
      );
      for (const method of new Set(entry.arrivals.map((arrival) => arrival.method))) {
        perMethod = Math.max(
          perMethod,
          maxInWindow(
            entry.arrivals.filter((arrival) => arrival.method === method).map((arrival) => arrival.at),
            1000,
          ),
        );
      }
    }
    if (anyMethod === 0) throw new Error('the emulator logged no requests');
    return [
      {
        group: 'watch',
        name: `1,000 instances at the default ${DEFAULT_INTERVAL_MS / 1000} s interval: CPU of one round / interval`,
        value: (cpuMs / DEFAULT_INTERVAL_MS) * 100,
        unit: '%',
        max: 1,
        process,
        note: `${cpuMs.toFixed(0)} ms CPU for a ${(wallMs / 1000).toFixed(1)} s round, concurrency ${CONCURRENCY}; queue + client only, without the view's bookkeeping`,
      },
      {
        group: 'watch',
        name: 'most requests of one GREEN-API method to one instance in any 1 s',
        value: perMethod,
        unit: '',
        max: 1,
        process,
        note: 'the documented limits are per method',
      },
      {
        group: 'watch',
        name: 'most requests of any methods to one instance in any 1 s',
        value: anyMethod,
        unit: '',
        max: undefined,
        process,
        note: 'a linked instance is asked getStateInstance, then getWaSettings',
      },
    ];
  } finally {
    await emulator.stop();
  }
}
