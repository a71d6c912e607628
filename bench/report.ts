/** Printed by the in-VS-Code benchmark before its JSON rows, for the runner to pick up. */
export const HOST_BENCH_MARKER = 'GREEN-API-HOST-BENCH ';

/** One measured figure against its target. */
export interface BenchRow {
  readonly group: string;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The figure must be at most this; undefined for figures reported without a target. */
  readonly max: number | undefined;
  readonly note?: string;
}

export function passes(row: BenchRow): boolean | undefined {
  return row.max === undefined ? undefined : row.value <= row.max;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

const format = (value: number, unit: string): string => {
  const digits = unit === '×' ? 3 : Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`.trim();
};

export function markdownTable(rows: readonly BenchRow[]): string {
  const lines = ['| group | figure | value | target | result |', '|---|---|---|---|---|'];
  for (const row of rows) {
    const verdict = passes(row);
    lines.push(
      `| ${row.group} | ${row.name}${row.note ? ` (${row.note})` : ''} | ${format(row.value, row.unit)} | ${row.max === undefined ? '—' : `≤ ${format(row.max, row.unit)}`} | ${verdict === undefined ? 'info' : verdict ? 'pass' : '**miss**'} |`,
    );
  }
  return lines.join('\n');
}
