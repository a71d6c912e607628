import * as assert from 'node:assert/strict';
import { displayName, instanceOrder, orderRows, parseSortOrder, rowOrder } from '../../src/core/instanceOrder';

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

describe('rowOrder and orderRows: the Instances view by name, or needing attention first', () => {
  const facts = (name: string, idInstance: string, state: string | undefined, dropped = false) => ({
    name,
    idInstance,
    status: state === undefined ? { kind: 'unchecked' } : { kind: 'state', state },
    dropped,
    checkedAt: undefined,
    history: [],
  });
  const rows = [
    facts('Alpha', '1101000001', 'authorized'),
    facts('Bravo', '1101000002', 'blocked'),
    facts('Charlie', '1101000003', 'notAuthorized'),
    facts('Delta', '1101000004', 'authorized', true),
    facts('Echo', '1101000005', undefined),
    facts('Foxtrot', '1101000006', 'sleepMode'),
  ];

  it('puts attention first, then not linked, then linked, each by name; the split of a name-ordered list equals the sort', () => {
    const sorted = [...rows].reverse().sort(rowOrder('en', 'attentionFirst'));
    assert.deepEqual(
      sorted.map((r) => r.name),
      ['Bravo', 'Delta', 'Foxtrot', 'Charlie', 'Echo', 'Alpha'],
    );
    assert.deepEqual(orderRows(rows, 'attentionFirst'), sorted);
  });

  it('by name is instanceOrder, and an unknown stored order reads as by name', () => {
    assert.deepEqual(orderRows(rows, 'name'), rows);
    assert.equal(rowOrder('en', 'name')(rows[1] as never, rows[0] as never) > 0, true);
    assert.equal(parseSortOrder('attentionFirst'), 'attentionFirst');
    assert.equal(parseSortOrder('__proto__'), 'name');
    assert.equal(parseSortOrder(undefined), 'name');
  });
});
