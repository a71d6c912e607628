/**
 * What an idInstance is: GREEN-API's instance number, as decimal digits. Current instances
 * have 10 digits, older ones 8; 6 to 15 are accepted rather than guess the future. The one
 * definition the validation, the stored index, the state history, the webview protocol and
 * the API's errors share.
 */
const ID_INSTANCE = /^\d{6,15}$/;

/** True when `value` is a string of 6 to 15 ASCII digits and nothing else (no sign, no spaces). */
export function isIdInstance(value: unknown): value is string {
  return typeof value === 'string' && ID_INSTANCE.test(value);
}
