import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../test/harness/codeServer';
import { measureBundles } from './bundles';
import { measureEnvImport } from './envImport';
import { measureFirstRequest } from './firstRequest';
import { measureHost } from './hostBench';
import { measurePhoneNumbers } from './phoneNumber';
import { BenchProcess, BenchRow, MachineLoad, machineLoad, markdownTable, passes } from './report';
import { measureRefreshAll } from './refreshAll';
import { measureRequestOverhead } from './requestOverhead';
import { measureRedaction } from './redaction';
import { measureSidebar } from './sidebar';
import { measureWatch } from './watch';

/** One step of the run: what it measures, where, for how long at most, and the rows it owes. */
interface Step {
  readonly name: string;
  readonly process: BenchProcess;
  readonly timeoutMs: number;
  /** group: figure of each row the step owes; printed as errors when the step fails. */
  readonly owes: readonly (readonly [string, string])[];
  readonly run: () => Promise<BenchRow[]> | BenchRow[];
}

const MINUTE = 60_000;

const STEPS: readonly Step[] = [
  {
    name: 'bundles',
    process: 'build output',
    timeoutMs: 3 * MINUTE,
    owes: [
      ['bundles', 'modules in more than one extension-host bundle'],
      ['size', 'our shipped JavaScript in total'],
      ['size', 'dist/phoneLibrary.js'],
      ['bundles', 'bundles besides dist/phoneLibrary.js holding libphonenumber-js'],
      ['size', 'webview: instances.js + instances.css'],
      ['size', '.vsix without its translations'],
      ['size', 'the largest of the'],
    ],
    run: measureBundles,
  },
  {
    name: 'requests',
    process: 'bench (Node)',
    timeoutMs: 5 * MINUTE,
    owes: [
      ['requests', 'ours / node-fetch alone'],
      ['requests', 'ours / official SDK'],
      ['requests', 'ours / bare'],
    ],
    run: measureRequestOverhead,
  },
  {
    name: 'first',
    process: 'fresh Node processes',
    timeoutMs: 3 * MINUTE,
    owes: [['first request', 'ours / SDK, both bundled']],
    run: measureFirstRequest,
  },
  {
    name: 'phone',
    process: 'fresh Node processes',
    timeoutMs: 2 * MINUTE,
    owes: [
      ['phone', 'library first load'],
      ['phone', 'one parse + validation'],
    ],
    run: measurePhoneNumbers,
  },
  {
    name: 'env',
    process: 'bench (Node)',
    timeoutMs: MINUTE,
    owes: [
      ['.env import', 'parseEnvFile: 1 MB of blank lines'],
      ['.env import', 'parseEnvFile: 1 MB single line'],
    ],
    run: measureEnvImport,
  },
  {
    name: 'redact',
    process: 'bench (Node)',
    timeoutMs: MINUTE,
    owes: [
      ['log', 'redacting one log line, 10,000 stored tokens'],
      ['log', 'redacting one log line: 10,000 stored tokens / 10'],
    ],
    run: measureRedaction,
  },
  {
    name: 'refresh',
    process: 'bench (Node)',
    timeoutMs: 3 * MINUTE,
    owes: [
      ['refresh all', 'time / ideal, concurrency 4'],
      ['refresh all', 'time / ideal, concurrency 8'],
      ['refresh all', '10 % answered 429: failures'],
      ['refresh all', 'retries against 429s answered'],
    ],
    run: measureRefreshAll,
  },
  {
    name: 'watch',
    process: 'bench (Node)',
    timeoutMs: 3 * MINUTE,
    owes: [
      ['watch', '1,000 instances: CPU of one round / interval'],
      ['watch', 'most requests of one method to one instance in any 1 s'],
    ],
    run: measureWatch,
  },
  {
    name: 'sidebar',
    process: 'headless Chromium',
    timeoutMs: 5 * MINUTE,
    owes: [
      ['sidebar', 'host: InstanceRegistry.list() of 10,000 instances right after a change'],
      ['sidebar', '1,000 instances: first painted frame'],
      ['sidebar', '10,000 instances: first painted frame'],
      ['sidebar', 'one-row update'],
      ['sidebar', 'scrolling 1,000 rows'],
      ['sidebar', 'webview JS heap'],
      ['sidebar', '10,000 instances: choosing a state filter'],
    ],
    run: measureSidebar,
  },
  {
    name: 'host',
    process: 'workbench in Chromium + extension host',
    timeoutMs: 12 * MINUTE,
    owes: [
      ['activation', 'active before asked'],
      ['activation', 'cold start: load dist/extension.js + activate()'],
      ['command', 'code on screen'],
      ['memory', 'heap growth'],
      ['memory', 'timers left'],
    ],
    run: measureHost,
  },
];

/** Runs a step under its time limit; a failure or a timeout becomes an error row for each row it owes. */
async function runStep(step: Step): Promise<BenchRow[]> {
  let timer: NodeJS.Timeout | undefined;
  const started = performance.now();
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${step.timeoutMs / MINUTE} min`)), step.timeoutMs);
    });
    return await Promise.race([Promise.resolve().then(step.run), timeout]);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'failed';
    process.stderr.write(
      `bench: ${step.name} failed after ${((performance.now() - started) / 1000).toFixed(0)} s: ${message}\n`,
    );
    return step.owes.map(([group, name]) => ({
      group,
      name,
      value: NaN,
      unit: '',
      max: undefined,
      process: step.process,
      error: message,
    }));
  } finally {
    clearTimeout(timer);
  }
}

function loadLine(label: string, load: MachineLoad): string {
  return `${label}: load average ${load.loadavg.map((value) => value.toFixed(2)).join(' / ')} (1 / 5 / 15 min) on ${load.cores} cores, ${load.at}`;
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const rows: BenchRow[] = [];
  const loads: { step: string; before: MachineLoad; after: MachineLoad }[] = [];
  const start = machineLoad();
  for (const step of STEPS) {
    if (only && only !== step.name) continue;
    process.stderr.write(`bench: ${step.name}…\n`);
    const before = machineLoad();
    rows.push(...(await runStep(step)));
    loads.push({ step: step.name, before, after: machineLoad() });
  }
  const end = machineLoad();
  console.log(`\n${markdownTable(rows)}\n`);
  console.log(loadLine('Start', start));
  console.log(loadLine('End', end));
  const missed = rows.filter((row) => passes(row) === false);
  const failed = rows.filter((row) => passes(row) === 'error');
  console.log(
    missed.length + failed.length === 0
      ? 'Every target met.'
      : `${missed.length} target(s) missed, ${failed.length} row(s) not measured (error).`,
  );
  fs.writeFileSync(
    path.join(REPO_ROOT, 'bench', 'results.json'),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, machine: { start, end, steps: loads }, rows: rows.map((row) => ({ ...row, value: Number.isNaN(row.value) ? null : row.value, pass: passes(row) })) }, null, 2)}\n`,
  );
  // A step that timed out may still hold a browser or a child process: end with the verdict, not with them.
  process.exit(missed.length + failed.length === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
