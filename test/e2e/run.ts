import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** The end-to-end suite: the real workbench in Chromium, one file per scenario. */
const mocha = new Mocha({ timeout: 120_000, reporter: 'spec', color: false });
if (process.env.GREEN_API_TEST_GREP) mocha.grep(process.env.GREEN_API_TEST_GREP);
for (const file of fs
  .readdirSync(__dirname)
  .filter((name) => name.endsWith('.e2e.js'))
  .sort()) {
  mocha.addFile(path.join(__dirname, file));
}
const runner = mocha.run((failures) => {
  if (process.env.GREEN_API_TEST_RESULTS) {
    const { passes, pending } = runner.stats ?? { passes: 0, pending: 0 };
    fs.writeFileSync(process.env.GREEN_API_TEST_RESULTS, JSON.stringify({ passes, failures, pending }));
  }
  process.exit(failures === 0 ? 0 : 1);
});
