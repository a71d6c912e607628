import * as assert from 'node:assert/strict';
import { displayName, instanceOrder } from '../../src/core/instanceOrder';

const row = (name: string, idInstance = '1101000001'): { name: string; idInstance: string } => ({ name, idInstance });

describe('instanceOrder: the one order of instance lists', () => {
  it('reads numbers by value and ignores case and accents, then orders by idInstance', () => {
    const compare = instanceOrder('en');
    const names = ['Shop 10', 'shop 2', 'Café', 'cafe', 'Shop 9', 'Annex'].map((name, i) =>
      row(name, String(1101000010 - i)),
    );
    assert.deepEqual(
      names.sort(compare).map((r) => r.name),
      ['Annex', 'cafe', 'Café', 'shop 2', 'Shop 9', 'Shop 10'],
    );
    assert.ok(
      compare(row('Sales', '1101000002'), row('sales', '1101000010')) < 0,
      'same name but for case: idInstance decides, by value',
    );
    assert.equal(compare(row('Sales'), row('Sales')), 0);
  });

  it('orders an unnamed instance by the name it is shown by, its idInstance', () => {
    const compare = instanceOrder('en');
    const rows = [row('1 Office', '1101000009'), row('  ', '1101000002'), row('Zoo', '1101000003')];
    assert.deepEqual(
      rows.sort(compare).map((r) => r.idInstance),
      ['1101000009', '1101000002', '1101000003'],
      '"1 Office" < "1101000002" < "Zoo"',
    );
    assert.equal(displayName(row('  ', '1101000002')), '1101000002');
    assert.equal(displayName(row(' Sales ')), 'Sales');
  });

  it('falls back to the default locale for an empty or malformed tag instead of throwing', () => {
    for (const locale of [undefined, '', 'not a locale!', 'en-']) {
      const compare = instanceOrder(locale);
      assert.ok(compare(row('Shop 9'), row('Shop 10')) < 0, `locale ${JSON.stringify(locale)}`);
    }
  });

  it('follows the language where it orders letters its own way', () => {
    // Swedish puts ä after z; English sorts it with a.
    assert.ok(instanceOrder('sv')(row('Äpple'), row('Zebra')) > 0);
    assert.ok(instanceOrder('en')(row('Äpple'), row('Zebra')) < 0);
  });
});
