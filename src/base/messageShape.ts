/**
 * The shared opening of the webview message parsers (views/instances, link and qr
 * protocol.ts): a message from a page is data, so each parser first asks whether it is a
 * plain object literal, then whether it has exactly the keys its type allows.
 */

/**
 * `value` as a record when it is a plain object (its prototype is `Object.prototype`: no
 * array, no null, no class instance, no `Object.create(null)` or prototype tricks); else undefined.
 */
export function plainRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    Object.getPrototypeOf(value) !== Object.prototype
  ) {
    return undefined;
  }
  return value as Record<string, unknown>;
}

/** True when `record`'s own enumerable keys are exactly `allowed`, in any order (no extra key, none missing). */
export function hasExactly(record: object, ...allowed: string[]): boolean {
  const keys = Object.keys(record);
  return keys.length === allowed.length && keys.every((key) => allowed.includes(key));
}
