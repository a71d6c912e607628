import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import { GreenApiClient } from '../../src/api/client';
import type { TestProbe } from '../../src/extension';
import { startEmulator } from '../../emulator/server';
import { BenchRow, HOST_BENCH_MARKER, median } from '../report';
const EXTENSION_ID = 'green-api-link.green-api-link';
const PARTNER_TOKEN = 'partner0token0for0the0host0bench';

function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

async function heapAfterGc(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return process.memoryUsage().heapUsed;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Measured inside code-server's real extension host; see bench/run.ts. */
export async function run(): Promise<void> {
  const rows: BenchRow[] = [];
  const extension = vscode.extensions.getExtension<TestProbe>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  rows.push({ group: 'activation', name: 'active before any command or view asked for it', value: extension.isActive ? 1 : 0, unit: '', max: 0, note: '0 = not active' });
  const probe = await extension.activate();
  rows.push({ group: 'activation', name: 'activate()', value: probe.activationMs, unit: 'ms', max: 15, note: 'inside the real extension host' });

  const emulator = await startEmulator({ codeValiditySeconds: 150, partnerToken: PARTNER_TOKEN });
  const settings = vscode.workspace.getConfiguration('greenApi');
  try {
    // Command overhead: the command, minus the same two requests made directly.
    const instance = emulator.store.add();
    await vscode.commands.executeCommand('greenApi.addInstance', { apiUrl: emulator.url, idInstance: instance.idInstance, apiTokenInstance: instance.apiTokenInstance });
    const client = new GreenApiClient({ apiUrl: emulator.url, idInstance: instance.idInstance, apiTokenInstance: instance.apiTokenInstance });
    const raw: number[] = [];
    const command: number[] = [];
    for (let i = 0; i < 40; i++) {
      let started = performance.now();
      await client.getStateInstance();
      await client.getAuthorizationCode('441234567890');
      raw.push(performance.now() - started);
      started = performance.now();
      const issued = await vscode.commands.executeCommand('greenApi.getAuthorizationCode', { idInstance: instance.idInstance, phoneNumber: '441234567890' });
      command.push(performance.now() - started);
      if (!issued || !probe.codeStatusBar.isTicking) throw new Error('no code in the status bar');
    }
    const rawMs = median(raw.slice(5));
    const commandMs = median(command.slice(5));
    rows.push({ group: 'command', name: 'getAuthorizationCode command → status-bar item shown, minus the answer time', value: commandMs - rawMs, unit: 'ms', max: 30, note: `${commandMs.toFixed(1)} ms command, ${rawMs.toFixed(1)} ms the same two requests direct` });
    await vscode.commands.executeCommand('greenApi.removeInstance', { idInstance: instance.idInstance, skipConfirmation: true });

    rows.push(await partnerImportRow(probe, emulator));

    // Memory: 1,000 instances loaded and 100 code cycles (issued, counted down, expired).
    await settings.update('codeValiditySeconds', 10, vscode.ConfigurationTarget.Global);
    const baseline = await heapAfterGc();
    const emulated = Array.from({ length: 1000 }, () => emulator.store.add());
    const addStarted = performance.now();
    for (const e of emulated) {
      await vscode.commands.executeCommand('greenApi.addInstance', { apiUrl: emulator.url, idInstance: e.idInstance, apiTokenInstance: e.apiTokenInstance });
    }
    const addMs = performance.now() - addStarted;
    const cycled = emulated.slice(0, 100);
    await Promise.all(cycled.map((e) => vscode.commands.executeCommand('greenApi.getAuthorizationCode', { idInstance: e.idInstance, phoneNumber: '441234567890' })));
    await waitFor(async () => {
      const listed = await vscode.commands.executeCommand<{ codeExpiresAt?: number }[]>('greenApi.listInstances');
      return listed.every((entry) => entry.codeExpiresAt === undefined);
    }, 30_000);
    // The expired items linger 15 s to offer a new code; wait them out too.
    await new Promise((resolve) => setTimeout(resolve, 16_000));
    const after = await heapAfterGc();
    rows.push({ group: 'memory', name: 'extension-host heap growth: 1,000 instances + 100 code cycles', value: (after - baseline) / 1024 / 1024, unit: 'MB', max: 5, note: `adding 1,000 took ${(addMs / 1000).toFixed(1)} s` });
    rows.push({ group: 'memory', name: 'timers left after the cycles (countdown, polls)', value: (probe.codeStatusBar.isTicking ? 1 : 0) + probe.linkWatcher.activeCount + probe.pendingCodes.timerCount, unit: '', max: 0 });
  } finally {
    await settings.update('codeValiditySeconds', undefined, vscode.ConfigurationTarget.Global);
    await emulator.close();
  }
  console.log(`${HOST_BENCH_MARKER}${JSON.stringify(rows)}`);
}

/** Importing 1,000 instances from a partner account with an apiUrl argument: one getInstances call, then one batched save. */
async function partnerImportRow(probe: TestProbe, emulator: Awaited<ReturnType<typeof startEmulator>>): Promise<BenchRow> {
  const emulated = Array.from({ length: 1000 }, () => emulator.store.add());
  const started = performance.now();
  const ids = await vscode.commands.executeCommand<string[]>('greenApi.importFromPartner', { partnerApiUrl: emulator.url, partnerToken: PARTNER_TOKEN, apiUrl: emulator.url });
  const elapsedMs = performance.now() - started;
  if (!ids || ids.length < emulated.length) throw new Error(`imported ${ids?.length ?? 0} of ${emulated.length}`);
  await probe.removeInstances(ids);
  return { group: 'command', name: 'importFromPartner: 1,000 instances (apiUrl given) saved', value: elapsedMs / 1000, unit: 's', max: 5, note: 'one index write, a few token secrets' };
}
