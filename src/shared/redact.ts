export const REDACTED = '<token>';

/**
 * Replaces every occurrence of each secret in `text`. Used on anything that leaves the
 * process or reaches a person: log lines, error messages, URLs.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length > 0) {
      result = result.split(secret).join(REDACTED);
    }
  }
  return result;
}

/** The URL of a GREEN-API call as it may be shown: the token segment replaced. */
export function redactedMethodUrl(apiUrl: string, idInstance: string, method: string): string {
  return `${apiUrl}/waInstance${idInstance}/${method}/${REDACTED}`;
}

/**
 * A phone number as it may be shown or logged: at most the first 4 and the last 2
 * digits stay, and never more than half of them ("4412******90", "6****02" for 7
 * digits; 4 digits or fewer are all hidden), so a short number is not given away by its ends.
 * @param digits the number, digits only (other characters count as digits here).
 * @returns the masked text, as long as `digits`.
 */
export function maskPhoneNumber(digits: string): string {
  const chars = Array.from(digits);
  if (chars.length <= 4) return '*'.repeat(chars.length);
  const shown = Math.min(6, Math.floor(chars.length / 2));
  const tail = Math.min(2, shown);
  const head = shown - tail;
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - shown) + chars.slice(chars.length - tail).join('');
}
