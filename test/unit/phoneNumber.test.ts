import * as assert from 'node:assert/strict';
import {
  PhoneReading,
  formatPhoneNumber,
  maskPhoneNumber,
  maskPhoneNumberShown,
  normalizePhoneNumber,
  phoneHints,
  readPhoneNumber,
  regionOfLanguage,
  stripInvisible,
} from '../../src/core/phoneNumber';
import { parseGetCodeArgs } from '../../src/core/commandArgs';

// Against the real libphonenumber-js (min metadata), loaded by the module itself: no mock.

function accepted(input: string | number): string {
  const result = normalizePhoneNumber(input);
  assert.ok(result.ok, `expected ${JSON.stringify(input)} to be accepted, got: ${result.ok ? '' : result.message}`);
  return result.value;
}

function refusedWith(input: string | number, pattern: RegExp): string {
  const result = normalizePhoneNumber(input);
  assert.ok(!result.ok, `expected ${JSON.stringify(input)} to be refused, got ${result.ok ? result.value : ''}`);
  assert.match(result.message, pattern);
  return result.message;
}

const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;

describe('phone numbers (libphonenumber-js)', () => {
  describe('the table of issue 19', () => {
    it("Russia's national 8 (900) 123-45-67: nothing sent, add the country code; interactively +7 900 123 45 67 is suggested", () => {
      refusedWith('8 (900) 123-45-67', /country code/);
      const reading = readPhoneNumber('8 (900) 123-45-67', { regions: ['RU'] });
      assert.equal(reading.kind, 'refused');
      assert.deepEqual(reading.suggestion, { digits: '79001234567', shown: '+7 900 123 45 67' });
    });

    it('900 123 45 67 without a country code: nothing sent with an argument; interactively only a confirmation of the +90 reading', () => {
      const message = refusedWith('900 123 45 67', /add it/);
      assert.match(message, /\+90/);
      const reading = readPhoneNumber('900 123 45 67');
      assert.equal(reading.kind, 'unconfirmed');
      assert.equal(reading.kind === 'unconfirmed' && reading.shown, '+90 1234567');
    });

    it('+49 (0) 151 2345 6789: the trunk (0) goes, as the German plan says', () => {
      assert.equal(accepted('+49 (0) 151 2345 6789'), '4915123456789');
    });

    it('+972 50-123-4567 wrapped in U+2066 … U+2069, as WhatsApp Web copies it', () => {
      assert.equal(accepted('\u2066+972 50-123-4567\u2069'), '972501234567');
    });
  });

  describe('keeps working', () => {
    it('+225 07 12 34 56 78 and +39 06 1234 5678 keep the 0 that belongs to the number', () => {
      assert.equal(accepted('+225 07 12 34 56 78'), '2250712345678');
      assert.equal(accepted('+39 06 1234 5678'), '390612345678');
    });
    it("0039 392 123 4526, +55 11 91234-5678 and the docs' 441234567890", () => {
      assert.equal(accepted('0039 392 123 4526'), '393921234526');
      assert.equal(accepted('+55 11 91234-5678'), '5511912345678');
      assert.equal(accepted('441234567890'), '441234567890');
      assert.equal(accepted(441234567890), '441234567890');
    });
  });

  it('refuses a national number with a trunk 0, letters, and empty or non-integer input, saying why', () => {
    refusedWith('07700 900123', /without its country code.*\+44 1234 567890/);
    refusedWith('+44 123 ABC 7890', /"A" has no place/);
    refusedWith('44+1234567890', /"\+" has no place/);
    refusedWith('   ', /international format/);
    refusedWith(4412.5, /whole positive number/);
    refusedWith(-441234567890, /whole positive number/);
    refusedWith(2 ** 60, /whole positive number/);
  });

  it('says too short, too long and unknown country code', () => {
    refusedWith('+44 12', /Too short for a \+44 number/);
    refusedWith('+44 1234 5678 9012 345', /Too long for a \+44 number|at most 15/);
    refusedWith('+999 1234 5678', /No country code in use starts with \+999\. Check the digits after "\+"/);
  });

  it('never quotes an invisible character back: it names other invisible ones by code point', () => {
    for (const input of ['\u200F+44\u200E 1234 567890\uFEFF', '\u202B0\u202C', '+44\u2060x']) {
      const reading = readPhoneNumber(input);
      if (reading.kind !== 'valid') assert.doesNotMatch(reading.message, INVISIBLE, JSON.stringify(input));
    }
    refusedWith('+44 1234\u00AD567890', /"U\+00AD" has no place/);
    assert.equal(stripInvisible('\u2066a\u200Bb\uFEFF\u2069'), 'ab');
  });

  it('shows the number as WhatsApp does', () => {
    const reading: PhoneReading = readPhoneNumber('4915123456789');
    assert.equal(reading.kind, 'valid');
    assert.equal(reading.kind === 'valid' && reading.shown, '+49 1512 3456789');
  });

  it('takes hint regions from the last number and the display language', () => {
    assert.deepEqual(phoneHints({ lastPhone: '4915123456789', displayLanguage: 'pt-br' }).regions, ['DE', 'BR', 'RU']);
    assert.deepEqual(phoneHints({ displayLanguage: 'ru' }).regions, ['RU']);
    assert.equal(regionOfLanguage('not a tag!'), undefined);
    // A suggestion never makes a reading valid: it stays something the user must accept.
    const reading = readPhoneNumber('01512 3456789', { regions: ['DE'] });
    assert.equal(reading.kind, 'refused');
    assert.deepEqual(reading.suggestion, { digits: '4915123456789', shown: '+49 1512 3456789' });
  });
});

describe('messages that point to the right fix (issue 30, item 6)', () => {
  it('+44 7700 900123 (a drama number): not in use, the national part named, never "add the country code"', () => {
    const reading = readPhoneNumber('+44 7700 900123');
    assert.equal(reading.kind, 'unconfirmed');
    const message = reading.kind === 'unconfirmed' ? reading.message : '';
    assert.equal(
      message,
      '+44 7700 900123 is not a number in use: +44 has no number 7700 900123. Check the digits after +44.',
    );
    for (const typed of ['+44 7700 900123', '0044 7700 900123', '+44 12']) {
      const other = readPhoneNumber(typed);
      assert.doesNotMatch(other.kind === 'valid' ? '' : other.message, /country code is missing|add it/i, typed);
    }
    // As an argument the number is masked, its national part too.
    refusedWith('+44 7700 900123', /^\+4477\*{6}23 is not a number in use: \+44 has no number 77\*{6}23\./);
  });

  it('8 (900) 123-45-67: no jargon and no UK example; with an English display language +7 900 123 45 67 is still offered', () => {
    const reading = readPhoneNumber('8 (900) 123-45-67', phoneHints({ displayLanguage: 'en' }));
    assert.equal(reading.kind, 'refused');
    assert.deepEqual(reading.suggestion, { digits: '79001234567', shown: '+7 900 123 45 67' });
    const message = reading.kind === 'refused' ? reading.message : '';
    assert.equal(message, 'This reads as a number without its country code. With it, it is +7 900 123 45 67.');
    assert.doesNotMatch(message, /none|\+44|trunk/);
    // Without hints (a command argument): still no jargon.
    assert.doesNotMatch(refusedWith('8 (900) 123-45-67', /without its country code/), /none|…/);
  });

  it('formats a number as WhatsApp shows it, and masks it with + and the same grouping', () => {
    assert.equal(formatPhoneNumber('447911123456'), '+44 7911 123456');
    assert.equal(formatPhoneNumber('79001234567'), '+7 900 123 45 67');
    assert.equal(formatPhoneNumber('12'), '+12');
    assert.equal(maskPhoneNumberShown('447911123456'), '+44 79•• ••••56');
    assert.equal(maskPhoneNumberShown('4915123456789'), '+49 15•• •••••89');
    // The same digits stay visible as in the log's mask.
    const visible = (text: string): string => text.replace(/[^0-9]/g, '');
    assert.equal(visible(maskPhoneNumberShown('441234567890')), visible(maskPhoneNumber('441234567890')));
  });
});

describe('maskPhoneNumber', () => {
  it('keeps the first digits and the last two', () => {
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

describe('a number the numbering plan does not confirm (review 2026-12-07 L4)', () => {
  it('is masked in the refusal of a command argument, which goes to the log and a notification', () => {
    const result = parseGetCodeArgs({ idInstance: '1101000001', phoneNumber: '+44 7700 900123' });
    assert.ok(!result.ok);
    assert.doesNotMatch(result.message, /7700|900123|900 ?123/);
    assert.match(
      result.message,
      new RegExp(
        `\\+${maskPhoneNumber('447700900123').replace(/\*/g, '\\*')} is not a number in use: \\+44 has no number 77\\*{6}23\\.`,
      ),
    );
  });
  it('stays whole in the interactive reading, where the user typed it', () => {
    const reading = readPhoneNumber('+44 7700 900123');
    assert.equal(reading.kind, 'unconfirmed');
    assert.match(reading.kind === 'unconfirmed' ? reading.message : '', /\+44 7700 900123/);
  });
});
