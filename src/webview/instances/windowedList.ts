/**
 * The Instances view's list, for 10 rows or 10,000, windowed as VS Code's own list is: only the
 * rows in and near the view (and the one holding the focus) are in the document, each placed
 * absolutely at its row's offset in a `<ul>` as tall as every shown row together. So a filter
 * change, a new list or a scroll costs the layout of a screenful, whatever the list's length.
 */
import { InstanceRow } from '../../views/instances/protocol';
import { SortOrder, rowOrder } from '../../core/instanceOrder';
import { renderRow } from './rowMarkup';

const rows = new Map<string, InstanceRow>();
const elements = new Map<string, HTMLElement>();
/** Every row the host sent, by idInstance; only this module changes it. */
export const listedRows: ReadonlyMap<string, InstanceRow> = rows;
/** The elements of the rows in the document now (the window), by idInstance. */
export const drawnRows: ReadonlyMap<string, HTMLElement> = elements;
/** The `<ul>` of the rows; given by mountList. */
let list: HTMLUListElement;
/** The filter's test (true: shown); given by mountList. */
let shows: (row: InstanceRow) => boolean;

/**
 * The list's order, the host's own (core/instanceOrder, in the page's language): 'init'
 * brings the rows in it, and a changed row is placed by it. setOrder changes it.
 */
let compareRows: (a: InstanceRow, b: InstanceRow) => number = rowOrder(document.documentElement.lang, 'name');

/** The order of the next replaceList and of every change after it (the view's Sort By); call it just before replaceList. */
export function setOrder(order: SortOrder): void {
  compareRows = rowOrder(document.documentElement.lang, order);
}

/** Every row in the list's order. */
let ordered: InstanceRow[] = [];
/** The rows the filter shows, in order; worked out again when `stale`. */
let shown: InstanceRow[] = [];
let stale = true;
/** Each shown row's top in px within the list, and after the last one the list's height. */
let tops = new Float64Array(1);
/** The row each drawn element shows, so an element drawn from an older row is drawn again. */
const drawnFrom = new WeakMap<HTMLElement, InstanceRow>();

/** Each row's height as last measured in the document (px), by idInstance; a drawn row is measured again. */
const measured = new Map<string, number>();
/** The measured heights' sum and count: their mean estimates the rows never drawn. */
let measuredSum = 0;
let measuredCount = 0;
/** A row's height before any row was measured (px): a badge line, details, a check time, actions. */
const DEFAULT_ROW_PX = 96;
/** Rows drawn beyond the view, above and below it (px): a keypress or a short scroll finds them there. */
const OVERSCAN_PX = 400;
/** The list's width when its rows were measured: a new width rewraps rows, so their heights go. */
let measuredWidth = 0;

/** Gives the list its `<ul>` and the filter's test (true: the row is shown); called once, before any message. */
export function mountList(element: HTMLUListElement, filter: (row: InstanceRow) => boolean): void {
  list = element;
  shows = filter;
  window.addEventListener('scroll', drawSoon, { passive: true });
  // The sidebar's width rewraps rows, and a font arriving late changes their heights: measured again.
  new ResizeObserver(() => {
    const width = list.clientWidth;
    if (width === measuredWidth) return;
    forgetHeights();
    drawSoon();
  }).observe(list);
  rowSizes = new ResizeObserver((entries) => {
    if (entries.some((entry) => entry.target.isConnected && heightChanged(entry.target as HTMLElement))) drawSoon();
  });
}

/** Watches the drawn rows' heights: a change outside drawList (a late font) is measured in the next frame. */
let rowSizes: ResizeObserver;

function heightChanged(element: HTMLElement): boolean {
  const row = rows.get(element.dataset.id ?? '');
  return !!row && measured.get(row.idInstance) !== element.getBoundingClientRect().height;
}

/** The rows' heights as measured are forgotten (the row density changed): each is measured again when drawn. */
export function forgetHeights(): void {
  measured.clear();
  measuredSum = 0;
  measuredCount = 0;
}

function noteHeight(idInstance: string, px: number): void {
  const before = measured.get(idInstance);
  if (before === undefined) measuredCount++;
  measuredSum += px - (before ?? 0);
  measured.set(idInstance, px);
}

/** A whole new list (the 'init' message), in the host's order; the page checks that order after the first frame. */
export function replaceList(all: readonly InstanceRow[]): void {
  rows.clear();
  for (const row of all) rows.set(row.idInstance, row);
  ordered = all.slice();
  stale = true;
  if (orderCheck !== undefined) window.cancelAnimationFrame(orderCheck);
  // After the first frame: sorting 10,000 names with the collator takes tens of ms.
  orderCheck = window.requestAnimationFrame(() => {
    orderCheck = undefined;
    whenIdle(() => {
      if (inOrder()) return;
      ordered.sort(compareRows);
      stale = true;
      drawList();
    });
  });
}

/** The frame before which a new list's order is checked, while it is awaited. */
let orderCheck: number | undefined;

/** requestIdleCallback, or where a browser lacks it (Safari, for code-server or vscode.dev) a 0 ms timer. */
function whenIdle(callback: () => void): void {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(callback, { timeout: 100 });
  else window.setTimeout(callback, 0);
}

/**
 * Whether the rows follow this page's comparison. They do when the host's collator and the
 * browser's agree; a remote extension host (code-server, vscode.dev) runs another ICU, or
 * falls back to another default locale, and may order a few names differently. Placing a
 * changed row by binary search needs the page's own order.
 */
function inOrder(): boolean {
  for (let i = 1; i < ordered.length; i++) {
    if (compareRows(ordered[i - 1] as InstanceRow, ordered[i] as InstanceRow) > 0) return false;
  }
  return true;
}

/** A removed row goes from the list. */
export function removeRow(idInstance: string): void {
  const row = rows.get(idInstance);
  if (!row) return;
  rows.delete(idInstance);
  ordered.splice(ordered.indexOf(row), 1);
  const px = measured.get(idInstance);
  if (px !== undefined) {
    measured.delete(idInstance);
    measuredSum -= px;
    measuredCount--;
  }
  stale = true;
}

/**
 * A new or changed row: a drawn one drawn again at once, and placed in the list's order (its
 * place changes with a new name, or under Needs Attention First with a new group).
 */
export function upsertRow(row: InstanceRow): void {
  const before = rows.get(row.idInstance);
  rows.set(row.idInstance, row);
  if (!before || compareRows(before, row) !== 0) {
    if (before) ordered.splice(ordered.indexOf(before), 1);
    ordered.splice(placeOf(row), 0, row);
    stale = true;
  } else {
    ordered[ordered.indexOf(before)] = row;
    const index = stale ? -1 : shown.indexOf(before);
    if (index < 0 || !shows(row)) stale ||= index >= 0 || shows(row);
    else shown[index] = row;
  }
  const element = elements.get(row.idInstance);
  if (element) {
    renderRow(element, row);
    drawnFrom.set(element, row);
  }
}

/** Where `row` goes among the ordered rows: after every row that sorts before or with it. */
function placeOf(row: InstanceRow): number {
  let low = 0;
  let high = ordered.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareRows(ordered[middle] as InstanceRow, row) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The filter changed: the shown rows are worked out again at the next drawList. */
export function redrawFiltered(): void {
  stale = true;
}

/** How many rows the filter shows, as of the last drawList. */
export function shownRowCount(): number {
  return shown.length;
}

/** The list's `<ul>`. */
export function listElement(): HTMLUListElement {
  return list;
}

/**
 * The shown row `step` rows after (or before, when negative) the one `element` draws, put in
 * the document for the keyboard to move to; undefined past either end.
 */
export function rowBeside(element: HTMLElement, step: number): HTMLElement | undefined {
  const index = indexOfShown(element.dataset.id);
  const next = index < 0 ? undefined : shown[index + step];
  if (!next) return undefined;
  drawList(next.idInstance);
  return elements.get(next.idInstance);
}

let frame: number | undefined;
/** A scroll or a resize: the window drawn again in the next frame, once. */
function drawSoon(): void {
  if (frame !== undefined) return;
  frame = window.requestAnimationFrame(() => {
    frame = undefined;
    drawList();
  });
}

/**
 * Puts the window in the document: the shown rows that the view shows and OVERSCAN_PX around
 * it, the row holding the focus and `extra`, each at its top; then measures them (one layout)
 * and, where a height differs from its estimate, places the rows again (a few times at most),
 * keeping the first row in view where it was. Called after each message and filter change.
 */
export function drawList(extra?: string): void {
  if (stale) findShown();
  const laidOut = list.clientWidth > 0;
  for (let pass = 0; pass < 3; pass++) {
    const drawn = putWindow(extra);
    if (!laidOut || !measure(drawn)) break;
  }
}

/** The shown rows and their tops, from the ordered rows and the filter. */
function findShown(): void {
  shown = ordered.filter(shows);
  stale = false;
  placeRows();
}

/**
 * Each shown row's top: from its measured height, or for a row never drawn the mean of those
 * measured (a per-row estimate by its parts cost more than the first frame could spare at 10,000).
 */
function placeRows(): void {
  tops = new Float64Array(shown.length + 1);
  const estimate = measuredCount > 0 ? measuredSum / measuredCount : DEFAULT_ROW_PX;
  let top = 0;
  for (let i = 0; i < shown.length; i++) {
    tops[i] = top;
    top += measured.get((shown[i] as InstanceRow).idInstance) ?? estimate;
  }
  tops[shown.length] = top;
}

/** The first shown row whose bottom is below `y` (px within the list). */
function rowAt(y: number): number {
  let low = 0;
  let high = shown.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((tops[middle + 1] as number) <= y) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The place of a row among the shown ones, -1 when it is not shown: one pass, for the focused row alone. */
function indexOfShown(idInstance: string | undefined): number {
  const row = idInstance === undefined ? undefined : rows.get(idInstance);
  return row ? shown.indexOf(row) : -1;
}

/** The rows of the window in the document, in order, each placed; returns them with their indexes. */
function putWindow(extra: string | undefined): [number, HTMLElement][] {
  const viewTop = -list.getBoundingClientRect().top;
  const first = rowAt(viewTop - OVERSCAN_PX);
  const last = Math.min(shown.length, rowAt(viewTop + window.innerHeight + OVERSCAN_PX) + 1);
  const wanted = new Set<number>();
  for (let i = first; i < last; i++) wanted.add(i);
  const control = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
  const focused = control?.closest<HTMLElement>('li[data-id]');
  for (const id of [focused?.dataset.id, extra]) {
    const index = indexOfShown(id);
    if (index >= 0) wanted.add(index);
  }
  const indexes = [...wanted].sort((a, b) => a - b);
  const keep = new Set(indexes.map((i) => (shown[i] as InstanceRow).idInstance));
  for (const [id, element] of elements) {
    if (keep.has(id)) continue;
    rowSizes.unobserve(element);
    element.remove();
    elements.delete(id);
  }
  let cursor = list.firstElementChild;
  const drawn: [number, HTMLElement][] = [];
  for (const index of indexes) {
    const element = elementFor(shown[index] as InstanceRow);
    if (element === cursor) cursor = cursor.nextElementSibling;
    else list.insertBefore(element, cursor);
    element.style.top = `${tops[index]}px`;
    element.setAttribute('aria-posinset', String(index + 1));
    element.setAttribute('aria-setsize', String(shown.length));
    drawn.push([index, element]);
  }
  list.style.height = `${tops[shown.length]}px`;
  // A row moved to its new place (renamed) loses the focus: given back.
  if (control?.isConnected && document.activeElement !== control) control.focus({ preventScroll: true });
  return drawn;
}

/** The row's element, drawn from the row as it is now. */
function elementFor(row: InstanceRow): HTMLElement {
  let element = elements.get(row.idInstance);
  if (!element) {
    element = document.createElement('li');
    element.dataset.id = row.idInstance;
    elements.set(row.idInstance, element);
    rowSizes.observe(element);
  }
  if (drawnFrom.get(element) !== row) {
    renderRow(element, row);
    drawnFrom.set(element, row);
  }
  return element;
}

/**
 * Reads the drawn rows' heights (one layout); when any differs from the one it was placed by,
 * every top is worked out again and the view scrolled by what changed above it. True then.
 */
function measure(drawn: readonly [number, HTMLElement][]): boolean {
  measuredWidth = list.clientWidth;
  const viewTop = -list.getBoundingClientRect().top;
  let changed = false;
  for (const [index, element] of drawn) {
    const row = shown[index] as InstanceRow;
    const px = element.getBoundingClientRect().height;
    noteHeight(row.idInstance, px);
    if (Math.abs(px - ((tops[index + 1] as number) - (tops[index] as number))) > 0.01) changed = true;
  }
  if (!changed) return false;
  const anchor = viewTop > 0 ? rowAt(viewTop) : undefined;
  const anchorTop = anchor === undefined ? 0 : (tops[anchor] as number);
  placeRows();
  if (anchor !== undefined && anchor < shown.length) {
    const moved = (tops[anchor] as number) - anchorTop;
    if (moved !== 0) window.scrollBy(0, moved);
  }
  return true;
}
