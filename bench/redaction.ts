import { randomBytes } from 'node:crypto';
import { SecretIndex } from '../src/base/redact';
import { BenchRow, median } from './report';

const RUNS = 9;
const LINES_PER_RUN = 2000;

function tokens(count: number): string[] {
  return Array.from({ length: count }, () => randomBytes(25).toString('hex'));
}

/** µs per line to redact a mixed set of log lines with `index`, median of 9 runs of 2,000 lines. */
function perLine(index: SecretIndex, lines: readonly string[]): number {
  const times: number[] = [];
  let sink = 0;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    for (let i = 0; i < LINES_PER_RUN; i++) sink += index.redact(lines[i % lines.length] as string).length;
    times.push(((performance.now() - started) * 1000) / LINES_PER_RUN);
  }
  if (sink === 0) throw new Error('nothing redacted');
  return median(times);
}

/**
 * The log's redaction (SecretIndex, as Log uses it) of one line: request lines, an error that
 * echoes a stored token, a line with no secret; with 10 and with 10,000 stored tokens of
 * GREEN-API's shape (50 hex characters). Rejects if a stored token survives.
 */
export function measureRedaction(): BenchRow[] {
  const many = tokens(10_000);
  const few = many.slice(0, 10);
  const echoed = few[3] as string;
  const lines = [
    'GET https://api.green-api.com/waInstance1101000001/getStateInstance/<token> → 200 ok in 87 ms',
    `[error] Could not check the instance: GREEN-API refused the request for 1101000002: bad token ${echoed}. Save it anyway?`,
    'Refreshed 1,000 instances: 998 authorized, 2 notAuthorized, in 12.4 s (concurrency 4).',
    `POST https://7103.api.greenapi.com/waInstance7103000001/getAuthorizationCode/<token> → 429 retry in 1000 ms, body ${randomBytes(40).toString('hex')}`,
  ];
  const manyIndex = new SecretIndex(many);
  const fewIndex = new SecretIndex(few);
  for (const index of [manyIndex, fewIndex]) {
    if (index.redact(lines[1] as string).includes(echoed)) throw new Error('a stored token survived redaction');
  }
  const perFew = perLine(fewIndex, lines);
  const perMany = perLine(manyIndex, lines);
  return [
    {
      group: 'log',
      name: 'redacting one log line, 10,000 stored tokens',
      value: perMany,
      unit: 'µs',
      max: 20,
      process: 'bench (Node)',
      note: `median of ${RUNS} runs of ${LINES_PER_RUN} lines (10 stored: ${perFew.toFixed(2)} µs)`,
    },
    {
      group: 'log',
      name: 'redacting one log line: 10,000 stored tokens / 10',
      value: perMany / perFew,
      unit: '×',
      max: 1.5,
      process: 'bench (Node)',
      note: 'the same lines, the same index type',
    },
  ];
}
