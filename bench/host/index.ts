import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { TestProbe } from '../../src/extension';
import { startEmulator } from '../../emulator/server';
import type { HostBenchLine } from '../hostBench';
import { BenchRow, HOST_BENCH_MARKER, median } from '../report';
const EXTENSION_ID = 'green-api-link.green-api-link';
const LOADS = 7;
const CODES = 30;
const process_ = 'extension host (code-server)' as const;

function print(line: HostBenchLine): void {
  console.log(`${HOST_BENCH_MARKER}${JSON.stringify(line)}`);
}

/**
 * What loading dist/extension.js costs in this extension host, in ms: read, compile and run its
 * top level as Node's require does. A unique trailing comment per load keeps V8 from handing back
 * a script it compiled before; activate() is not called (its commands would collide).
 */
function loadBundleMs(bundle: string, nonce: number): number {
  const started = performance.now();
  const source = fs.readFileSync(bundle, 'utf8');
  const copy = new Module(bundle);
  copy.filename = bundle;
  copy.paths = (Module as unknown as { _nodeModulePaths(folder: string): string[] })._nodeModulePaths(
    path.dirname(bundle),
  );
  (copy as unknown as { _compile(source: string, filename: string): void })._compile(
    `${source}\n//# bench load ${nonce}`,
    bundle,
  );
  return performance.now() - started;
}
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
  // Each row is printed as soon as it is measured, so a later failure keeps it.
  const record = (row: BenchRow): void => print({ kind: 'rows', rows: [row] });
  const extension = vscode.extensions.getExtension<TestProbe>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  record({
    group: 'activation',
    name: 'active before any command or view asked for it',
    value: extension.isActive ? 1 : 0,
    unit: '',
    max: 0,
    process: process_,
    note: '0 = not active',
  });
  const probe = await extension.activate();
  const loads = Array.from({ length: LOADS }, (_, i) =>
    loadBundleMs(path.join(extension.extensionPath, 'dist', 'extension.js'), i),
  );
  record({
    group: 'activation',
    name: 'cold start: load dist/extension.js + activate()',
    value: median(loads) + probe.activationMs,
    unit: 'ms',
    max: 15,
    process: process_,
    note: `load ${median(loads).toFixed(2)} ms (median of ${LOADS} fresh compiles) + activate() ${probe.activationMs.toFixed(2)} ms (the real activation)`,
  });

  const emulator = await startEmulator({ codeValiditySeconds: 150, partnerToken: PARTNER_TOKEN });
  const settings = vscode.workspace.getConfiguration('greenApi');
  try {
    // Code on screen: each command's invocation and its code; the workbench's page records
    // when it painted each code (bench/hostBench.ts pairs the two).
    const instance = emulator.store.add();
    await vscode.commands.executeCommand('greenApi.addInstance', {
      apiUrl: emulator.url,
      idInstance: instance.idInstance,
      apiTokenInstance: instance.apiTokenInstance,
    });
    for (let i = 0; i < CODES; i++) {
      const logged = instance.requestLog.length;
      const invokedAt = Date.now();
      const issued = await vscode.commands.executeCommand('greenApi.getAuthorizationCode', {
        idInstance: instance.idInstance,
        phoneNumber: '441234567890',
      });
      const returnedAt = Date.now();
      const code = instance.pendingCode?.code;
      if (!issued || !code || !probe.codeStatusBar.isTicking) throw new Error('no code in the status bar');
      const answerMs = instance.requestLog.slice(logged).reduce((sum, request) => sum + (request.answeredMs ?? 0), 0);
      print({ kind: 'code', code, invokedAt, answerMs, returnedAt });
      // Pacing, not waiting for a condition: a code replaced within the same frame would never
      // be painted, so the next command comes a few frames later.
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await vscode.commands.executeCommand('greenApi.removeInstance', {
      idInstance: instance.idInstance,
      skipConfirmation: true,
    });

    record(await partnerImportRow(probe, emulator));

    // Memory: 1,000 instances loaded and 100 code cycles (issued, counted down, expired).
    await settings.update('codeValiditySeconds', 10, vscode.ConfigurationTarget.Global);
    const baseline = await heapAfterGc();
    const emulated = Array.from({ length: 1000 }, () => emulator.store.add());
    const addStarted = performance.now();
    for (const e of emulated) {
      await vscode.commands.executeCommand('greenApi.addInstance', {
        apiUrl: emulator.url,
        idInstance: e.idInstance,
        apiTokenInstance: e.apiTokenInstance,
      });
    }
    const addMs = performance.now() - addStarted;
    const cycled = emulated.slice(0, 100);
    await Promise.all(
      cycled.map((e) =>
        vscode.commands.executeCommand('greenApi.getAuthorizationCode', {
          idInstance: e.idInstance,
          phoneNumber: '441234567890',
        }),
      ),
    );
    await waitFor(async () => {
      const listed = await vscode.commands.executeCommand<{ codeExpiresAt?: number }[]>('greenApi.listInstances');
      return listed.every((entry) => entry.codeExpiresAt === undefined);
    }, 30_000);
    // The expired items linger 15 s to offer a new code; wait them out too.
    await new Promise((resolve) => setTimeout(resolve, 16_000));
    const after = await heapAfterGc();
    record({
      group: 'memory',
      name: 'extension-host heap growth: 1,000 instances + 100 code cycles',
      value: (after - baseline) / 1024 / 1024,
      unit: 'MB',
      max: 5,
      process: process_,
      note: `adding 1,000 took ${(addMs / 1000).toFixed(1)} s`,
    });
    record({
      group: 'memory',
      name: 'timers left after the cycles (countdown, polls)',
      value: (probe.codeStatusBar.isTicking ? 1 : 0) + probe.linkPoller.activeCount + probe.pendingCodes.timerCount,
      unit: '',
      max: 0,
      process: process_,
    });
  } finally {
    await settings.update('codeValiditySeconds', undefined, vscode.ConfigurationTarget.Global);
    await emulator.close();
  }
}

/** Importing 1,000 instances from a partner account with an apiUrl argument: one getInstances call, then one batched save. */
async function partnerImportRow(
  probe: TestProbe,
  emulator: Awaited<ReturnType<typeof startEmulator>>,
): Promise<BenchRow> {
  const emulated = Array.from({ length: 1000 }, () => emulator.store.add());
  const started = performance.now();
  const ids = await vscode.commands.executeCommand<string[]>('greenApi.importFromPartner', {
    partnerApiUrl: emulator.url,
    partnerToken: PARTNER_TOKEN,
    apiUrl: emulator.url,
  });
  const elapsedMs = performance.now() - started;
  if (!ids || ids.length < emulated.length) throw new Error(`imported ${ids?.length ?? 0} of ${emulated.length}`);
  await probe.removeInstances(ids);
  return {
    group: 'command',
    name: 'importFromPartner: 1,000 instances (apiUrl given) saved',
    value: elapsedMs / 1000,
    unit: 's',
    max: 5,
    process: process_,
    note: 'one index write, a few token secrets',
  };
}
