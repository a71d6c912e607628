import * as os from 'node:os';

/** Printed by the in-VS-Code benchmark before its JSON rows, for the runner to pick up. */
export const HOST_BENCH_MARKER = 'GREEN-API-HOST-BENCH ';

/** Where a row's figure was measured. */
export type BenchProcess =
  | 'bench (Node)'
  | 'fresh Node processes'
  | 'build output'
  | 'headless Chromium'
  | 'extension host (code-server)'
  | 'workbench in Chromium + extension host';

/** One measured figure against its target. */
export interface BenchRow {
  readonly group: string;
  readonly name: string;
  /** NaN when the step that measures it failed (then `error` says why). */
  readonly value: number;
  readonly unit: string;
  /** The figure must be at most this; undefined for figures reported without a target. */
  readonly max: number | undefined;
  readonly process: BenchProcess;
  readonly note?: string;
  /** Set when the step failed or timed out before it measured this row. */
  readonly error?: string;
}

/** A row's verdict: true pass, false miss, 'error' its step failed, undefined an info row. */
export function passes(row: BenchRow): boolean | 'error' | undefined {
  if (row.error !== undefined || Number.isNaN(row.value)) return 'error';
  return row.max === undefined ? undefined : row.value <= row.max;
}

/** The median of `values` (NaN for none): the bench's summary of repeated timings, in their unit. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/**
 * The order in which to run `names` in round `round`: each round starts one further along, so
 * that no variant always runs first (warm caches) or last (a machine growing busier).
 */
export function rotated<T>(names: readonly T[], round: number): T[] {
  const shift = round % names.length;
  return [...names.slice(shift), ...names.slice(0, shift)];
}

/** The machine while the bench ran: load averages (1, 5, 15 min) and logical cores. */
export interface MachineLoad {
  readonly loadavg: readonly [number, number, number];
  readonly cores: number;
  readonly at: string;
}

/** os.loadavg() and the logical core count now, to print beside the figures. */
export function machineLoad(): MachineLoad {
  const [one = NaN, five = NaN, fifteen = NaN] = os.loadavg();
  return { loadavg: [one, five, fifteen], cores: os.cpus().length, at: new Date().toISOString() };
}

const format = (value: number, unit: string): string => {
  if (Number.isNaN(value)) return '—';
  const digits = unit === '×' || unit === '%' ? 3 : Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`.trim();
};

/** The rows as a Markdown table (group, figure with its note or error, where it ran, value, target, verdict). */
export function markdownTable(rows: readonly BenchRow[]): string {
  const lines = ['| group | figure | runs in | value | target | result |', '|---|---|---|---|---|---|'];
  for (const row of rows) {
    const verdict = passes(row);
    const note = row.error !== undefined ? `error: ${row.error}` : row.note;
    const result = verdict === 'error' ? '**error**' : verdict === undefined ? 'info' : verdict ? 'pass' : '**miss**';
    lines.push(
      `| ${row.group} | ${row.name}${note ? ` (${note.replace(/\|/g, '/')})` : ''} | ${row.process} | ${format(row.value, row.unit)} | ${row.max === undefined ? '—' : `≤ ${format(row.max, row.unit)}`} | ${result} |`,
    );
  }
  return lines.join('\n');
}
