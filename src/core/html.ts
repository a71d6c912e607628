import { neutralizeValue } from '../base/neutralize';

/** Text made safe for an HTML element or a quoted attribute of the pages the extension generates. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/**
 * The HTML of a translated sentence whose `{n}` placeholders are values in any script (an
 * instance's name in Hebrew or Arabic, a host, a phone number): the sentence is escaped, and
 * each value goes in escaped inside its own `<bdi>`, so a right-to-left name neither reorders
 * the sentence around it nor is reordered by it (HTML's bidi isolation; WCAG technique H56's
 * concern). `sentence` is `t(message, '{0}', '{1}', …)`: the translation with its placeholders
 * left in. `values[n]` fills `{n}`; a placeholder with no value stays as it is. `dir` is the
 * values' direction: 'auto' (the first strong letter decides; names) or 'ltr' (hosts, numbers).
 * Each value is neutralized as `t()` would ({@link neutralizeValue}: no bidi or control marks).
 * Returns HTML; throws nothing.
 */
export function isolatedHtml(sentence: string, values: readonly string[], dir: 'auto' | 'ltr' = 'auto'): string {
  const open = dir === 'ltr' ? '<bdi dir="ltr">' : '<bdi>';
  return escapeHtml(sentence).replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = values[Number(index)];
    return value === undefined ? whole : `${open}${escapeHtml(String(neutralizeValue(value)))}</bdi>`;
  });
}
