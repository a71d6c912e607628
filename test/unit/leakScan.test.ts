import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scanForSecrets } from '../../test/harness/leakScan';

describe('the leak scanner itself', () => {
  it('finds a planted secret in UTF-8 and UTF-16 files, nested and binary, and counts each', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'leak-scan-'));
    try {
      const secret = 'plantedsecret0123456789';
      fs.mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
      fs.writeFileSync(path.join(root, 'a', 'log.txt'), `x ${secret} y ${secret}`);
      fs.writeFileSync(
        path.join(root, 'a', 'b', 'state.vscdb'),
        Buffer.concat([Buffer.from([0, 1, 2, 255]), Buffer.from(secret, 'utf16le'), Buffer.from([0])]),
      );
      fs.writeFileSync(path.join(root, 'clean.json'), '{"nothing": "here"}');
      const report = scanForSecrets([root], [secret, 'absent-needle']);
      assert.equal(report.files, 3);
      assert.deepEqual(report.findings.map((f) => [path.relative(root, f.file), f.count]).sort(), [
        [path.join('a', 'b', 'state.vscdb'), 1],
        [path.join('a', 'log.txt'), 2],
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
