import * as assert from 'node:assert/strict';
import { isIdInstance } from '../../src/base/ids';

describe('isIdInstance: the one definition of an idInstance', () => {
  it('accepts 6 to 15 digits and nothing else', () => {
    for (const id of ['110100', '1101000001', '123456789012345']) assert.equal(isIdInstance(id), true, id);
    for (const id of [
      '11010',
      '1234567890123456',
      ' 1101000001',
      '1101000001\n',
      '+1101000001',
      '११०१०००००१',
      '',
      1101000001,
      undefined,
      null,
    ]) {
      assert.equal(isIdInstance(id), false, String(id));
    }
  });
});
