/**
 * The one module that imports `libphonenumber-js` (Google's libphonenumber numbering-plan
 * data, `min` metadata: enough to tell possible from valid and to format; no number types).
 * esbuild bundles it apart as dist/phoneLibrary.js and src/core/phoneNumber.ts requires it on
 * the first phone number it reads, so activation and dist/extension.js never carry the
 * library. Nothing else may import this file except as a type.
 */
export {
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from 'libphonenumber-js/min';
export type { CountryCode, PhoneNumber } from 'libphonenumber-js/min';
