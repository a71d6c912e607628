import * as assert from 'node:assert/strict';
import {
  MAX_PARTNER_NAME,
  describeOtherMessengers,
  describeRefused,
  describeUnanswered,
  describeSkipped,
  otherMessengerOf,
  sortPartnerEntries,
  sortPartnerList,
} from '../../src/core/partnerEntries';

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
    assert.deepEqual(
      storable.map((entry) => entry.idInstance),
      ['1101000001', '1101000004'],
    );
    assert.equal(storable[1]?.name.length, MAX_PARTNER_NAME);
    assert.equal(storable[1]?.apiTokenInstance, TOKEN, 'the token is trimmed');
    assert.deepEqual(
      refused.map((entry) => entry.idInstance),
      ['12ab', '../../etc', '1101000002', '1101000003'],
    );
    assert.match(refused[0]?.reason ?? '', /6 to 15 digits/);
    assert.match(refused[2]?.reason ?? '', /apiTokenInstance/);
  });

  it('says how many were not imported and why, naming at most five', () => {
    const refused = Array.from({ length: 7 }, (_, i) => ({
      idInstance: `bad${i}`,
      reason: 'the idInstance is not 6 to 15 digits',
    }));
    const text = describeRefused(refused);
    assert.match(text, /^7 not imported: bad0 \(the idInstance is not 6 to 15 digits\)/);
    assert.match(text, /and 2 more$/);
    assert.ok(!text.includes('bad5'));
  });
});

describe('partner entries: other messengers are named, not skipped silently', () => {
  const entry = (
    idInstance: string,
    typeInstance: string,
    name = '',
    extra: { messenger?: string; deleted?: boolean } = {},
  ) => ({ idInstance, name, typeInstance, deleted: false, ...extra });

  it('knows WhatsApp (also an entry with no messenger word) from MAX (v3), Telegram, Instagram and a word it does not know', () => {
    assert.equal(otherMessengerOf(entry('1', 'whatsapp')), undefined);
    assert.equal(otherMessengerOf(entry('1', 'WhatsApp')), undefined);
    assert.equal(otherMessengerOf(entry('1', '')), undefined, 'older lists have no typeInstance');
    assert.equal(otherMessengerOf(entry('1', 'v3')), 'MAX');
    assert.equal(otherMessengerOf(entry('1', 'telegram')), 'Telegram');
    assert.equal(otherMessengerOf(entry('1', 'instagram')), 'Instagram');
    assert.equal(otherMessengerOf(entry('1', 'viber')), 'viber', "an unknown messenger keeps the list's word");
    assert.equal(otherMessengerOf(entry('1', 'x'.repeat(200)))?.length, 20, 'the word is cut');
    // GREEN-API's newer pages add `messenger`: either field naming another messenger is enough.
    assert.equal(otherMessengerOf(entry('1', '', '', { messenger: 'v3' })), 'MAX');
    assert.equal(otherMessengerOf(entry('1', 'whatsapp', '', { messenger: 'telegram' })), 'Telegram');
    assert.equal(otherMessengerOf(entry('1', 'whatsapp', '', { messenger: 'whatsapp' })), undefined);
  });

  it('offers the active WhatsApp entries, counts the deleted ones and groups the others by messenger, in list order', () => {
    const { importable, deleted, otherMessengers } = sortPartnerList([
      entry('1101000001', 'whatsapp', 'Sales'),
      entry('3100000001', 'v3', 'Shop'),
      entry('4100000001', 'telegram', 'Bot'),
      entry('1101000002', 'whatsapp', 'Gone', { deleted: true }),
      entry('3100000002', 'v3', ''),
      entry('3100000003', 'v3', 'Old MAX', { deleted: true }),
      entry('1101000003', '', 'No word'),
    ]);
    assert.deepEqual(
      importable.map((item) => item.idInstance),
      ['1101000001', '1101000003'],
    );
    assert.equal(deleted, 2);
    assert.deepEqual(otherMessengers, [
      {
        messenger: 'MAX',
        entries: [
          { idInstance: '3100000001', name: 'Shop' },
          { idInstance: '3100000002', name: '' },
        ],
      },
      { messenger: 'Telegram', entries: [{ idInstance: '4100000001', name: 'Bot' }] },
    ]);
  });

  it('says which were skipped and why: each messenger counted, its instances named (the idInstance of one without a name)', () => {
    const groups = [
      {
        messenger: 'MAX',
        entries: [
          { idInstance: '3100000001', name: 'Shop' },
          { idInstance: '3100000002', name: '' },
        ],
      },
      { messenger: 'Telegram', entries: [{ idInstance: '4100000001', name: 'Bot' }] },
    ];
    assert.equal(
      describeOtherMessengers(groups),
      '2 MAX instances (Shop, 3100000002) and 1 Telegram instance (Bot) skipped: this extension links WhatsApp.',
    );
    assert.equal(
      describeOtherMessengers(groups, 0),
      '2 MAX instances and 1 Telegram instance skipped: this extension links WhatsApp.',
    );
    assert.equal(
      describeOtherMessengers(groups.slice(0, 1), 1),
      '2 MAX instances (Shop, and 1 more) skipped: this extension links WhatsApp.',
    );
    assert.equal(describeOtherMessengers([]), '');
    assert.equal(
      describeSkipped({ deleted: 3, otherMessengers: groups.slice(1) }),
      '1 Telegram instance (Bot) skipped: this extension links WhatsApp. Deleted instances not shown: 3.',
    );
    assert.equal(describeSkipped({ deleted: 0, otherMessengers: [] }), '');
  });

  it('quotes a name from the list as data: long names cut, link syntax broken', () => {
    const text = describeOtherMessengers([
      { messenger: 'MAX', entries: [{ idInstance: '3100000001', name: `[click](command:x) ${'y'.repeat(100)}` }] },
    ]);
    assert.ok(!text.includes(']('), text);
    assert.ok(!text.includes('y'.repeat(41)), text);
  });
});

describe('partner entries: host checks that failed alike are told once', () => {
  it('groups by host and reason, with a count and a few idInstances', () => {
    const host = 'https://1101.api.greenapi.com';
    const failed = Array.from({ length: 22 }, (_, index) => ({
      idInstance: String(1101000001 + index),
      apiUrl: host,
      reason: 'unreachable (ENOTFOUND)',
    }));
    failed.push({ idInstance: '7105000001', apiUrl: 'https://7105.api.greenapi.com', reason: 'timed out' });
    assert.equal(
      describeUnanswered(failed),
      `${host}: unreachable (ENOTFOUND), 22 instances (1101000001, 1101000002, 1101000003 and 19 more); https://7105.api.greenapi.com: timed out (7105000001)`,
    );
    const kinds = Array.from({ length: 7 }, (_, index) => ({
      idInstance: `110100000${index}`,
      apiUrl: host,
      reason: `r${index}`,
    }));
    assert.match(describeUnanswered(kinds), /: r4 \(1101000004\); and 2 more$/);
  });
});
