import * as fs from 'node:fs';
import * as path from 'node:path';
import { Page } from 'playwright-core';
import { REPO_ROOT } from '../test/harness/codeServer';
import { runHostSuite } from '../test/harness/hostSuite';
import { BenchRow, HOST_BENCH_MARKER, median } from './report';

/** What bench/host prints, after HOST_BENCH_MARKER, one JSON object a line. */
export type HostBenchLine =
  | { readonly kind: 'rows'; readonly rows: BenchRow[] }
  /** One getAuthorizationCode command: when it was invoked (epoch ms), the code, and the emulator's time answering its requests (ms). */
  | {
      readonly kind: 'code';
      readonly code: string;
      readonly invokedAt: number;
      readonly answerMs: number;
      readonly returnedAt: number;
    };

/** When the workbench first showed each code (epoch ms), keyed by the code without its dash. */
type Paints = Record<string, { readonly changedAt: number; readonly paintedAt: number }>;

/**
 * Runs in the workbench's top frame from its first script: watches the status bar for a new
 * pairing code (XXXX-XXXX), and records when the DOM changed and when the next frame was painted
 * (a message posted from an animation-frame callback arrives once that frame is out). Date.now on
 * both sides: one machine's clock, and a millisecond is fine against a 50 ms target.
 */
const PAINT_WATCH = `(() => {
  if (window.top !== window) return;
  const paints = (window.greenApiCodePaints = {});
  const look = () => {
    const bar = document.querySelector('.part.statusbar');
    const match = bar && /([A-Z0-9]{4})-([A-Z0-9]{4})/.exec(bar.textContent || '');
    if (!match) return;
    const code = match[1] + match[2];
    if (paints[code]) return;
    const changedAt = Date.now();
    paints[code] = { changedAt, paintedAt: NaN };
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { paints[code] = { changedAt, paintedAt: Date.now() }; };
      channel.port2.postMessage(0);
    });
  };
  const start = () => new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
})()`;

/**
 * The rows measured in code-server: bench/host runs inside the real extension host, and the
 * workbench's page watches the status bar meanwhile. "Code on screen" pairs each command the
 * host invoked with the frame that first painted its code: painted − invoked − the emulator's
 * answer time. Rejects when the suite fails or no code was seen painted.
 */
export async function measureHost(): Promise<BenchRow[]> {
  let paints: Paints = {};
  const run = await runHostSuite(
    path.join(__dirname, 'host'),
    path.join(REPO_ROOT, 'test-output', 'bench-host.log'),
    HOST_BENCH_MARKER,
    10 * 60_000,
    {
      beforeLoad: async (page: Page) => {
        await page.addInitScript(PAINT_WATCH);
      },
      afterSuite: async (page: Page) => {
        paints = (await page.evaluate('window.greenApiCodePaints || {}')) as Paints;
      },
    },
  );
  fs.rmSync(run.scratchDir, { recursive: true, force: true });
  fs.rmSync(run.workspace, { recursive: true, force: true });
  const lines = run.marked.map((line) => JSON.parse(line) as HostBenchLine);
  const rows = lines.flatMap((line) => (line.kind === 'rows' ? line.rows : []));
  if (rows.length === 0) throw new Error('the in-VS-Code benchmark measured nothing; see test-output/bench-host.log');
  // The suite may have failed after some rows: keep them, and say that the rest is missing.
  const failure: BenchRow[] =
    run.exitCode === 0
      ? []
      : [
          {
            group: 'host',
            name: 'the rows the in-VS-Code bench did not reach',
            value: NaN,
            unit: '',
            max: undefined,
            process: 'extension host (code-server)',
            error: 'the suite failed; see test-output/bench-host.log',
          },
        ];
  const codes = lines.flatMap((line) => (line.kind === 'code' ? [line] : []));
  const onScreen = codes.flatMap((line) => {
    const paint = paints[line.code];
    return paint && Number.isFinite(paint.paintedAt)
      ? [{ ms: paint.paintedAt - line.invokedAt - line.answerMs, line, paint }]
      : [];
  });
  if (onScreen.length === 0) {
    return [
      {
        group: 'command',
        name: 'code on screen',
        value: NaN,
        unit: 'ms',
        max: 50,
        process: 'workbench in Chromium + extension host',
        error: `none of ${codes.length} codes was seen painted in the status bar`,
      },
      ...rows,
      ...failure,
    ];
  }
  const answer = median(onScreen.map((entry) => entry.line.answerMs));
  const returned = median(onScreen.map((entry) => entry.line.returnedAt - entry.line.invokedAt));
  const changed = median(onScreen.map((entry) => entry.paint.changedAt - entry.line.invokedAt));
  return [
    {
      group: 'command',
      name: "code on screen: getAuthorizationCode invoked → code painted in the status bar, minus the emulator's answer time",
      value: median(onScreen.map((entry) => entry.ms)),
      unit: 'ms',
      max: 50,
      process: 'workbench in Chromium + extension host',
      note: `median of ${onScreen.length} of ${codes.length} commands seen painted; the command returned after ${returned.toFixed(1)} ms, the status bar changed after ${changed.toFixed(1)} ms, the emulator answered in ${answer.toFixed(1)} ms`,
    },
    ...rows,
    ...failure,
  ];
}
