/** The keys of the WAI-ARIA toolbar pattern (https://www.w3.org/WAI/ARIA/apg/patterns/toolbar/), apart from the DOM. */

/**
 * The index of the button the `key` (a KeyboardEvent.key) leads to from `index` in a toolbar
 * of `count` buttons; undefined for a key the toolbar leaves alone (Up and Down move between
 * rows) or an empty toolbar.
 */
export function toolbarIndexForKey(key: string, index: number, count: number): number | undefined {
  if (count <= 0) return undefined;
  const last = count - 1;
  const next: Record<string, number> = {
    ArrowRight: index >= last ? 0 : index + 1,
    ArrowLeft: index <= 0 ? last : index - 1,
    Home: 0,
    End: last,
  };
  return key in next ? next[key] : undefined;
}
