import { Parsed, accept, refuse } from './result';
import { t } from './l10n';

/**
 * Length bounds of a full international number (country code included), in digits.
 * E.164 caps numbers at 15 digits. It sets no floor; the shortest numbers in use are
 * 7 digits (Niue, +683 and four digits; Saint Helena, +290 and four digits). The
 * official GREEN-API SDK demands at least 10 digits, which would refuse those countries,
 * so we follow E.164 instead.
 */
export const MIN_PHONE_DIGITS = 7;
export const MAX_PHONE_DIGITS = 15;

export const PHONE_EXAMPLE = '441234567890';

/** What people paste around the digits: "+44 (123) 456-7890", "0044.123.456.7890". */
const SEPARATORS = /[\s\-.()\u00a0]/g;

/**
 * Turns what a user typed into the digits GREEN-API expects: international format,
 * no `+` and no leading `00`. Refuses everything else with a message that names
 * the expected form.
 */
export function normalizePhoneNumber(input: string | number): Parsed<string> {
  if (typeof input === 'number') {
    if (!Number.isSafeInteger(input) || input <= 0) {
      return refuse(t('The phone number must be a whole positive number such as {0}.', PHONE_EXAMPLE));
    }
    return checkDigits(String(input));
  }
  const trimmed = input.trim();
  if (trimmed === '') {
    return refuse(t('Type the phone number in international format, for example {0}.', PHONE_EXAMPLE));
  }
  let rest = trimmed.replace(SEPARATORS, '');
  if (rest.startsWith('+')) {
    rest = rest.slice(1);
  } else if (rest.startsWith('00')) {
    rest = rest.slice(2);
  }
  const stray = /[^0-9]/.exec(rest);
  if (stray) {
    return refuse(
      t('"{0}" is not allowed in a phone number. Use digits only, with the country code, for example {1}.', stray[0], PHONE_EXAMPLE),
    );
  }
  return checkDigits(rest);
}

function checkDigits(digits: string): Parsed<string> {
  if (digits.startsWith('0')) {
    // No country code starts with 0, so this is a national number ("07700 900123").
    return refuse(
      t('Start with the country code instead of a leading 0, for example {0} for a UK number.', PHONE_EXAMPLE),
    );
  }
  if (digits.length < MIN_PHONE_DIGITS) {
    return refuse(
      t('That is {0} digits; a full international number has at least {1}. Include the country code, for example {2}.', digits.length, MIN_PHONE_DIGITS, PHONE_EXAMPLE),
    );
  }
  if (digits.length > MAX_PHONE_DIGITS) {
    return refuse(
      t('That is {0} digits; an international number has at most {1} (E.164).', digits.length, MAX_PHONE_DIGITS),
    );
  }
  return accept(digits);
}

// Masking lives with the other redaction (shared/redact); re-exported for the callers that import it from here.
export { maskPhoneNumber } from '../shared/redact';
