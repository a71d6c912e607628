/**
 * The one order of instances wherever they are listed (the registry's list, the view's placing of
 * a changed row): by displayName as people read names (case and accents aside, "Shop 9" before
 * "Shop 10"), then by idInstance. The host sorts once; the view places changed rows with the same
 * function and locale (`vscode.env.language` in the host, `<html lang>` in the page).
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
 * A comparison for sort and binary search, over one `Intl.Collator` (`localeCompare` would look
 * one up per call). Numeric collation is ICU's slow path (about 50 ms for 10,000 names), so the
 * host sorts once. `locale`: a BCP 47 tag; `undefined`, `''` or a tag the runtime rejects gives its
 * default locale rather than a RangeError.
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
