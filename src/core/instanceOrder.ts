/**
 * The one order of instances wherever they are listed (the registry's list, the view's placing of
 * a changed row): by displayName as people read names (case and accents aside, "Shop 9" before
 * "Shop 10"), then by idInstance. The host sorts once; the view places changed rows with the same
 * function and locale (`vscode.env.language` in the host, `<html lang>` in the page).
 */
import { CategoryFacts, RowCategory, rowCategory } from './stateFilter';

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

/**
 * The Instances view's orders, the choice of its title menu's "Sort By" (the setting
 * greenApi.instancesView.sortOrder): by name, or those that need attention first.
 */
export const SORT_ORDERS = ['name', 'attentionFirst'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** A setting's or a message's value read back: a known order, else by name. */
export function parseSortOrder(value: unknown): SortOrder {
  return (SORT_ORDERS as readonly unknown[]).includes(value) ? (value as SortOrder) : 'name';
}

/** Needs attention first, then Not linked (what a phone could fix), then Linked. */
const CATEGORY_RANK: Readonly<Record<RowCategory, number>> = { attention: 0, notLinked: 1, linked: 2 };

/** Where a row's group comes under `order`: 0 for every row by name, its category's rank otherwise. */
function rankOf(order: SortOrder, row: CategoryFacts): number {
  return order === 'name' ? 0 : CATEGORY_RANK[rowCategory(row)];
}

/**
 * The view's comparison under `order` (for sort and binary search): its group (core/stateFilter's
 * category, attention first) and then instanceOrder within it. `locale` as for instanceOrder.
 */
export function rowOrder<Row extends Orderable & CategoryFacts>(
  locale: string | undefined,
  order: SortOrder,
): (a: Row, b: Row) => number {
  const byName = instanceOrder(locale);
  if (order === 'name') return byName;
  return (a, b) => rankOf(order, a) - rankOf(order, b) || byName(a, b);
}

/**
 * `rows`, already in instanceOrder (InstanceRegistry.list's), put in `order` without comparing
 * names again: a stable split by group, O(n), as rowOrder sorts them. Returns a new array.
 */
export function orderRows<Row extends CategoryFacts>(rows: readonly Row[], order: SortOrder): Row[] {
  if (order === 'name') return [...rows];
  const groups: Row[][] = [[], [], []];
  for (const row of rows) (groups[rankOf(order, row)] as Row[]).push(row);
  return groups.flat();
}
