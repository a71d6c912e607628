import * as fs from 'node:fs';
import * as path from 'node:path';

export interface LeakFinding {
  readonly file: string;
  readonly needle: string;
  readonly count: number;
}

export interface LeakReport {
  readonly files: number;
  readonly bytes: number;
  readonly findings: LeakFinding[];
}

/** Reads every file below each root, as bytes (databases and binary logs included), and counts each needle. */
export function scanForSecrets(roots: readonly string[], needles: readonly string[]): LeakReport {
  const findings: LeakFinding[] = [];
  let files = 0;
  let bytes = 0;
  const visit = (entry: string): void => {
    const stat = fs.lstatSync(entry, { throwIfNoEntry: false });
    if (!stat || stat.isSymbolicLink()) return;
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(entry)) visit(path.join(entry, child));
      return;
    }
    if (!stat.isFile()) return;
    const content = fs.readFileSync(entry);
    files += 1;
    bytes += content.length;
    for (const needle of needles) {
      let count = 0;
      for (const encoded of [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')]) {
        for (let at = content.indexOf(encoded); at !== -1; at = content.indexOf(encoded, at + 1)) count += 1;
      }
      if (count > 0) findings.push({ file: entry, needle, count });
    }
  };
  roots.forEach(visit);
  return { files, bytes, findings };
}
