import { clampWaitMs } from '../base/delays';

/**
 * Reads a `Retry-After` header (RFC 9110 §10.2.3: delay-seconds or an HTTP date) into the wait in
 * ms from `now` (epoch ms), held within [1 s, 10 min] (base/delays): no hot loop on `0` or a past
 * date, and a refresh that comes back after a wait of days. Anything else (garbage, a fraction, a
 * sign) gives `undefined`, and the caller uses its own bounded backoff.
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
