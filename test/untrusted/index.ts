import * as path from 'node:path';
import Mocha from 'mocha';
import { RESULT_MARKER } from '../harness/suiteResult';

/** Entry point VS Code calls in the extension host (extensionTestsPath) for the Restricted Mode suite. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'restricted.test.js'));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
      console.log(
        `${RESULT_MARKER}${JSON.stringify({ passes: stats.passes, failures: stats.failures, pending: stats.pending })}`,
      );
      if (failures > 0) reject(new Error(`${failures} Restricted Mode test(s) failed.`));
      else resolve();
    });
  });
}
