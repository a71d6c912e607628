import { fork } from 'node:child_process';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { REPO_ROOT } from '../test/harness/codeServer';
import { startEmulatorProcess } from './emulatorProcess';
import { BenchRow, median, rotated } from './report';

const RUNS = 15;

/** How the extension bundles: one minified CommonJS file for Node 18, node-fetch's whatwg-url shimmed. */
async function bundle(entry: string, outfile: string): Promise<string> {
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    minify: true,
    outfile,
    alias: { 'whatwg-url': path.join(REPO_ROOT, 'src', 'platform', 'shims', 'whatwg-url.ts') },
    logLevel: 'silent',
  });
  return outfile;
}

function runChild(which: 'ours' | 'sdk', url: string, id: string, token: string, bundlePath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'firstRequestChild.js'), [which, url, id, token, bundlePath], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.once('message', (ms) => resolve(ms as number));
    child.once('exit', (code) => code !== 0 && reject(new Error(`${which} child exited with ${code}`)));
  });
}

/**
 * Module load plus the first getStateInstance, each in a fresh Node process, for our client and
 * the official SDK, both bundled by esbuild the same way (so neither pays for resolving
 * node_modules); the order alternates run by run; medians. Rejects if a child fails.
 */
export async function measureFirstRequest(): Promise<BenchRow[]> {
  const folder = path.join(REPO_ROOT, 'out', 'bench');
  const bundles = {
    ours: await bundle(path.join(REPO_ROOT, 'src', 'api', 'client.ts'), path.join(folder, 'client.bundle.js')),
    sdk: await bundle(require.resolve('@green-api/whatsapp-api-client-js-v2'), path.join(folder, 'sdk.bundle.js')),
  };
  const emulator = await startEmulatorProcess();
  try {
    const { idInstance, apiTokenInstance } = await emulator.add({});
    const times: Record<'ours' | 'sdk', number[]> = { ours: [], sdk: [] };
    for (let i = 0; i < RUNS; i++) {
      for (const which of rotated(['ours', 'sdk'] as const, i)) {
        times[which].push(await runChild(which, emulator.url, idInstance, apiTokenInstance, bundles[which]));
      }
    }
    const process = 'fresh Node processes' as const;
    return [
      {
        group: 'first request',
        name: 'ours (bundled): load + first call',
        value: median(times.ours),
        unit: 'ms',
        max: undefined,
        process,
        note: `median of ${RUNS} fresh processes, order alternating`,
      },
      {
        group: 'first request',
        name: 'official SDK (bundled the same way): load + first call',
        value: median(times.sdk),
        unit: 'ms',
        max: undefined,
        process,
      },
      {
        group: 'first request',
        name: 'ours / SDK, both bundled',
        value: median(times.ours) / median(times.sdk),
        unit: '×',
        max: 1.0,
        process,
      },
    ];
  } finally {
    await emulator.stop();
  }
}
