/**
 * Text that GREEN-API (or a proxy in front of it) wrote, made safe to put inside one of our
 * sentences: shown in notifications (which render Markdown links), Markdown tooltips and the
 * webview. It is data, never markup.
 */

/** About one sentence; longer server text is cut on a word and ends with an ellipsis. */
export const SERVER_TEXT_MAX_CHARS = 200;

/**
 * Neutralizes `text` from a server: HTML tags, Markdown images, links (their text is kept),
 * code spans, emphasis marks and `$(icon)` syntax are removed; control and invisible format
 * characters (bidi overrides, zero-width marks) are dropped; whitespace collapses to single
 * spaces. Text longer than `maxChars` (default {@link SERVER_TEXT_MAX_CHARS}) is cut at the last
 * whole word and ends with "…"; otherwise it ends with exactly one full stop (or its own "?"
 * or "!"), so the caller's message adds none. Returns '' for text with nothing left.
 */
export function neutralizeServerText(text: string, maxChars = SERVER_TEXT_MAX_CHARS): string {
  let plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\$\(([^)]*)\)/g, '$1')
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, ' ')
    .replace(/[`*_~#[\]<>|\\]/g, ' ')
    .replace(/\$\(/g, '$ (')
    .replace(/\s+/g, ' ')
    .trim();
  // Our sentence ends the server's: drop its own closing stops and dangling separators.
  plain = plain.replace(/[\s.:;,。]+$/u, '');
  if (plain === '') return '';
  if ([...plain].length > maxChars) {
    const chars = [...plain].slice(0, maxChars).join('');
    const cut = chars.replace(/\s+\S*$/u, '');
    return `${(cut === '' ? chars : cut).replace(/[\s.:;,]+$/u, '')}…`;
  }
  return /[?!]$/.test(plain) ? plain : `${plain}.`;
}
