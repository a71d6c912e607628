import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../test/harness/codeServer';
import { BenchRow, median } from './report';

const FRESH_PROCESSES = 15;
const PARSES = 20_000;

/**
 * The phone library as shipped (dist/phoneLibrary.js): its first load (require + first parse) in
 * fresh Node processes, and one parse of a typical number once loaded. Needs `npm run build`.
 * Each process first requires an empty module: a process's first require costs 2 to 4 ms (the
 * row's note), and the host has loaded hundreds of files before a number is read.
 */
export function measurePhoneNumbers(): BenchRow[] {
  const bundle = path.join(REPO_ROOT, 'dist', 'phoneLibrary.js');
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'phone-bench-'));
  const empty = path.join(folder, 'empty.js');
  fs.writeFileSync(empty, '');
  const child = `
    const warming = performance.now();
    require(${JSON.stringify(empty)});
    const started = performance.now();
    const lib = require(${JSON.stringify(bundle)});
    const loaded = performance.now();
    lib.parsePhoneNumberFromString('+49 (0) 151 2345 6789').isValid();
    const first = performance.now();
    // As src/core/phoneNumber.ts hands them over: separators gone, '+' before the digits.
    const inputs = ['+49015123456789', '+79001234567', '+393921234526', '+5511912345678', '+441234567890'];
    const t0 = performance.now();
    for (let i = 0; i < ${PARSES}; i++) {
      const phone = lib.parsePhoneNumberFromString(inputs[i % inputs.length]);
      if (!phone || !phone.isValid()) throw new Error('not valid');
    }
    const t1 = performance.now();
    process.stdout.write(JSON.stringify({ warm: started - warming, load: loaded - started, firstUse: first - started, parse: (t1 - t0) / ${PARSES} }));
  `;
  let runs: { warm: number; load: number; firstUse: number; parse: number }[];
  try {
    runs = Array.from(
      { length: FRESH_PROCESSES },
      () => JSON.parse(execFileSync(process.execPath, ['-e', child], { encoding: 'utf8' })) as (typeof runs)[number],
    );
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  return [
    {
      group: 'phone',
      name: `library first load: require + first parse (median of ${FRESH_PROCESSES} fresh processes, module loader warmed)`,
      value: median(runs.map((run) => run.firstUse)),
      unit: 'ms',
      max: 10,
      process: 'fresh Node processes',
      note: `require alone ${median(runs.map((run) => run.load)).toFixed(2)} ms; the process's first require, of an empty file, took ${median(runs.map((run) => run.warm)).toFixed(2)} ms before it`,
    },
    {
      group: 'phone',
      name: `one parse + validation of a pasted number (mean of ${PARSES.toLocaleString('en')}, median of ${FRESH_PROCESSES} processes)`,
      value: median(runs.map((run) => run.parse)),
      unit: 'ms',
      max: 0.1,
      process: 'fresh Node processes',
    },
  ];
}
