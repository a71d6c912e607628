import { HostMessage, InstanceRow, RowAction, WebviewMessage } from '../views/instances/protocol';
import { escapeHtml } from '../core/html';
import { instanceOrder } from '../core/instanceOrder';
import { EXPIRING_SOON_MS, formatAuthorizationCode, formatRemaining } from '../core/countdown';
import { PageDeadlines } from '../core/pageDeadlines';
import { badgeFor, rowHoldsAccount } from './badges';
import { t } from './l10n';
import { acquireWebviewApi } from './vscodeApi';

/** The Instances view, inside the webview. It renders what the host sends and posts actions back; it holds no secret. */

interface SavedState {
  filter: string;
}

const FILTER_THRESHOLD = 7;
const vscode = acquireWebviewApi<WebviewMessage>();
const saved = (vscode.getState() as SavedState | undefined) ?? { filter: '' };

const rows = new Map<string, InstanceRow>();
const elements = new Map<string, HTMLElement>();
/** Each row's code deadline, on this page's monotonic clock. */
const deadlines = new PageDeadlines();
let ticker: number | undefined;

const app = document.getElementById('app') as HTMLElement;
/** The only live region: a code's arrival, one minute left, its expiry and a link are said; the countdown's seconds are not. */
const announcer = document.createElement('div');
announcer.className = 'visually-hidden';
announcer.setAttribute('role', 'status');
announcer.setAttribute('aria-live', 'polite');
document.body.appendChild(announcer);
/** Per instance: the code last seen and whether its last minute was announced. */
const heard = new Map<string, { code: string | undefined; minute: boolean }>();
app.innerHTML = `
  <div class="problems" hidden></div>
  <div class="filter" hidden>
    <input type="search" placeholder="${escapeHtml(t('Filter by name, idInstance or host'))}" aria-label="${escapeHtml(t('Filter instances'))}">
  </div>
  <div class="empty-state" hidden>
    <p>${escapeHtml(t('An instance is one WhatsApp account slot on GREEN-API. Add one with its apiUrl, idInstance and apiTokenInstance from the GREEN-API console, then link a phone to it with an authorization code.'))}</p>
    <button class="primary" data-global="addInstance"><span class="codicon codicon-add"></span> ${escapeHtml(t('Add instance'))}</button>
  </div>
  <ul class="rows" role="list" aria-label="${escapeHtml(t('GREEN-API instances'))}"></ul>`;
const list = app.querySelector('.rows') as HTMLUListElement;
const filterBox = app.querySelector('.filter') as HTMLElement;
const filterInput = filterBox.querySelector('input') as HTMLInputElement;
const empty = app.querySelector(".empty-state") as HTMLElement;
const problems = app.querySelector('.problems') as HTMLElement;
filterInput.value = saved.filter;

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      deadlines.clear();
      // Only rows with a code have a deadline: after clear(), forgetting the others is nothing to do.
      for (const row of message.rows) if (row.code) hearDeadline(row);
      rows.clear();
      elements.clear();
      drawAll(message.rows);
      showProblems(message.problems);
      break;
    case 'rows':
      message.rows.forEach(upsert);
      break;
    case 'removeRow':
      deadlines.forget(message.idInstance);
      rows.delete(message.idInstance);
      removeFromBacklog(message.idInstance);
      elements.get(message.idInstance)?.remove();
      elements.delete(message.idInstance);
      break;
    case 'problems':
      showProblems(message.problems);
      break;
  }
  refreshChrome();
});

app.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest('button');
  if (!button) return;
  const global = button.dataset.global;
  if (global === 'addInstance' || global === 'refreshAll') {
    vscode.postMessage({ type: global });
    return;
  }
  const action = button.dataset.action as RowAction | undefined;
  const idInstance = button.closest<HTMLElement>('[data-id]')?.dataset.id;
  if (action && idInstance) vscode.postMessage({ type: 'rowAction', action, idInstance });
});

filterInput.addEventListener('input', () => {
  saved.filter = filterInput.value;
  vscode.setState(saved);
  applyFilter();
});

// Up and down move between rows, keeping the column of the focused control.
list.addEventListener('keydown', (event) => {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const current = (event.target as HTMLElement).closest<HTMLElement>('li[data-id]');
  if (!current) return;
  let next = current;
  do {
    next = (event.key === 'ArrowDown' ? next.nextElementSibling : next.previousElementSibling) as HTMLElement;
  } while (next && next.hidden);
  if (!next) return;
  const action = (event.target as HTMLElement).dataset.action;
  const target = (action && next.querySelector<HTMLElement>(`[data-action="${action}"]`)) || next.querySelector<HTMLElement>('button, [tabindex="0"]');
  target?.focus();
  event.preventDefault();
});

/**
 * The list's order, the host's own (core/instanceOrder, in the page's language): 'init'
 * brings the rows in it, and a changed row is placed by it.
 */
const compareRows: (a: InstanceRow, b: InstanceRow) => number = instanceOrder(document.documentElement.lang);

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
const cancelIdle: (handle: number) => void = typeof window.cancelIdleCallback === 'function' ? (handle) => window.cancelIdleCallback(handle) : (handle) => window.clearTimeout(handle);

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
    // A code already pending when the view opens is not news; its last minute still is.
    if (row.code && heard.get(row.idInstance)?.code !== row.code.value) heard.set(row.idInstance, { code: row.code.value, minute: false });
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
    backlogTask = whenIdle(() => {
      backlogTask = undefined;
      if (inOrder()) drawBacklogSoon();
      else drawAll([...rows.values()].sort(compareRows), true);
    }, { timeout: BACKLOG_TIMEOUT_MS });
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

/** Rows built off-document, so a chunk costs one layout. */
function drawRows(batch: readonly InstanceRow[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const row of batch) {
    const element = document.createElement('li');
    element.dataset.id = row.idInstance;
    element.dataset.name = row.name;
    elements.set(row.idInstance, element);
    renderRow(element, row);
    element.hidden = !matchesFilter(row);
    fragment.appendChild(element);
  }
  return fragment;
}

function drawBacklogSoon(): void {
  if (backlog.length === 0 || backlogTask !== undefined) return;
  // In idle time: after the first screenful is painted, and between frames while the user
  // scrolls or types; the timeout keeps the list growing on a page that is never idle.
  backlogTask = whenIdle((idle) => {
    backlogTask = undefined;
    // Small chunks while the idle period lasts (one when the timeout forced the call), so a
    // frame never waits long behind rows nobody sees yet.
    do {
      const chunk = backlog.splice(0, CHUNK_ROWS);
      for (const row of chunk) backlogIds.delete(row.idInstance);
      list.appendChild(drawRows(chunk.map((row) => rows.get(row.idInstance) ?? row)));
    } while (backlog.length > 0 && !idle.didTimeout && idle.timeRemaining() > CHUNK_MS);
    ensureTicker();
    drawBacklogSoon();
  }, { timeout: BACKLOG_TIMEOUT_MS });
}

/** Takes a row into the backlog when it sorts after the drawn rows; false when it belongs among them. */
function queueIfNotDrawnYet(row: InstanceRow): boolean {
  if (backlogIds.has(row.idInstance)) removeFromBacklog(row.idInstance);
  const first = backlog[0];
  if (!first || compareRows(row, first) < 0) return false;
  backlog.splice(placeOf(row, backlog.length, (index) => backlog[index]), 0, row);
  backlogIds.add(row.idInstance);
  return true;
}

function removeFromBacklog(idInstance: string): void {
  if (!backlogIds.delete(idInstance)) return;
  backlog = backlog.filter((row) => row.idInstance !== idInstance);
}

/** Notes when a row's code runs out, from the time left it was sent with. */
function hearDeadline(row: InstanceRow): void {
  if (row.code) deadlines.heard(row.idInstance, row.code.remainingMs);
  else deadlines.forget(row.idInstance);
}

function upsert(row: InstanceRow): void {
  announceChange(rows.get(row.idInstance), row);
  hearDeadline(row);
  rows.set(row.idInstance, row);
  let element = elements.get(row.idInstance);
  if (!element) {
    // Not drawn yet, and its place is still to come: it is drawn with its chunk.
    if (queueIfNotDrawnYet(row)) return;
    element = document.createElement('li');
    element.dataset.id = row.idInstance;
    elements.set(row.idInstance, element);
    insertSorted(element, row);
  } else if (element.dataset.name !== row.name) {
    element.remove();
    if (backlog.length > 0 && queueIfNotDrawnYet(row)) {
      elements.delete(row.idInstance);
      return;
    }
    insertSorted(element, row);
  }
  element.dataset.name = row.name;
  renderRow(element, row);
  element.hidden = !matchesFilter(row);
}

/** The state history's times: day and time, one shared formatter. */
const historyFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** toLocaleTimeString builds a formatter per call; a row render needs one shared. */
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/** Puts a row's element among the rendered rows, which are kept in order. */
function insertSorted(element: HTMLElement, row: InstanceRow): void {
  const children = list.children as HTMLCollectionOf<HTMLElement>;
  const place = placeOf(row, children.length, (index) => rows.get(children[index]?.dataset.id ?? ''));
  list.insertBefore(element, children[place] ?? null);
}

function renderRow(element: HTMLElement, row: InstanceRow): void {
  // A refresh must not pull the keyboard focus out of the row the user is in.
  const focused = element.contains(document.activeElement) ? (document.activeElement as HTMLElement) : undefined;
  const focusKey = focused ? (focused.dataset.action ?? (focused.classList.contains('name') ? 'name' : '')) : undefined;
  const badge = badgeFor(row.status);
  const linked = rowHoldsAccount(row.status);
  const canGetCode = !linked && row.status.kind === 'state' && row.status.state === 'notAuthorized';
  // l10n: Instance row details in the sidebar: "1101000001 · host · shared" (the instance comes from the shared greenApi.instances setting).
  const details = `${row.idInstance} · ${row.host}${row.shared ? ` · ${t('shared')}` : ''}`;
  // l10n: In an instance row's tooltip: when its state was last checked; {0} is a time of day.
  const checked = row.checkedAt ? t('checked {0}', timeFormat.format(row.checkedAt)) : '';
  // l10n: Under an instance row: the masked phone number it is linked to, such as "linked to 4412******90".
  const linkedTo = row.phoneMasked ? t('linked to {0}', row.phoneMasked) : '';
  element.className = `row tone-${badge.tone}`;
  element.setAttribute('aria-label', row.code ? t('{0}, {1}, code pending', row.name, badge.label) : `${row.name}, ${badge.label}`);
  element.innerHTML = `
    <div class="line">
      <span class="badge" title="${escapeHtml(badgeTitle(badge.meaning, row))}"><span class="codicon codicon-${badge.icon}${badge.icon === 'loading' ? ' codicon-modifier-spin' : ''}" aria-hidden="true"></span>${escapeHtml(badge.label)}</span>
      <span class="name" tabindex="0" title="${escapeHtml(row.name)}">${escapeHtml(row.name)}</span>
    </div>
    <div class="details" title="${escapeHtml(details)}">${escapeHtml(details)}</div>
    ${linkedTo ? `<div class="details phone"><span class="codicon codicon-device-mobile" aria-hidden="true"></span> ${escapeHtml(linkedTo)}</div>` : ''}
    ${row.status.kind === 'error' ? `<div class="reason">${escapeHtml(row.status.reason)}</div>` : ''}
    ${row.dropped ? `<div class="reason dropped"><span class="codicon codicon-debug-disconnect" aria-hidden="true"></span> ${escapeHtml(t('Lost its WhatsApp link'))}</div>` : ''}
    ${checked ? `<div class="checked">${escapeHtml(checked)}</div>` : ''}
    ${row.code ? codeBlock(row.code.value) : ''}
    ${row.status.kind === 'tokenNeeded' ? tokenNeededActions(row) : `<div class="actions" role="toolbar" aria-label="${escapeHtml(t('Actions for {0}', row.name))}">
      ${mainAction(row, canGetCode)}
      ${canGetCode && !row.code ? actionButton('showQr', 'device-camera', '', t('Link with a QR code instead')) : ''}
      ${row.code ? actionButton('link', 'window', '', t('Open the Link panel')) : ''}
      ${row.code ? actionButton('cancelCode', 'close', '', t('Cancel the code')) : ''}
      ${row.status.kind === 'error' && row.status.fix === 'refresh' ? '' : actionButton('refresh', 'refresh', '', t('Check the state now'))}
      ${linked ? actionButton('logout', 'sign-out', '', t('Log out (unlink the phone)')) : ''}
      ${actionButton('reboot', 'debug-rerun', '', t('Reboot the instance'))}
      ${actionButton('openConsole', 'link-external', '', t('Open in the GREEN-API console'))}
      ${row.status.kind === 'error' && row.status.fix === 'edit' ? '' : actionButton('edit', 'edit', '', t('Edit apiUrl, token or name'))}
      ${actionButton('remove', 'trash', '', t('Remove from VS Code'))}
      ${row.dropped ? actionButton('dismissDrop', 'bell-slash', '', t('Dismiss the lost-link warning')) : ''}
    </div>`}`;
  updateCountdown(element, row);
  if (focusKey !== undefined) {
    const again = focusKey === 'name' ? element.querySelector<HTMLElement>('.name') : element.querySelector<HTMLElement>(`[data-action="${focusKey}"]`);
    (again ?? element.querySelector<HTMLElement>('.name'))?.focus();
  }
}

/** A row whose token is not on this computer: one click to paste it; nothing that would send a request. */
function tokenNeededActions(row: InstanceRow): string {
  return `<div class="actions" role="toolbar" aria-label="${escapeHtml(t('Actions for {0}', row.name))}">
      ${actionButton('edit', 'key', t('Paste token'), t('Paste the apiTokenInstance for this computer'), true)}
      ${actionButton('openConsole', 'link-external', '', t('Open in the GREEN-API console'))}
      ${actionButton('remove', 'trash', '', row.shared ? t('Remove the local token (the row stays while the setting lists it)') : t('Remove from VS Code'))}
    </div>`;
}

/**
 * The one labelled action of a row, the one its state calls for: Copy while a code is
 * pending, Link while the phone can be linked, and for a failed check its fix (Edit when
 * a field is at fault, Check Again otherwise). None for a healthy linked row.
 */
function mainAction(row: InstanceRow, canGetCode: boolean): string {
  if (row.code) return actionButton('copyCode', 'copy', t('Copy code'), t('Copy the authorization code'), true);
  if (row.status.kind === 'error') {
    return row.status.fix === 'edit'
      ? actionButton('edit', 'edit', t('Fix: edit'), t('Edit apiUrl, token or name'), true)
      : actionButton('refresh', 'refresh', t('Check again'), t('Check the state now'), true);
  }
  return canGetCode ? actionButton('link', 'device-mobile', t('Link phone'), t('Link with a phone number'), true) : '';
}

/** The badge's tooltip: what the state means, then the last changes, newest first. */
function badgeTitle(meaning: string, row: InstanceRow): string {
  if (row.history.length === 0) return meaning;
  const lines = row.history.map((change) => `${change.state} · ${historyFormat.format(change.at)}`);
  return `${meaning}\n\n${t('State history (newest first):')}\n${lines.join('\n')}`;
}

function codeBlock(code: string): string {
  const grouped = formatAuthorizationCode(code);
  // l10n: Screen-reader label of the code's countdown (m:ss) in an instance row.
  const timeLeft = t('time left');
  return `<div class="code"><span class="codicon codicon-key" aria-hidden="true"></span>
    <span class="code-value" dir="ltr" aria-label="${escapeHtml(t('Authorization code {0}', grouped.split('').join(' ')))}">${escapeHtml(grouped)}</span>
    <span class="countdown" aria-label="${escapeHtml(timeLeft)}"></span></div>`;
}

function actionButton(action: RowAction, icon: string, label: string, title: string, primary = false): string {
  return `<button class="${primary ? 'main' : 'icon'}" data-action="${action}" title="${escapeHtml(title)}" aria-label="${escapeHtml(title)}">
    <span class="codicon codicon-${icon}" aria-hidden="true"></span>${label ? ` ${escapeHtml(label)}` : ''}</button>`;
}

/** Says what changed for a row that a listener needs to know: a code came, it expired, the phone linked. */
function announceChange(previous: InstanceRow | undefined, row: InstanceRow): void {
  if (row.code && row.code.value !== previous?.code?.value) {
    heard.set(row.idInstance, { code: row.code.value, minute: false });
    announce(t('Code for {0} arrived: {1}', row.name, formatAuthorizationCode(row.code.value).split('').join(' ')));
  } else if (previous?.code && !row.code) {
    if (rowHoldsAccount(row.status)) announce(t('{0} is linked.', row.name));
    else if ((deadlines.remainingMs(row.idInstance) ?? 0) <= 1000) announce(t('The code for {0} expired.', row.name));
  }
}

function announce(text: string): void {
  announcer.textContent = text;
}

/** The same "m:ss" the status bar shows, from the same deadline. */
function updateCountdown(element: HTMLElement, row: InstanceRow): void {
  const countdown = element.querySelector('.countdown');
  if (!countdown || !row.code) return;
  const remainingMs = deadlines.remainingMs(row.idInstance) ?? 0;
  const state = heard.get(row.idInstance);
  if (state && !state.minute && remainingMs <= 60_000 && remainingMs > 0) {
    state.minute = true;
    announce(t('One minute left for the code of {0}.', row.name));
  }
  countdown.textContent = formatRemaining(remainingMs);
  element.classList.toggle('expiring', remainingMs <= EXPIRING_SOON_MS);
}

/** Whether any row has a code; stops at the first (the list may hold 10,000 rows). */
function anyCodePending(): boolean {
  for (const row of rows.values()) if (row.code) return true;
  return false;
}

/** One timer while any code is pending, none otherwise; only rows with a code are touched. */
function ensureTicker(): void {
  if (!anyCodePending()) {
    if (ticker !== undefined) window.clearInterval(ticker);
    ticker = undefined;
    return;
  }
  if (ticker !== undefined) return;
  ticker = window.setInterval(() => {
    let any = false;
    for (const row of rows.values()) {
      if (!row.code) continue;
      any = true;
      const element = elements.get(row.idInstance);
      if (element) updateCountdown(element, row);
    }
    if (!any) ensureTicker();
  }, 1000);
}

function matchesFilter(row: InstanceRow): boolean {
  const text = filterInput.value.trim().toLowerCase();
  if (!text || rows.size <= FILTER_THRESHOLD) return true;
  return `${row.name} ${row.idInstance} ${row.host}`.toLowerCase().includes(text);
}

function applyFilter(): void {
  for (const [id, element] of elements) {
    const row = rows.get(id);
    if (row) element.hidden = !matchesFilter(row);
  }
}

function refreshChrome(): void {
  empty.hidden = rows.size > 0;
  list.hidden = rows.size === 0;
  const wasHidden = filterBox.hidden;
  filterBox.hidden = rows.size <= FILTER_THRESHOLD;
  if (wasHidden !== filterBox.hidden) applyFilter();
  ensureTicker();
}

function showProblems(messages: readonly string[]): void {
  problems.hidden = messages.length === 0;
  problems.innerHTML = messages.map((message) => `<p><span class="codicon codicon-warning" aria-hidden="true"></span> ${escapeHtml(message)}</p>`).join('');
}


refreshChrome();
vscode.postMessage({ type: 'ready' });
