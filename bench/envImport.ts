import { parseEnvFile } from '../src/core/envImport';
import { BenchRow, median } from './report';

const RUNS = 9;

/**
 * The .env importer's parser (parseEnvFile, dotenv's parse) on the worst shape the size cap
 * lets in: a 1 MB file that is one line, with no `=` for the line pattern to stop at
 * early; median of 9 parses in this process. Rejects if the parse finds a key in it.
 */
export function measureEnvImport(): BenchRow[] {
  const text = `GREEN_API_ID_INSTANCE${'x'.repeat(1024 * 1024 - 21)}`;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const parsed = parseEnvFile(text);
    times.push(performance.now() - started);
    if (parsed.size !== 0) throw new Error('a line with no "=" yielded a key');
  }
  const quoted = `GREEN_API_TOKEN_INSTANCE="${'y'.repeat(1024 * 1024 - 28)}`;
  const open: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    parseEnvFile(quoted);
    open.push(performance.now() - started);
  }
  // The shape dotenv's default pattern was quadratic on (78 KB took 9 s); the command parses with parseEnvFile (via readEnvFile).
  const blank = '\n'.repeat(1024 * 1024);
  const blanks: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const parsed = parseEnvFile(blank);
    blanks.push(performance.now() - started);
    if (parsed.size !== 0) throw new Error('blank lines yielded a key');
  }
  return [
    {
      group: '.env import',
      name: 'parseEnvFile: 1 MB of blank lines',
      value: median(blanks),
      unit: 'ms',
      max: 100,
      process: 'bench (Node)',
      note: `median of ${RUNS}`,
    },
    {
      group: '.env import',
      name: 'parseEnvFile: 1 MB single line with no "="',
      value: median(times),
      unit: 'ms',
      max: 100,
      process: 'bench (Node)',
      note: `median of ${RUNS}`,
    },
    {
      group: '.env import',
      name: 'parseEnvFile: 1 MB single line, an unclosed quote',
      value: median(open),
      unit: 'ms',
      max: 100,
      process: 'bench (Node)',
      note: `median of ${RUNS}`,
    },
  ];
}
