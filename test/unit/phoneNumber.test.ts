import * as assert from 'node:assert/strict';
import { MAX_PHONE_DIGITS, MIN_PHONE_DIGITS, maskPhoneNumber, normalizePhoneNumber } from '../../src/core/phoneNumber';

function accepted(input: string | number): string {
  const result = normalizePhoneNumber(input);
  assert.ok(result.ok, `expected ${JSON.stringify(input)} to be accepted, got: ${result.ok ? '' : result.message}`);
  return result.value;
}

function refusedWith(input: string | number, pattern: RegExp): void {
  const result = normalizePhoneNumber(input);
  assert.ok(!result.ok, `expected ${JSON.stringify(input)} to be refused`);
  assert.match(result.message, pattern);
}

describe('normalizePhoneNumber', () => {
  it('strips +, spaces, dashes, dots and parentheses', () => {
    assert.equal(accepted('+44 (123) 456-7890'), '441234567890');
    assert.equal(accepted('44.123.456.7890'), '441234567890');
    assert.equal(accepted('  +7 912 345-67-89 '), '79123456789');
    assert.equal(accepted('+44\u00a01234\u00a0567890'), '441234567890');
  });

  it('drops a leading 00 international prefix', () => {
    assert.equal(accepted('0044 1234 567890'), '441234567890');
  });

  it('accepts a number as the SDK does', () => {
    assert.equal(accepted(441234567890), '441234567890');
  });

  it('refuses letters and names the offending character and the expected form', () => {
    refusedWith('+44 123 ABC 7890', /"A" is not allowed.*441234567890/);
    refusedWith('441234567890x', /"x" is not allowed/);
  });

  it('refuses a national number that starts with 0', () => {
    refusedWith('07700 900123', /country code instead of a leading 0/);
  });

  it('refuses a + anywhere but the start', () => {
    refusedWith('44+1234567890', /"\+" is not allowed/);
  });

  it(`keeps to E.164 lengths: ${MIN_PHONE_DIGITS} to ${MAX_PHONE_DIGITS} digits`, () => {
    assert.equal(accepted('6834002'), '6834002'); // Niue: country code 683 and four digits
    refusedWith('683400', /6 digits; a full international number has at least 7/);
    assert.equal(accepted('123456789012345'), '123456789012345');
    refusedWith('1234567890123456', /16 digits; an international number has at most 15/);
  });

  it('refuses empty input, fractional, negative and unsafe numbers', () => {
    refusedWith('   ', /international format/);
    refusedWith(4412.5, /whole positive number/);
    refusedWith(-441234567890, /whole positive number/);
    refusedWith(2 ** 60, /whole positive number/);
  });
});

describe('maskPhoneNumber', () => {
  it('keeps the first four and the last two digits', () => {
    assert.equal(maskPhoneNumber('441234567890'), '4412******90');
  });
  it('masks short numbers harder', () => {
    assert.equal(maskPhoneNumber('6834002'), '6****02');
    assert.equal(maskPhoneNumber('1234'), '****');
  });
  it('always hides at least half of the digits, for every length from 1 to 20', () => {
    for (let length = 1; length <= 20; length++) {
      const digits = '123456789012345678901'.slice(0, length);
      const masked = maskPhoneNumber(digits);
      assert.equal(masked.length, length);
      const hidden = [...masked].filter((char) => char === '*').length;
      assert.ok(hidden >= Math.ceil(length / 2), `${length} digits: ${masked} hides only ${hidden}`);
    }
  });
});
