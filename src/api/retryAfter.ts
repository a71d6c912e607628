import { clampWaitMs } from '../base/delays';

/**
 * Reads a `Retry-After` header (RFC 9110 §10.2.3: delay-seconds, or an HTTP date)
 * into the wait in milliseconds from `now` (epoch ms).
 *
 * The server's ask is honoured within [1 s, 10 min] (base/delays): `0`, a past date
 * or a negative number become 1 s, so that nothing asks again in a hot loop; a wait
 * of days becomes 10 min, so that a refresh comes back. Anything that is neither
 * form (garbage, a number with a fraction or a sign) gives `undefined`, and the caller
 * uses its own backoff, itself bounded.
 */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (header === null || header === undefined) {
    return undefined;
  }
  const text = header.trim();
  if (/^\d{1,12}$/.test(text)) {
    return clampWaitMs(Number(text) * 1000);
  }
  if (/^\d+$/.test(text)) {
    // More seconds than any date could mean: as long as we ever wait.
    return clampWaitMs(Infinity);
  }
  // Date.parse reads "-5" or "1" as years: an HTTP date has a weekday or month name in letters.
  if (!/[A-Za-z]{3}/.test(text)) {
    return undefined;
  }
  const date = Date.parse(text);
  if (Number.isNaN(date)) {
    return undefined;
  }
  return clampWaitMs(date - now);
}
