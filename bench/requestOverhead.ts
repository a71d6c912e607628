import * as http from 'node:http';
import fetch from 'node-fetch';
import { GreenApiClient } from '../src/api/client';
import { startEmulatorProcess } from './emulatorProcess';
import { BenchRow, median, rotated } from './report';

/** The SDK's shape, as much as this benchmark uses of it. */
interface SdkClient {
  client: { defaults: { baseURL?: string } };
  getStateInstance(): Promise<{ stateInstance: string }>;
}

const CALLS = 500;
const ROUNDS = 15;

/** A bare http.request on a keep-alive agent: the floor any client sits on. */
function bareGetState(url: string, agent: http.Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve((JSON.parse(Buffer.concat(chunks).toString()) as { stateInstance: string }).stateInstance),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

async function timeSequential(call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) await call();
  return performance.now() - started;
}

/**
 * 500 sequential getStateInstance calls per client, in interleaved rounds whose order rotates
 * (ours, bare, node-fetch, SDK; then bare, node-fetch, SDK, ours; …) so that drift in the machine
 * and warm caches favour none; per-call medians of the rounds, ratios paired within a round.
 * The emulator runs in its own process. Resolves the rows; rejects if a call fails.
 */
export async function measureRequestOverhead(): Promise<BenchRow[]> {
  const emulator = await startEmulatorProcess();
  try {
    const instance = await emulator.add({});
    const ours = new GreenApiClient({ apiUrl: emulator.url, ...instance });
    const agent = new http.Agent({ keepAlive: true });
    const bareUrl = `${emulator.url}/waInstance${instance.idInstance}/getStateInstance/${instance.apiTokenInstance}`;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { GreenApiClient: Sdk } = require('@green-api/whatsapp-api-client-js-v2') as {
      GreenApiClient: new (i: object) => SdkClient;
    };
    const sdk = new Sdk({ idInstance: Number(instance.idInstance), apiTokenInstance: instance.apiTokenInstance });
    // The SDK hard-wires https://api.green-api.com; point its axios instance at the emulator.
    sdk.client.defaults.baseURL = `${emulator.url}/waInstance${instance.idInstance}`;

    const contestants: Record<string, () => Promise<unknown>> = {
      ours: () => ours.getStateInstance(),
      bare: () => bareGetState(bareUrl, agent),
      nodeFetch: async () => JSON.parse(await (await fetch(bareUrl, { agent })).text()) as unknown,
      sdk: () => sdk.getStateInstance(),
    };
    const times: Record<string, number[]> = { ours: [], bare: [], nodeFetch: [], sdk: [] };
    // The SDK logs every request through console.log; silence it, or this measures printing.
    const log = console.log;
    console.log = () => undefined;
    try {
      for (const call of Object.values(contestants)) for (let i = 0; i < 50; i++) await call(); // warm-up
      for (let round = 0; round < ROUNDS; round++) {
        for (const name of rotated(Object.keys(contestants), round)) {
          times[name]!.push(await timeSequential(contestants[name]!));
        }
      }
    } finally {
      console.log = log;
    }
    agent.destroy();
    const perCall = (name: string): number => (median(times[name]!) / CALLS) * 1000;
    // Each round ran the three back to back, so a ratio within a round cancels the machine's drift.
    const pairedRatio = (a: string, b: string): number =>
      median(times[a]!.map((value, round) => value / times[b]![round]!));
    const process = 'bench (Node)' as const;
    return [
      {
        group: 'requests',
        name: 'ours, per getStateInstance',
        value: perCall('ours'),
        unit: 'µs',
        max: undefined,
        process,
        note: `median of ${ROUNDS} rounds of ${CALLS}, order rotating`,
      },
      {
        group: 'requests',
        name: 'bare http.request, per call',
        value: perCall('bare'),
        unit: 'µs',
        max: undefined,
        process,
      },
      {
        group: 'requests',
        name: 'official SDK, per call',
        value: perCall('sdk'),
        unit: 'µs',
        max: undefined,
        process,
        note: 'its console logger silenced',
      },
      {
        group: 'requests',
        name: 'node-fetch alone (same agent), per call',
        value: perCall('nodeFetch'),
        unit: 'µs',
        max: undefined,
        process,
        note: "the design card's HTTP library by itself",
      },
      {
        group: 'requests',
        name: 'ours / node-fetch alone (our own wrapper)',
        value: pairedRatio('ours', 'nodeFetch'),
        unit: '×',
        max: 1.05,
        process,
        note: "median of per-round ratios; includes the AbortController that frees a failed call's socket, reused after a call that succeeded (src/api/transport.ts send())",
      },
      {
        group: 'requests',
        name: 'ours / official SDK',
        value: pairedRatio('ours', 'sdk'),
        unit: '×',
        max: 0.6,
        process,
      },
      {
        group: 'requests',
        name: 'ours / bare',
        value: pairedRatio('ours', 'bare'),
        unit: '×',
        max: undefined,
        process,
        note: `node-fetch alone / bare is ${pairedRatio('nodeFetch', 'bare').toFixed(3)} ×: most of this is node-fetch's share`,
      },
    ];
  } finally {
    await emulator.stop();
  }
}
