import * as assert from 'node:assert/strict';
import { MAX_MESSAGE_CHARS, ROW_ACTIONS, parseWebviewMessage } from '../../src/views/instances/protocol';
import { parseQrWebviewMessage } from '../../src/views/qr/protocol';

describe('webview message validation', () => {
  it('accepts each message of the protocol', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'addInstance' }), { type: 'addInstance' });
    assert.deepEqual(parseWebviewMessage({ type: 'refreshAll' }), { type: 'refreshAll' });
    for (const action of ROW_ACTIONS) {
      assert.deepEqual(parseWebviewMessage({ type: 'rowAction', action, idInstance: '1101000001' }), {
        type: 'rowAction',
        action,
        idInstance: '1101000001',
      });
    }
  });

  it('refuses unknown types and actions', () => {
    assert.equal(parseWebviewMessage({ type: 'runCommand', command: 'workbench.action.terminal.new' }), undefined);
    assert.equal(
      parseWebviewMessage({ type: 'rowAction', action: 'deleteEverything', idInstance: '1101000001' }),
      undefined,
    );
  });

  it('refuses wrong field types, extra keys and bad ids', () => {
    assert.equal(parseWebviewMessage({ type: 'rowAction', action: 'refresh', idInstance: 1101000001 }), undefined);
    assert.equal(parseWebviewMessage({ type: 'rowAction', action: 'refresh', idInstance: '../../etc' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'rowAction', action: 'refresh' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'ready', extra: 'x' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'refreshAll', apiTokenInstance: 'x' }), undefined);
  });

  it('refuses non-objects, arrays and prototype tricks', () => {
    const values: unknown[] = [
      null,
      undefined,
      'ready',
      42,
      [],
      ['ready'],
      Object.create(null),
      Object.create({ type: 'ready' }),
    ];
    values.forEach((value, index) => assert.equal(parseWebviewMessage(value), undefined, `accepted case ${index}`));
    const forged = JSON.parse('{"type":"ready","__proto__":{"polluted":"yes"}}') as unknown;
    assert.equal(parseWebviewMessage(forged), undefined);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('refuses oversized payloads', () => {
    assert.equal(
      parseWebviewMessage({ type: 'rowAction', action: 'refresh', idInstance: '1'.repeat(MAX_MESSAGE_CHARS) }),
      undefined,
    );
  });
});

describe('QR panel message validation', () => {
  it('accepts ready and each action', () => {
    assert.deepEqual(parseQrWebviewMessage({ type: 'ready' }), { type: 'ready' });
    for (const action of ['logout', 'retry', 'useCode', 'checkState']) {
      assert.deepEqual(parseQrWebviewMessage({ type: 'qrAction', action }), { type: 'qrAction', action });
    }
  });
  it('refuses unknown actions, extra keys, non-objects and prototype tricks', () => {
    for (const forged of [
      { type: 'qrAction', action: 'reboot' },
      { type: 'qrAction', action: 'logout', idInstance: '1101000001' },
      { type: 'ready', extra: 1 },
      { type: 'rowAction', action: 'remove', idInstance: '1101000001' },
      JSON.parse('{"type":"ready","__proto__":{"polluted":true}}') as unknown,
      Object.create({ type: 'ready' }) as unknown,
      ['ready'],
      'ready',
      null,
    ]) {
      assert.equal(parseQrWebviewMessage(forged), undefined, JSON.stringify(forged));
    }
  });
});
