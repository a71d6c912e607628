/**
 * The one module that imports `libphonenumber-js` (`min` metadata: possible, valid, formatting).
 * esbuild bundles it apart as dist/phoneLibrary.js, which core/phoneNumber.ts requires on the
 * first number it reads, so activation never loads it. Nothing else imports it but as a type.
 */
export { isSupportedCountry, parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js/min';
export type { CountryCode, PhoneNumber } from 'libphonenumber-js/min';
