import * as assert from 'node:assert/strict';
import { hasExactly, plainRecord } from '../../src/base/messageShape';

describe('messageShape: the opening every webview message parser shares', () => {
  it('plainRecord takes only a plain object literal', () => {
    assert.deepEqual(plainRecord({ type: 'ready' }), { type: 'ready' });
    class Message {
      type = 'ready';
    }
    const refused: unknown[] = [
      null,
      undefined,
      'ready',
      1,
      ['ready'],
      Object.create(null),
      Object.create({ type: 'ready' }),
      new Message(),
    ];
    refused.forEach((value, index) => assert.equal(plainRecord(value), undefined, `value ${index}`));
  });

  it('hasExactly wants the allowed keys, all of them and no other, in any order', () => {
    assert.equal(hasExactly({ type: 'x', action: 'y' }, 'action', 'type'), true);
    assert.equal(hasExactly({ type: 'x' }, 'type', 'action'), false);
    assert.equal(hasExactly({ type: 'x', action: 'y', extra: 1 }, 'type', 'action'), false);
    assert.equal(hasExactly({ type: 'x', other: 'y' }, 'type', 'action'), false);
  });
});
