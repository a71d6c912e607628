/**
 * The one order of instances wherever they are listed: the registry's list (quick picks, the
 * Instances view's first message) and the view's own placing of changed rows. By the name
 * shown (displayName) as people read names, case and accents aside and numbers by value
 * ("Shop 9" before "Shop 10"), then by idInstance. The host sorts once; the view takes that order as it comes and needs
 * the same comparison only to place a row that changed, so both must use this function with
 * the same locale (VS Code's display language: `vscode.env.language` in the host, the page's
 * `<html lang>` in a webview).
 */

/** What the order reads of a row. */
export interface Orderable {
  readonly name: string;
  readonly idInstance: string;
}

/**
 * The name an instance is shown and ordered by: its own, trimmed, or its idInstance when it
 * has none (the form, the imports and the commands allow an empty name).
 * @returns a non-empty string for any row with an idInstance.
 */
export function displayName(row: Orderable): string {
  return row.name.trim() || row.idInstance;
}

/**
 * A comparison for Array.prototype.sort and binary searches, over one `Intl.Collator` made
 * here: `localeCompare` given these options would look one up on every call. Numeric
 * collation is ICU's slow path (about 50 ms to sort 10,000 names here), which is why the host
 * sorts once and the view does not sort again.
 *
 * @param locale a BCP 47 tag such as `en` or `pt-br`; `undefined`, `''` or a tag the runtime
 *   rejects gives the runtime's default locale instead of a RangeError.
 * @returns `(a, b) => number`: negative when `a` comes first, 0 for the same name and
 *   idInstance, positive otherwise.
 */
export function instanceOrder(locale: string | undefined): (a: Orderable, b: Orderable) => number {
  const options: Intl.CollatorOptions = { sensitivity: 'base', numeric: true };
  let collator: Intl.Collator;
  try {
    collator = new Intl.Collator(locale || undefined, options);
  } catch {
    collator = new Intl.Collator(undefined, options);
  }
  return (a, b) => collator.compare(displayName(a), displayName(b)) || collator.compare(a.idInstance, b.idInstance);
}
