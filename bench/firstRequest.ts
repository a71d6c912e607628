import { fork } from 'node:child_process';
import * as path from 'node:path';
import { startEmulatorProcess } from './emulatorProcess';
import { BenchRow, median } from './report';

const RUNS = 15;

function runChild(which: 'ours' | 'sdk', url: string, id: string, token: string, bundle: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'firstRequestChild.js'), [which, url, id, token, bundle], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('message', (ms) => resolve(ms as number));
    child.once('exit', (code) => code !== 0 && reject(new Error(`${which} child exited with ${code}`)));
  });
}

/** Module load plus the first call, each in a fresh process, interleaved ours/SDK, medians. */
export async function measureFirstRequest(clientBundle: string): Promise<BenchRow[]> {
  const emulator = await startEmulatorProcess();
  try {
    const { idInstance, apiTokenInstance } = await emulator.add({});
    const ours: number[] = [];
    const sdk: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      ours.push(await runChild('ours', emulator.url, idInstance, apiTokenInstance, clientBundle));
      sdk.push(await runChild('sdk', emulator.url, idInstance, apiTokenInstance, clientBundle));
    }
    return [
      { group: 'first request', name: 'ours: load + first call', value: median(ours), unit: 'ms', max: undefined, note: `median of ${RUNS} fresh processes` },
      { group: 'first request', name: 'official SDK: load + first call', value: median(sdk), unit: 'ms', max: undefined },
      { group: 'first request', name: 'ours / SDK', value: median(ours) / median(sdk), unit: '×', max: 1.0 },
    ];
  } finally {
    await emulator.stop();
  }
}
