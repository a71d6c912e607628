import * as assert from 'node:assert/strict';
import { MAX_PARTNER_NAME, describeRefused, sortPartnerEntries } from '../../src/core/partnerEntries';

const TOKEN = 'a'.repeat(50);

describe('partner entries: one bad entry never strands the others', () => {
  it('keeps the good entries and names each refused one with its reason', () => {
    const { storable, refused } = sortPartnerEntries([
      { idInstance: '1101000001', name: 'Good', apiTokenInstance: TOKEN },
      { idInstance: '12ab', name: 'Bad id', apiTokenInstance: TOKEN },
      { idInstance: '../../etc', name: 'Path', apiTokenInstance: TOKEN },
      { idInstance: '1101000002', name: 'No token', apiTokenInstance: '' },
      { idInstance: '1101000003', name: 'Spaces in token', apiTokenInstance: 'abc def ghi jkl mno pqr' },
      { idInstance: '1101000004', name: 'x'.repeat(500), apiTokenInstance: ` ${TOKEN} ` },
    ]);
    assert.deepEqual(storable.map((entry) => entry.idInstance), ['1101000001', '1101000004']);
    assert.equal(storable[1]?.name.length, MAX_PARTNER_NAME);
    assert.equal(storable[1]?.apiTokenInstance, TOKEN, 'the token is trimmed');
    assert.deepEqual(refused.map((entry) => entry.idInstance), ['12ab', '../../etc', '1101000002', '1101000003']);
    assert.match(refused[0]?.reason ?? '', /6 to 15 digits/);
    assert.match(refused[2]?.reason ?? '', /apiTokenInstance/);
  });

  it('says how many were not imported and why, naming at most five', () => {
    const refused = Array.from({ length: 7 }, (_, i) => ({ idInstance: `bad${i}`, reason: 'the idInstance is not 6 to 15 digits' }));
    const text = describeRefused(refused);
    assert.match(text, /^7 not imported: bad0 \(the idInstance is not 6 to 15 digits\)/);
    assert.match(text, /and 2 more$/);
    assert.ok(!text.includes('bad5'));
  });
});
