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
  if (bare && digits.startsWith('0')) return refused(missingCountryCode(suggestion), suggestion);
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
    const problem = lengthProblem ?? 'NOT_A_NUMBER';
    // Bare digits that name no country code, or that a hint region reads as its own, lack their country code.
    if (bare && (suggestion || problem === 'INVALID_COUNTRY')) {
      return refused(missingCountryCode(suggestion), suggestion);
    }
    return refused(lengthMessage(problem, digits, parsed?.countryCallingCode, bare), suggestion);
  }
  const shown = parsed.formatInternational();
  const e164 = parsed.number.slice(1);
  if (parsed.isValid()) {
    return { kind: 'valid', digits: e164, shown };
  }
  const countryCallingCode = String(parsed.countryCallingCode);
  return {
    kind: 'unconfirmed',
    digits: e164,
    shown,
    message: notInUse(shown, countryCallingCode, nationalPart(shown, countryCallingCode), bare, suggestion),
    ...(suggestion ? { suggestion } : {}),
  };
}

/**
 * A number the plan does not know, with a country code: what is wrong is the national part
 * (`+44 7700 900123`: Ofcom keeps 07700 900xxx for drama, no phone has it), so the message says
 * that and never asks for a country code it has. Typed as bare digits, the country code may be
 * missing after all, and only then is adding it suggested.
 */
function notInUse(
  shown: string,
  countryCallingCode: string,
  national: string,
  bare: boolean,
  suggestion: PhoneSuggestion | undefined,
): string {
  if (!bare) {
    // l10n: {0} is the whole number as WhatsApp shows it (+44 7700 900123), {1} its country code without "+", {2} the digits after it (7700 900123).
    return t(
      '{0} is not a number in use: +{1} has no number {2}. Check the digits after +{1}.',
      shown,
      countryCallingCode,
      national,
    );
  }
  // l10n: {0} is the number read with a country code taken from its first digits; {1} an example (or the reading this form offers).
  return t(
    '{0} is not a number in use. If the country code is missing, add it, for example {1}.',
    shown,
    suggestion?.shown ?? PHONE_EXAMPLE_SHOWN,
  );
}

/** The national part of a formatted international number: `+44 7700 900123` → `7700 900123`. */
function nationalPart(shown: string, countryCallingCode: string): string {
  const prefix = `+${countryCallingCode}`;
  return shown.startsWith(prefix) ? shown.slice(prefix.length).trim() : shown;
}

/** A number typed without its country code: the reading with one when a hint region gives it, else an example. */
function missingCountryCode(suggestion: PhoneSuggestion | undefined): string {
  if (suggestion) {
    // l10n: {0} is the number read with the country code of the user's region, as WhatsApp shows it (+7 900 123 45 67); a button "Use {0}" follows.
    return t('This reads as a number without its country code. With it, it is {0}.', suggestion.shown);
  }
  return t(
    'This reads as a number without its country code. Type "+" and the country code first, for example {0}.',
    PHONE_EXAMPLE_SHOWN,
  );
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
  if (reading.kind === 'unconfirmed') return refuse(maskedMessage(reading));
  return refuse(reading.message);
}

/** The unconfirmed reading's message with the number (and its national part) masked. */
function maskedMessage(reading: Extract<PhoneReading, { kind: 'unconfirmed' }>): string {
  const masked = `+${maskPhoneNumber(reading.digits)}`;
  const parsed = loadPhoneLibrary().parsePhoneNumberFromString(`+${reading.digits}`);
  const cc = parsed ? String(parsed.countryCallingCode) : '';
  const national = cc ? nationalPart(reading.shown, cc) : '';
  let message = reading.message.split(reading.shown).join(masked);
  if (national) message = message.split(national).join(masked.slice(cc.length + 1));
  return message;
}

/**
 * Hint regions for a suggestion, most likely first: the country of the last number used for
 * this instance (`lastPhone`, international digits), then the region of the display language
 * (`displayLanguage`, a BCP 47 tag such as `ru`, `pt-br`; the region is guessed with
 * `Intl.Locale#maximize`), then Russia ({@link FALLBACK_REGIONS}). Loads the library only when
 * `lastPhone` is given.
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
  for (const fallback of FALLBACK_REGIONS) if (!regions.includes(fallback)) regions.push(fallback);
  return { regions };
}

/**
 * The hint tried last, whatever the language: most of GREEN-API's users are in Russia (and
 * Kazakhstan, which shares +7 and the trunk 8, and the RU plan reads), where `8 (900) 123-45-67`
 * for `+7 900 …` is the slip GREEN-API's support answers most. Only ever an offer, never sent unpicked.
 */
const FALLBACK_REGIONS: readonly string[] = ['RU'];

/**
 * An international number (`digits`, country code first) as WhatsApp shows it: `+44 7911 123456`,
 * grouped by the numbering plan; `+` and the digits when the plan cannot format it. Loads the library.
 */
export function formatPhoneNumber(digits: string): string {
  const parsed = /^[1-9]\d{0,16}$/.test(digits)
    ? loadPhoneLibrary().parsePhoneNumberFromString(`+${digits}`)
    : undefined;
  return parsed ? parsed.formatInternational() : `+${digits}`;
}

/**
 * The masked number for a row or a tooltip, grouped as WhatsApp shows it so the user knows it:
 * `447911123456` → `+44 79•• ••••56`. The same digits stay visible as in the log's
 * {@link maskPhoneNumber} (`4479******56`); only `+`, the grouping and the dots differ.
 */
export function maskPhoneNumberShown(digits: string): string {
  const masked = Array.from(maskPhoneNumber(digits));
  const shown = formatPhoneNumber(digits);
  if (shown.replace(/\D/g, '') !== digits) return `+${masked.join('').replace(/\*/g, '\u2022')}`;
  let index = 0;
  // Walks the formatted text and swaps each digit for its masked counterpart; separators stay.
  return Array.from(shown)
    .map((character) => (/\d/.test(character) ? (masked[index++] === '*' ? '\u2022' : character) : character))
    .join('');
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

function lengthMessage(problem: string, digits: string, countryCallingCode: string | undefined, bare: boolean): string {
  switch (problem) {
    case 'INVALID_COUNTRY':
      // l10n: {0} is the first digits typed after "+" or "00", such as 999.
      return t('No country code in use starts with +{0}. Check the digits after "+".', digits.slice(0, 3));
    case 'TOO_SHORT':
      if (!countryCallingCode) {
        return t('Too short for a phone number. Add the country code, for example {0}.', PHONE_EXAMPLE_SHOWN);
      }
      return bare
        ? t(
            'Too short for a +{0} number. If the country code is missing, add it, for example {1}.',
            countryCallingCode,
            PHONE_EXAMPLE_SHOWN,
          )
        : t('Too short for a +{0} number. Check the digits after +{0}.', countryCallingCode);
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
