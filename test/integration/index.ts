import * as path from 'node:path';
import * as fs from 'node:fs';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { RESULT_MARKER } from '../harness/suiteResult';

/** Entry point VS Code calls in the extension host (extensionTestsPath). */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const only = process.env.GREEN_API_TEST_GREP;
  if (only) mocha.grep(only);
  for (const file of fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
      console.log(
        `${RESULT_MARKER}${JSON.stringify({ passes: stats.passes, failures: stats.failures, pending: stats.pending, vscodeVersion: vscode.version })}`,
      );
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
      else resolve();
    });
  });
}
