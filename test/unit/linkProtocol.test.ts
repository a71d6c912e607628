import * as assert from 'node:assert/strict';
import { LINK_ACTIONS, MAX_PHONE_FIELD_CHARS, parseLinkWebviewMessage } from '../../src/views/link/protocol';
import { parseLinkArgs } from '../../src/core/commandArgs';

describe('Link panel message validation', () => {
  it('accepts each message of the protocol', () => {
    assert.deepEqual(parseLinkWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseLinkWebviewMessage({ type: 'checkPhone', text: '+44 12' }), {
      type: 'checkPhone',
      text: '+44 12',
    });
    assert.deepEqual(parseLinkWebviewMessage({ type: 'getCode', text: '441234567890' }), {
      type: 'getCode',
      text: '441234567890',
    });
    for (const action of LINK_ACTIONS) {
      assert.deepEqual(parseLinkWebviewMessage({ type: 'linkAction', action }), { type: 'linkAction', action });
    }
  });

  it('refuses unknown actions, extra keys, wrong types and oversized text', () => {
    const refused: unknown[] = [
      { type: 'linkAction', action: 'remove' },
      { type: 'linkAction', action: 'copy', idInstance: '1101000001' },
      { type: 'getCode', text: 441234567890 },
      { type: 'getCode', text: '4'.repeat(MAX_PHONE_FIELD_CHARS + 1) },
      { type: 'checkPhone' },
      { type: 'ready', extra: 1 },
      { type: 'rowAction', action: 'remove', idInstance: '1101000001' },
      null,
      'ready',
      [],
      Object.create({ type: 'ready' }),
    ];
    refused.forEach((value, index) =>
      assert.equal(parseLinkWebviewMessage(value), undefined, `accepted case ${index}`),
    );
  });
});

describe('greenApi.linkWithPhoneNumber argument', () => {
  it('takes an idInstance and an optional phone number as text or a number', () => {
    assert.deepEqual(parseLinkArgs({ idInstance: '1101000001' }), {
      ok: true,
      value: { idInstance: '1101000001', phoneNumber: undefined },
    });
    assert.deepEqual(parseLinkArgs({ idInstance: 1101000001, phoneNumber: 441234567890 }), {
      ok: true,
      value: { idInstance: '1101000001', phoneNumber: '441234567890' },
    });
  });

  it('refuses a missing idInstance and a phone number that is not text', () => {
    assert.equal(parseLinkArgs({}).ok, false);
    assert.equal(parseLinkArgs({ idInstance: '1101000001', phoneNumber: { digits: 44 } }).ok, false);
    assert.equal(parseLinkArgs('1101000001').ok, false);
  });
});
