import * as path from 'node:path';
import type * as PhoneLibrary from './phoneLibrary';
import { Parsed, accept, refuse } from './result';
import { t } from './l10n';
import { maskPhoneNumber } from '../base/redact';

/**
 * Phone numbers as people paste them, read with Google's numbering-plan data (./phoneLibrary).
 * GREEN-API wants the international digits: country code first, no `+`, `00` or trunk prefix.
 * Only the plan knows whether a 0 after the country code is a trunk prefix (`+49 (0) 151 …`) or
 * part of the number (`+39 06 …`), so that decision is the library's, never ours.
 */

export const PHONE_EXAMPLE = '441234567890';
/** The example as WhatsApp shows it, for messages. */
export const PHONE_EXAMPLE_SHOWN = '+44 1234 567890';

/**
 * Invisible format characters that copying from WhatsApp Web and right-to-left pages adds:
 * zero-width and direction marks (U+200B–U+200F), embeddings and overrides (U+202A–U+202E),
 * word joiner and isolates (U+2060–U+2069), and the byte-order mark (U+FEFF). They are not
 * the user's input, so they are dropped before reading and never quoted back.
 */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** What people put between the digits: spaces of every kind, dashes, dots, slashes, brackets. */
const SEPARATORS = /[\s\u00A0\u2000-\u200A\u202F\u205F\u3000\-\u2010-\u2015\u2212./()[\]]/g;

/** Removes the invisible format characters listed above; `text` is returned otherwise unchanged. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

let library: typeof PhoneLibrary | undefined;

/**
 * The numbering-plan library, loaded on first use: a computed path, so esbuild leaves this
 * `require` alone and dist/phoneLibrary.js stays a file of its own. Under tsc (unit tests,
 * bench) the same name resolves to out/src/core/phoneLibrary.js. Synchronous, a few ms once
 * (see bench: "phone library first load").
 */
export function loadPhoneLibrary(): typeof PhoneLibrary {
  if (!library) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    library = require(path.join(__dirname, 'phoneLibrary.js')) as typeof PhoneLibrary;
  }
  return library;
}

/** An international reading the user may accept instead of what they typed. */
export interface PhoneSuggestion {
  /** Digits as GREEN-API wants them: country code first, no `+`. */
  readonly digits: string;
  /** As WhatsApp shows it: `+7 900 123 45 67`. */
  readonly shown: string;
}

/**
 * How a typed number reads: `valid` (the plan validates it; send `digits`); `unconfirmed` (a
 * possible length, not valid there: `900 123 45 67` for +90; sent only once the user confirms
 * `shown`, refused as an argument); `refused` (never sent; `message` says why). The last two may
 * carry a `suggestion`, from the hint regions, that the form offers.
 */
export type PhoneReading =
  | { readonly kind: 'valid'; readonly digits: string; readonly shown: string }
  | {
      readonly kind: 'unconfirmed';
      readonly digits: string;
      readonly shown: string;
      readonly message: string;
      readonly suggestion?: PhoneSuggestion;
    }
  | { readonly kind: 'refused'; readonly message: string; readonly suggestion?: PhoneSuggestion };

/** Where a national reading may be looked up for a suggestion: ISO 3166-1 alpha-2 region codes, most likely first. */
export interface PhoneHints {
  readonly regions?: readonly string[];
}

/**
 * Reads a phone number as international: with `+`, with `00`, or bare digits that start with
 * the country code. `input` is text as pasted (invisible format characters are dropped) or a
 * number as the official SDK takes it. Never throws; loads the library on first use.
 */
export function readPhoneNumber(input: string | number, hints: PhoneHints = {}): PhoneReading {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isSafeInteger(input) || input <= 0) {
      return refused(t('The phone number must be a whole positive number such as {0}.', PHONE_EXAMPLE));
    }
    text = String(input);
  } else {
    text = stripInvisible(String(input)).trim();
  }
  if (text === '') {
    return refused(t('Type the phone number in international format, for example {0}.', PHONE_EXAMPLE_SHOWN));
  }
  const compact = text.replace(SEPARATORS, '').replace(/^\uFF0B/, '+');
  const plus = compact.startsWith('+');
  const afterPlus = plus ? compact.slice(1) : compact;
  const stray = /[^0-9]/u.exec(afterPlus);
  if (stray) {
    return refused(
      t(
        '"{0}" has no place in a phone number. Use digits with the country code, for example {1}.',
        describeCharacter(stray[0]),
        PHONE_EXAMPLE_SHOWN,
      ),
    );
  }
  if (afterPlus === '') {
    return refused(t('Type the phone number in international format, for example {0}.', PHONE_EXAMPLE_SHOWN));
  }
  const internationalPrefix = !plus && afterPlus.startsWith('00');
  const digits = internationalPrefix ? afterPlus.slice(2) : afterPlus;
  const bare = !plus && !internationalPrefix;
  // A bare number is read nationally only to suggest, never to send.
  const suggestion = bare ? suggestFrom(afterPlus, hints) : undefined;
  if (bare && digits.startsWith('0')) {
    return refused(
      t(
        'This reads as a national number (it starts with a trunk 0). Add the country code, for example {0}.',
        PHONE_EXAMPLE_SHOWN,
      ),
      suggestion,
    );
  }
  if (digits === '' || digits.startsWith('0')) {
    return refused(
      t(
        'No country code starts with 0. Type the country code after "+" or "00", for example {0}.',
        PHONE_EXAMPLE_SHOWN,
      ),
      suggestion,
    );
  }
  if (digits.length > 17) {
    // E.164 caps a number at 15 digits; two more leave room for a trunk prefix written after the country code.
    return refused(t('That is {0} digits; an international number has at most 15 (E.164).', digits.length), suggestion);
  }
  const lib = loadPhoneLibrary();
  const international = `+${digits}`;
  const lengthProblem = lib.validatePhoneNumberLength(international);
  const parsed = lib.parsePhoneNumberFromString(international);
  if (lengthProblem !== undefined || !parsed) {
    return refused(lengthMessage(lengthProblem ?? 'NOT_A_NUMBER', digits, parsed?.countryCallingCode), suggestion);
  }
  const shown = parsed.formatInternational();
  const e164 = parsed.number.slice(1);
  if (parsed.isValid()) {
    return { kind: 'valid', digits: e164, shown };
  }
  return {
    kind: 'unconfirmed',
    digits: e164,
    shown,
    message: t(
      '{0} is not a valid +{1} number by the numbering plan. If the country code is missing, add it, for example {2}.',
      shown,
      parsed.countryCallingCode,
      PHONE_EXAMPLE_SHOWN,
    ),
    ...(suggestion ? { suggestion } : {}),
  };
}

/**
 * The non-interactive reading, for command arguments: the digits of a number the numbering
 * plan validates, or the reason it is not sent. `input` as for {@link readPhoneNumber}.
 */
export function normalizePhoneNumber(input: string | number): Parsed<string> {
  const reading = readPhoneNumber(input);
  if (reading.kind === 'valid') return accept(reading.digits);
  // This refusal goes to the log and a notification: the number the plan does not confirm
  // is often a real one, so it is masked there (only the input box, where it was typed, shows it whole).
  if (reading.kind === 'unconfirmed') {
    return refuse(reading.message.split(reading.shown).join(`+${maskPhoneNumber(reading.digits)}`));
  }
  return refuse(reading.message);
}

/**
 * Hint regions for a suggestion, most likely first: the country of the last number used for
 * this instance (`lastPhone`, international digits), then the region of the display language
 * (`displayLanguage`, a BCP 47 tag such as `ru`, `pt-br`; the region is guessed with
 * `Intl.Locale#maximize`). Loads the library only when `lastPhone` is given.
 */
export function phoneHints(context: {
  readonly lastPhone?: string | undefined;
  readonly displayLanguage?: string | undefined;
}): PhoneHints {
  const regions: string[] = [];
  if (context.lastPhone && /^[1-9]\d{5,14}$/.test(context.lastPhone)) {
    const country = loadPhoneLibrary().parsePhoneNumberFromString(`+${context.lastPhone}`)?.country;
    if (country) regions.push(country);
  }
  const region = regionOfLanguage(context.displayLanguage);
  if (region && !regions.includes(region)) regions.push(region);
  return { regions };
}

/** `ru` → `RU`, `pt-br` → `BR`, `en` → `US`; undefined when the tag names no region. */
export function regionOfLanguage(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    const region = new Intl.Locale(tag).maximize().region;
    return region && /^[A-Z]{2}$/.test(region) ? region : undefined;
  } catch {
    return undefined;
  }
}

function suggestFrom(nationalDigits: string, hints: PhoneHints): PhoneSuggestion | undefined {
  const regions = hints.regions ?? [];
  if (regions.length === 0 || nationalDigits.length > 17) return undefined;
  const lib = loadPhoneLibrary();
  for (const region of regions) {
    if (!lib.isSupportedCountry(region)) continue;
    const national = lib.parsePhoneNumberFromString(nationalDigits, region as PhoneLibrary.CountryCode);
    if (national?.isValid()) return { digits: national.number.slice(1), shown: national.formatInternational() };
  }
  return undefined;
}

function refused(message: string, suggestion?: PhoneSuggestion): PhoneReading {
  return suggestion ? { kind: 'refused', message, suggestion } : { kind: 'refused', message };
}

function lengthMessage(problem: string, digits: string, countryCallingCode: string | undefined): string {
  switch (problem) {
    case 'INVALID_COUNTRY':
      return t(
        'The number does not start with a country code ({0}… is none). Add the country code, for example {1}.',
        digits.slice(0, 3),
        PHONE_EXAMPLE_SHOWN,
      );
    case 'TOO_SHORT':
      return countryCallingCode
        ? t(
            'Too short for a +{0} number. If the country code is missing, add it, for example {1}.',
            countryCallingCode,
            PHONE_EXAMPLE_SHOWN,
          )
        : t('Too short for a phone number. Add the country code, for example {0}.', PHONE_EXAMPLE_SHOWN);
    case 'TOO_LONG':
      return countryCallingCode
        ? t('Too long for a +{0} number. Check the digits.', countryCallingCode)
        : t('That is {0} digits; an international number has at most 15 (E.164).', digits.length);
    default:
      return countryCallingCode
        ? t('No +{0} number has this length. Check the digits.', countryCallingCode)
        : t('Type the phone number in international format, for example {0}.', PHONE_EXAMPLE_SHOWN);
  }
}

/** A visible character as itself; any other (a control, a format or space character) by its code point. */
function describeCharacter(character: string): string {
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(character)
    ? character
    : `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

// Masking lives with the other redaction (shared/redact); re-exported for the callers that import it from here.
export { maskPhoneNumber } from '../base/redact';
