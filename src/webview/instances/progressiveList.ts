/**
 * The Instances view's list, for 10 rows or 10,000: the rows by idInstance, the first screenful
 * drawn at once and the rest in idle-time chunks (the backlog), and a changed row placed by binary search.
 */
import { InstanceRow } from '../../views/instances/protocol';
import { SortOrder, rowOrder } from '../../core/instanceOrder';
import { ensureTicker } from './announcer';
import { renderRow } from './rowMarkup';

const rows = new Map<string, InstanceRow>();
const elements = new Map<string, HTMLElement>();
/** Each drawn row's idInstance, by its element. */
const idOf = new WeakMap<Element, string>();
/** Every row the host sent, drawn or still in the backlog, by idInstance; only this module changes it. */
export const listedRows: ReadonlyMap<string, InstanceRow> = rows;
/** The elements of the rows drawn since the last 'init', by idInstance: after a filter change, some wait in the backlog, out of the document. */
export const drawnRows: ReadonlyMap<string, HTMLElement> = elements;
/** The `<ul>` of the drawn rows, in order; given by mountList, replaced by retire. */
let list: HTMLUListElement;
/** The filter's test (true: shown); given by mountList. */
let shows: (row: InstanceRow) => boolean;

/** Gives the list its `<ul>` and the filter's test (true: the row is shown); called once, before any message. */
export function mountList(element: HTMLUListElement, filter: (row: InstanceRow) => boolean): void {
  list = element;
  shows = filter;
}

/** A whole new list (the 'init' message), in the host's order: the rows drawn before go. */
export function replaceList(all: readonly InstanceRow[]): void {
  rows.clear();
  elements.clear();
  drawAll(all);
}

/** A removed row goes from the list, drawn or not. */
export function removeRow(idInstance: string): void {
  rows.delete(idInstance);
  removeFromBacklog(idInstance);
  elements.get(idInstance)?.remove();
  elements.delete(idInstance);
}

/**
 * The list's order, the host's own (core/instanceOrder, in the page's language): 'init'
 * brings the rows in it, and a changed row is placed by it. setOrder changes it.
 */
let compareRows: (a: InstanceRow, b: InstanceRow) => number = rowOrder(document.documentElement.lang, 'name');

/** The order of the next replaceList and of every change after it (the view's Sort By); call it just before replaceList. */
export function setOrder(order: SortOrder): void {
  compareRows = rowOrder(document.documentElement.lang, order);
}

/**
 * Rows in order but not drawn yet, all of them after the last drawn one. The first screenful
 * is drawn at once, so the view's first frame costs the same for 10 rows or 10,000; the
 * rest follow in chunks between frames, in order, so keyboard navigation and the filter
 * see a list that only grows at its end.
 */
let backlog: InstanceRow[] = [];
const backlogIds = new Set<string>();
/**
 * requestIdleCallback, or where a browser lacks it (Safari, for code-server or vscode.dev) a
 * 0 ms timer that reports no idle time, so that one chunk is drawn per task.
 */
const whenIdle: (callback: IdleRequestCallback, options: IdleRequestOptions) => number =
  typeof window.requestIdleCallback === 'function'
    ? (callback, options) => window.requestIdleCallback(callback, options)
    : (callback) => window.setTimeout(() => callback({ didTimeout: true, timeRemaining: () => 0 }), 0);
const cancelIdle: (handle: number) => void =
  typeof window.cancelIdleCallback === 'function'
    ? (handle) => window.cancelIdleCallback(handle)
    : (handle) => window.clearTimeout(handle);

/** The idle callback that draws the next chunk, while one is scheduled. */
let backlogTask: number | undefined;
/** The frame after which a new list's backlog starts, while it is awaited. */
let firstFrame: number | undefined;
/** Less than any row's height in px: a row is at least its badge line, its details and its actions. */
const MIN_ROW_PX = 48;
/** Rows that fill the view's height and a few more, however tall the sidebar is (40 in a 1,700 px one). */
function firstScreenRows(): number {
  return Math.ceil(Math.max(window.innerHeight, 600) / MIN_ROW_PX) + 4;
}
/** Rows per chunk: a few ms of work, so a frame never waits long behind rows nobody sees yet. */
const CHUNK_ROWS = 25;
/** What one chunk of rows takes to build, about (ms): another starts only with this much idle time left. */
const CHUNK_MS = 3;
/** At most this long between chunks (ms) when the page is never idle. */
const BACKLOG_TIMEOUT_MS = 100;

/**
 * A whole list, in the list's order as the host sorted it (InstanceRegistry.list): its first
 * screenful drawn now, the rest queued for idle time. Nothing is compared before the first
 * frame: sorting 10,000 names again with the collator would take tens of ms. After it, one
 * pass checks the order with this page's own comparison, unless `sorted` says this page
 * sorted the rows itself.
 */
function drawAll(all: readonly InstanceRow[], sorted = false): void {
  if (backlogTask !== undefined) cancelIdle(backlogTask);
  backlogTask = undefined;
  for (const row of all) {
    rows.set(row.idInstance, row);
  }
  const firstScreen = firstScreenRows();
  list.replaceChildren(drawRows(all.slice(0, firstScreen)));
  backlog = all.slice(firstScreen);
  backlogIds.clear();
  for (const row of backlog) backlogIds.add(row.idInstance);
  // Only once the first screenful is on its way to the screen: the browser may call an idle
  // callback before a pending frame, and chunks drawn there would hold that frame back.
  if (firstFrame !== undefined) window.cancelAnimationFrame(firstFrame);
  firstFrame = window.requestAnimationFrame(() => {
    firstFrame = undefined;
    if (sorted) {
      drawBacklogSoon();
      return;
    }
    backlogTask = whenIdle(
      () => {
        backlogTask = undefined;
        if (inOrder()) drawBacklogSoon();
        else drawAll([...rows.values()].sort(compareRows), true);
      },
      { timeout: BACKLOG_TIMEOUT_MS },
    );
  });
}

/**
 * Whether the drawn rows and then the backlog follow this page's comparison. They do when the
 * host's collator and the browser's agree; a remote extension host (code-server, vscode.dev)
 * runs another ICU, or falls back to another default locale, and may order a few names
 * differently. Placing a changed row by binary search needs the page's own order.
 */
function inOrder(): boolean {
  let previous: InstanceRow | undefined;
  const follows = (row: InstanceRow | undefined): boolean => {
    if (!row) return true;
    const ok = previous === undefined || compareRows(previous, row) <= 0;
    previous = row;
    return ok;
  };
  for (const element of list.children) if (!follows(rows.get((element as HTMLElement).dataset.id ?? ''))) return false;
  return backlog.every(follows);
}

/**
 * Where `row` goes among `count` rows in order, `rowAt(i)` being the i-th: after every row
 * that sorts before or with it. A position with no row counts as one that sorts after it.
 */
function placeOf(row: InstanceRow, count: number, rowAt: (index: number) => InstanceRow | undefined): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const other = rowAt(middle);
    if (other && compareRows(other, row) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Rows built off-document, so a chunk costs one layout. A row drawn before a filter change
 * keeps its element: upsertRow renders it while it waits in the backlog, so it is current.
 */
function drawRows(batch: readonly InstanceRow[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const row of batch) {
    let element = elements.get(row.idInstance);
    if (!element) {
      element = document.createElement('li');
      element.dataset.id = row.idInstance;
      element.dataset.name = row.name;
      elements.set(row.idInstance, element);
      idOf.set(element, row.idInstance);
      renderRow(element, row);
    }
    element.hidden = !shows(row);
    fragment.appendChild(element);
  }
  return fragment;
}

/**
 * The filter changed: the list drawn again from its top, as a new list is, in one operation:
 * rows up to the first screenful of shown ones (and up to a focused row that stays shown, which
 * keeps its focus), the rest back in the backlog for idle time. Showing or hiding thousands of
 * drawn `content-visibility: auto` rows one by one costs Chromium a layout of every one of
 * them (tens of ms to seconds); this costs the layout of a screenful (bench/sidebar.ts).
 */
export function redrawFiltered(): void {
  const ordered: InstanceRow[] = [];
  // By index and a WeakMap: reading 10,000 elements' dataset takes about 10 ms.
  const children = list.children;
  for (let i = 0; i < children.length; i++) {
    const row = rows.get(idOf.get(children[i] as Element) ?? '');
    if (row) ordered.push(row);
  }
  for (const row of backlog) ordered.push(rows.get(row.idInstance) ?? row);
  const focused =
    document.activeElement instanceof HTMLElement && list.contains(document.activeElement)
      ? document.activeElement
      : undefined;
  const focusedId = focused?.closest<HTMLElement>('li[data-id]')?.dataset.id;
  const focusedRow = focusedId === undefined ? undefined : rows.get(focusedId);
  const keepUpTo = focusedRow && shows(focusedRow) ? ordered.indexOf(focusedRow) : -1;
  const firstScreen = firstScreenRows();
  let end = 0;
  for (let shown = 0; end < ordered.length && (shown < firstScreen || end <= keepUpTo); end++) {
    if (shows(ordered[end] as InstanceRow)) shown++;
  }
  const fragment = drawRows(ordered.slice(0, end));
  if (list.childElementCount <= RETIRE_OVER) list.replaceChildren(fragment);
  else retire(fragment);
  backlog = ordered.slice(end);
  backlogIds.clear();
  for (const row of backlog) backlogIds.add(row.idInstance);
  if (keepUpTo >= 0 && focused && document.activeElement !== focused) focused.focus({ preventScroll: true });
  // A new list's first frame and order check, when still to come, start the backlog themselves.
  if (firstFrame === undefined) drawBacklogSoon();
}

function drawBacklogSoon(): void {
  if ((backlog.length === 0 && retired.length === 0) || backlogTask !== undefined) return;
  // In idle time: after the first screenful is painted, and between frames while the user
  // scrolls or types; the timeout keeps the list growing on a page that is never idle.
  backlogTask = whenIdle(
    (idle) => {
      backlogTask = undefined;
      // Small chunks while the idle period lasts (one when the timeout forced the call), so a
      // frame never waits long behind rows nobody sees yet.
      do {
        if (backlog.length === 0) {
          if (!cleanUpRetired()) break;
          continue;
        }
        const chunk = backlog.splice(0, CHUNK_ROWS);
        for (const row of chunk) backlogIds.delete(row.idInstance);
        list.appendChild(drawRows(chunk.map((row) => rows.get(row.idInstance) ?? row)));
      } while ((backlog.length > 0 || retired.length > 0) && !idle.didTimeout && idle.timeRemaining() > CHUNK_MS);
      ensureTicker(rows, elements);
      drawBacklogSoon();
    },
    { timeout: BACKLOG_TIMEOUT_MS },
  );
}

/** Takes a row into the backlog when it sorts after the drawn rows; false when it belongs among them. */
function queueIfNotDrawnYet(row: InstanceRow): boolean {
  if (backlogIds.has(row.idInstance)) removeFromBacklog(row.idInstance);
  const first = backlog[0];
  if (!first || compareRows(row, first) < 0) return false;
  backlog.splice(
    placeOf(row, backlog.length, (index) => backlog[index]),
    0,
    row,
  );
  backlogIds.add(row.idInstance);
  return true;
}

function removeFromBacklog(idInstance: string): void {
  if (!backlogIds.delete(idInstance)) return;
  backlog = backlog.filter((row) => row.idInstance !== idInstance);
}

/** More drawn rows than this, and a filter change sets the list aside instead of emptying it. */
const RETIRE_OVER = 500;
/** Lists set aside, out of sight, their rows taken back by the backlog or removed in idle time. */
const retired: HTMLElement[] = [];
/** Rows removed from a set-aside list per idle chunk: about 2 ms. */
const REMOVE_ROWS = 500;

/**
 * A new `<ul>` with `rows` in place of the list, the old one kept out of sight and reach
 * (`content-visibility: hidden` keeps its layout and takes its rows from focus, search and the
 * accessibility tree; inert would restyle every row): Chromium takes about 4 µs to take
 * one laid-out row out of the document, 40 ms for 10,000, so that is left to idle time.
 */
function retire(rows: DocumentFragment): void {
  const fresh = list.cloneNode(false) as HTMLUListElement;
  fresh.append(rows);
  list.classList.replace('rows', 'retired');
  list.setAttribute('aria-hidden', 'true');
  list.removeAttribute('aria-label');
  list.before(fresh);
  retired.push(list);
  list = fresh;
}

/** One idle chunk of the set-aside lists' cleanup; true when there was some. */
function cleanUpRetired(): boolean {
  const old = retired[0];
  if (!old) return false;
  for (let i = 0; i < REMOVE_ROWS && old.lastChild; i++) old.lastChild.remove();
  if (!old.lastChild) {
    old.remove();
    retired.shift();
  }
  return true;
}

/** The list's `<ul>` now: a filter change on a long list puts a new one in its place. */
export function listElement(): HTMLUListElement {
  return list;
}

/** A new or changed row, drawn in its place, or queued when its place is not drawn yet. */
export function upsertRow(row: InstanceRow): void {
  const before = rows.get(row.idInstance);
  rows.set(row.idInstance, row);
  let element = elements.get(row.idInstance);
  if (!element) {
    // Not drawn yet, and its place is still to come: it is drawn with its chunk.
    if (queueIfNotDrawnYet(row)) return;
    element = document.createElement('li');
    element.dataset.id = row.idInstance;
    elements.set(row.idInstance, element);
    idOf.set(element, row.idInstance);
    insertSorted(element, row);
  } else if (before && compareRows(before, row) !== 0) {
    // Its place changed (a new name, or under Needs Attention First a new group): drawn, then
    // moved, the keyboard focus it held following it (taking a node out of the document drops focus).
    drawInto(element, row);
    const focused = element.contains(document.activeElement) ? (document.activeElement as HTMLElement) : undefined;
    element.remove();
    if (backlog.length > 0 && queueIfNotDrawnYet(row)) {
      elements.delete(row.idInstance);
      return;
    }
    insertSorted(element, row);
    focused?.focus();
    return;
  }
  drawInto(element, row);
}

function drawInto(element: HTMLElement, row: InstanceRow): void {
  element.dataset.name = row.name;
  renderRow(element, row);
  element.hidden = !shows(row);
}

/** Puts a row's element among the rendered rows, which are kept in order. */
function insertSorted(element: HTMLElement, row: InstanceRow): void {
  const children = list.children as HTMLCollectionOf<HTMLElement>;
  const place = placeOf(row, children.length, (index) => rows.get(children[index]?.dataset.id ?? ''));
  list.insertBefore(element, children[place] ?? null);
}
