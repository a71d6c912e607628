import * as assert from 'node:assert/strict';
import { HeldSecrets, REDACTED, SecretIndex, redactSecrets } from '../../src/base/redact';

const TOKEN = 'd75b3a66374942c5b3c019c698abc2067e151558acbd412a8e';
const OTHER = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5';

describe('SecretIndex: redaction in one pass, looked up in a Set', () => {
  it('redacts a GREEN-API token wherever it stands: alone, in a URL path, quoted, glued to other token characters', () => {
    const index = new SecretIndex([TOKEN, OTHER]);
    assert.equal(
      index.redact(`GET https://api.green-api.com/waInstance1101000001/getStateInstance/${TOKEN} → 200`),
      `GET https://api.green-api.com/waInstance1101000001/getStateInstance/${REDACTED} → 200`,
    );
    assert.equal(index.redact(`"${TOKEN}" and ${OTHER}.`), `"${REDACTED}" and ${REDACTED}.`);
    assert.equal(index.redact(`bad token x${TOKEN}y_${OTHER}-z`), `bad token x${REDACTED}y_${REDACTED}-z`);
    assert.equal(
      index.redact('nothing secret here, waInstance1101000001'),
      'nothing secret here, waInstance1101000001',
    );
  });

  it('redacts stored tokens of any shape: short ones, and ones with characters a token does not usually have', () => {
    const odd = ['p@ss word', 'tok.en/with:colons', 'short', 'ключ-секрет'];
    const index = new SecretIndex(['', ...odd]);
    assert.equal(
      index.redact('a p@ss word, tok.en/with:colons, a shortcut, ключ-секрет!'),
      `a ${REDACTED}, ${REDACTED}, a ${REDACTED}cut, ${REDACTED}!`,
    );
  });

  it('gives what a plain search for each secret gives, on random lines and secrets', () => {
    let seed = 7;
    const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const alphabet = 'abcdefAB0123_-/ .:é';
    const word = (length: number): string => Array.from({ length }, () => alphabet[random(alphabet.length)]).join('');
    for (let round = 0; round < 500; round++) {
      const secrets = Array.from({ length: 1 + random(4) }, () => word(3 + random(12)));
      let line = word(random(20));
      for (let part = 0; part < 3; part++) {
        line += (random(2) ? secrets[random(secrets.length)] : '') + word(random(10));
      }
      const expected = redactSecrets(
        line,
        [...secrets].sort((a, b) => b.length - a.length),
      );
      const actual = new SecretIndex(secrets).redact(line);
      // Overlapping secrets may be cut differently; what matters is that none survives.
      for (const secret of secrets) {
        assert.ok(
          !actual.includes(secret) || expected.includes(secret),
          `${JSON.stringify(secrets)} in ${JSON.stringify(line)}: ${actual}`,
        );
      }
      if (
        !secrets.some((a) => secrets.some((b) => a !== b && (a.includes(b) || b.includes(a[a.length - 1] as string))))
      ) {
        assert.equal(actual, expected);
      }
    }
  });
});

describe('HeldSecrets (secrets in flight: a partner token, a token under its check)', () => {
  const PARTNER = 'PARTNERsecret0123456789abcdef';
  const CHECKED = 'NEWtoken0123456789abcdefABCDEF';

  it('redacts a held secret from every text until its hold is released, and only then', () => {
    const held = new HeldSecrets();
    const line = `no partner account for /partner/getInstances/${PARTNER}; bad token ${CHECKED}`;
    assert.equal(held.redact(line), line);
    const releasePartner = held.hold([PARTNER]);
    const releaseChecked = held.hold([CHECKED, '']);
    assert.equal(held.redact(line), `no partner account for /partner/getInstances/${REDACTED}; bad token ${REDACTED}`);
    releaseChecked();
    assert.equal(held.redact(line), `no partner account for /partner/getInstances/${REDACTED}; bad token ${CHECKED}`);
    releasePartner();
    assert.equal(held.redact(line), line);
  });

  it('counts holds of one secret: it stays redacted until the last one ends, and a second release does nothing', () => {
    const held = new HeldSecrets();
    const first = held.hold([CHECKED]);
    const second = held.hold([CHECKED]);
    first();
    first();
    assert.equal(held.redact(`x${CHECKED}y`), `x${REDACTED}y`);
    second();
    assert.equal(held.redact(`x${CHECKED}y`), `x${CHECKED}y`);
  });
});
