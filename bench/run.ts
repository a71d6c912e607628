import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { REPO_ROOT } from '../test/harness/codeServer';
import { runHostSuite } from '../test/harness/hostSuite';
import { measureFirstRequest } from './firstRequest';
import { measurePhoneNumbers } from './phoneNumber';
import { BenchRow, HOST_BENCH_MARKER, markdownTable, passes } from './report';
import { measureRefreshAll } from './refreshAll';
import { measureRequestOverhead } from './requestOverhead';
import { measureSidebar } from './sidebar';

const KB = 1024;

function sizeRows(): BenchRow[] {
  const size = (file: string): number => fs.statSync(path.join(REPO_ROOT, file)).size;
  const vsix = path.join(REPO_ROOT, 'green-api-link.vsix');
  execFileSync('npx', ['vsce', 'package', '--no-dependencies', '--out', vsix], { cwd: REPO_ROOT, stdio: 'ignore' });
  return [
    { group: 'size', name: 'dist/extension.js (minified, the one extension-host bundle)', value: size('dist/extension.js') / KB, unit: 'KB', max: 100 },
    { group: 'size', name: 'webview bundle: sidebar.js + sidebar.css', value: (size('dist/webview/sidebar.js') + size('dist/webview/sidebar.css')) / KB, unit: 'KB', max: 40, note: 'codicons font excluded' },
    { group: 'size', name: '.vsix', value: fs.statSync(vsix).size / KB, unit: 'KB', max: 300 },
  ];
}

/** The client as the extension ships it: bundled and minified, node-fetch included. */
async function bundleClient(): Promise<string> {
  const outfile = path.join(REPO_ROOT, 'out', 'bench', 'client.bundle.js');
  await esbuild.build({
    entryPoints: [path.join(REPO_ROOT, 'src', 'api', 'client.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    minify: true,
    outfile,
    alias: { 'whatwg-url': path.join(REPO_ROOT, 'src', 'shims', 'whatwg-url.ts') },
    logLevel: 'silent',
  });
  return outfile;
}

async function hostRows(): Promise<BenchRow[]> {
  const run = await runHostSuite(path.join(__dirname, 'host'), path.join(REPO_ROOT, 'test-output', 'bench-host.log'), HOST_BENCH_MARKER, 10 * 60_000);
  fs.rmSync(run.scratchDir, { recursive: true, force: true });
  fs.rmSync(run.workspace, { recursive: true, force: true });
  if (run.exitCode !== 0 || !run.marked[0]) throw new Error('the in-VS-Code benchmark failed; see test-output/bench-host.log');
  return JSON.parse(run.marked[0]) as BenchRow[];
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const steps: [string, () => Promise<BenchRow[]>][] = [
    ['size', async () => sizeRows()],
    ['requests', () => measureRequestOverhead()],
    ['first', async () => measureFirstRequest(await bundleClient())],
    ['phone', async () => measurePhoneNumbers()],
    ['refresh', () => measureRefreshAll()],
    ['sidebar', () => measureSidebar()],
    ['host', () => hostRows()],
  ];
  const rows: BenchRow[] = [];
  for (const [name, step] of steps) {
    if (only && only !== name) continue;
    process.stderr.write(`bench: ${name}…\n`);
    rows.push(...(await step()));
  }
  console.log(`\n${markdownTable(rows)}\n`);
  const missed = rows.filter((row) => passes(row) === false);
  console.log(missed.length === 0 ? 'Every target met.' : `${missed.length} target(s) missed.`);
  fs.writeFileSync(
    path.join(REPO_ROOT, 'bench', 'results.json'),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows: rows.map((row) => ({ ...row, pass: passes(row) })) }, null, 2)}\n`,
  );
  process.exitCode = missed.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
