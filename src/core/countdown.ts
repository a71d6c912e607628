/** From this many ms left, a pending code is shown as expiring (the status bar's warning background, the row's tone). */
export const EXPIRING_SOON_MS = 30_000;

/** "2:29" for 149 s left; rounds up, so "0:01" shows until the very end. */
export function formatRemaining(remainingMs: number): string {
  const seconds = Math.max(0, Math.ceil(remainingMs / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** WhatsApp shows the 8-character code as two groups: "ABCD-EFGH". */
export function formatAuthorizationCode(code: string): string {
  const plain = code.replace(/[\s-]/g, '').toUpperCase();
  return plain.length === 8 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : plain;
}

/**
 * `text` between U+2066 LEFT-TO-RIGHT ISOLATE and U+2069 POP DIRECTIONAL ISOLATE: shown left to
 * right and kept apart from the text around it, so a right-to-left display language never
 * swaps the two halves of "ABCD-EFGH" (OpenWA saw exactly that). For plain-text places (status
 * bar, notifications, Markdown); HTML uses `dir="ltr"` on the element instead.
 */
export function isolateLeftToRight(text: string): string {
  return `\u2066${text}\u2069`;
}

/**
 * `text` between U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE: shown in the
 * direction of its own first letter and kept apart from the text around it, so a Hebrew or
 * Arabic instance name in the status bar does not pull the code and the countdown after it into
 * its right-to-left run (which shows "2:30 ABCD-EFGH name"). For plain-text places; HTML uses
 * `<bdi>`. `text` should hold no isolate or embedding marks of its own (neutralizeValue removes them).
 */
export function isolateFirstStrong(text: string): string {
  return `\u2068${text}\u2069`;
}

/** Milliseconds until the next whole second of the countdown, so ticks land on the change. */
export function delayToNextSecond(remainingMs: number): number {
  const rest = remainingMs % 1000;
  return rest <= 0 ? 1000 : rest;
}
