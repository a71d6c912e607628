/**
 * The Instances view, inside the webview: it builds the page, hands what the host sends to the
 * list and the announcer, and posts the user's clicks back. It holds no secret.
 */
import { HostMessage, InstanceRow, RowAction, WebviewMessage } from '../../views/instances/protocol';
import { escapeHtml } from '../../core/html';
import { t } from '../l10n';
import { acquireWebviewApi } from '../vscodeApi';
import { wireToolbars } from './toolbar';
import { StateFilter, parseStateFilter } from '../../core/stateFilter';
import {
  announce,
  announceChange,
  ensureTicker,
  forgetDeadline,
  hearDeadline,
  hearWholeList,
  keepCurrent,
} from './announcer';
import { parseSortOrder } from '../../core/instanceOrder';
import { parseRowDensity } from '../../core/rowDensity';
import {
  drawList,
  forgetHeights,
  drawnRows,
  listElement,
  listedRows,
  mountList,
  redrawFiltered,
  removeRow,
  replaceList,
  rowBeside,
  shownRowCount,
  setOrder,
  upsertRow,
} from './windowedList';
import {
  choiceForKey,
  choose,
  clearFilter,
  currentChoice,
  drawChoices,
  filterBarMarkup,
  forgetRow,
  noteAll,
  noteRow,
  setText,
  shows,
  startFilter,
} from './stateFilterBar';

/**
 * What the page keeps with the Webview API's setState: the filter's text and state choice.
 * VS Code keeps it while the view is hidden and, for a webview view, in the workspace's
 * storage across window reloads, so no message to the host is needed for it.
 */
interface SavedState {
  filter: string;
  show: StateFilter;
}

/** The longest filter text read back from the saved state. */
const MAX_SAVED_FILTER_CHARS = 200;
const vscode = acquireWebviewApi<WebviewMessage>();
const saved = readSavedState(vscode.getState());

const app = document.getElementById('app') as HTMLElement;
app.innerHTML = `
  <div class="problems" hidden></div>
  <div class="filter" hidden>${filterBarMarkup()}</div>
  <div class="empty-state" hidden>
    <p>${escapeHtml(t('An instance is one WhatsApp account slot on GREEN-API. Add one with its apiUrl, idInstance and apiTokenInstance from the GREEN-API console, then link a phone to it with an authorization code.'))}</p>
    <button class="primary" data-global="addInstance"><span class="codicon codicon-add"></span> ${escapeHtml(t('Add instance'))}</button>
    <ul class="starts">
      <li><button class="link" data-global="importFromEnv"><span class="codicon codicon-file" aria-hidden="true"></span> ${escapeHtml(t('Import from a .env file'))}</button></li>
      <li><button class="link" data-global="importFromPartner"><span class="codicon codicon-organization" aria-hidden="true"></span> ${escapeHtml(t('Import from a Partner account'))}</button></li>
      <li><button class="link" data-global="openWalkthrough"><span class="codicon codicon-book" aria-hidden="true"></span> ${escapeHtml(t('Open the walkthrough'))}</button></li>
    </ul>
  </div>
  <ul class="rows" role="list" aria-label="${escapeHtml(t('GREEN-API instances'))}"></ul>
  <p class="no-match" hidden>${escapeHtml(t('No instance matches the filter.'))} <button type="button" class="link" data-global="clearFilter">${escapeHtml(t('Clear filters'))}</button></p>`;
const filterBox = app.querySelector('.filter') as HTMLElement;
const filterInput = filterBox.querySelector('input') as HTMLInputElement;
const choices = filterBox.querySelector('.choices') as HTMLElement;
const empty = app.querySelector('.empty-state') as HTMLElement;
const noMatch = app.querySelector('.no-match') as HTMLElement;
const problems = app.querySelector('.problems') as HTMLElement;
filterInput.value = saved.filter;
startFilter({ show: saved.show, text: saved.filter });
mountList(app.querySelector('.rows') as HTMLUListElement, shows);

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      // The rows come in this order; the page places later changes by it too.
      setOrder(parseSortOrder(message.view?.sortOrder));
      setDensity(parseRowDensity(message.view?.density) === 'compact');
      hearWholeList(message.rows);
      noteAll(message.rows);
      replaceList(message.rows);
      showProblems(message.problems);
      break;
    case 'rows':
      message.rows.forEach(upsert);
      break;
    case 'removeRow':
      forgetDeadline(message.idInstance);
      forgetRow(message.idInstance);
      removeRow(message.idInstance);
      break;
    case 'problems':
      showProblems(message.problems);
      break;
  }
  refreshChrome();
  keepCurrent(listedRows);
});

app.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest('button');
  if (!button) return;
  const global = button.dataset.global;
  if (global === 'clearFilter') {
    // Both filters: the no-match line's way back to every row, the keyboard left in the text box.
    clearFilter();
    filterInput.value = '';
    saved.filter = '';
    filterChanged();
    filterInput.focus();
    return;
  }
  if (isGlobalAction(global)) {
    vscode.postMessage({ type: global });
    return;
  }
  const action = button.dataset.action as RowAction | undefined;
  const idInstance = button.closest<HTMLElement>('[data-id]')?.dataset.id;
  if (action && idInstance) vscode.postMessage({ type: 'rowAction', action, idInstance });
});

filterInput.addEventListener('input', () => {
  saved.filter = filterInput.value;
  setText(filterInput.value);
  filterChanged();
});

choices.addEventListener('click', (event) => {
  const radio = (event.target as HTMLElement).closest<HTMLElement>('[role="radio"]');
  if (radio && choose(radio.dataset.filter as StateFilter)) filterChanged();
});

// The WAI-ARIA radio group: the arrows, Home and End move to a choice and choose it.
choices.addEventListener('keydown', (event) => {
  const next = choiceForKey(event.key, currentChoice());
  if (!next) return;
  event.preventDefault();
  choose(next);
  filterChanged();
  choices.querySelector<HTMLElement>(`[data-filter="${next}"]`)?.focus();
});

// Up and down move between rows, keeping the column of the focused control; the list puts the
// next shown row in the document first (it holds only the rows near the view).
app.addEventListener('keydown', (event) => {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const current = (event.target as HTMLElement).closest<HTMLElement>('.rows > li[data-id]');
  if (!current) return;
  const next = rowBeside(current, event.key === 'ArrowDown' ? 1 : -1);
  if (!next) return;
  const action = (event.target as HTMLElement).dataset.action;
  const target =
    (action && next.querySelector<HTMLElement>(`[data-action="${action}"]`)) ||
    next.querySelector<HTMLElement>('button, [tabindex="0"]');
  target?.focus();
  event.preventDefault();
});

// Left, Right, Home and End move inside a row's actions, which are one Tab stop.
wireToolbars(app);

/** The buttons that are not a row's: the empty view's starts, and Refresh All. */
const GLOBAL_ACTIONS = ['addInstance', 'refreshAll', 'importFromEnv', 'importFromPartner', 'openWalkthrough'] as const;

function isGlobalAction(value: string | undefined): value is (typeof GLOBAL_ACTIONS)[number] {
  return (GLOBAL_ACTIONS as readonly (string | undefined)[]).includes(value);
}

/** A new or changed row: what a listener needs to hear first, by the old row and deadline; then its place. */
function upsert(row: InstanceRow): void {
  announceChange(listedRows.get(row.idInstance), row);
  hearDeadline(row);
  noteRow(row);
  upsertRow(row);
}

/**
 * The user changed the filter: saved, the list's window drawn again from the rows it shows
 * (windowedList: only those near the view are in the document), the chrome redrawn, and
 * "3 of 120 instances" said.
 */
function filterChanged(): void {
  saved.show = currentChoice();
  vscode.setState(saved);
  redrawFiltered();
  refreshChrome();
  // l10n: Said to a screen reader after the Instances view's filter changed: {0} instances shown of {1} in all.
  const shown = shownRowCount();
  const total = listedRows.size;
  announce(t('{0} of {1} instances', shown, total), () => shownRowCount() === shown && listedRows.size === total);
}

/** Compact rows or comfortable ones; on a change the heights measured before no longer hold. */
function setDensity(compact: boolean): void {
  if (document.body.classList.contains('compact') === compact) return;
  document.body.classList.toggle('compact', compact);
  forgetHeights();
}

/** The empty state, the filter bar and its counts, the list's window, the no-match line and the ticker. */
function refreshChrome(): void {
  empty.hidden = listedRows.size > 0;
  listElement().hidden = listedRows.size === 0;
  filterBox.hidden = listedRows.size === 0;
  drawChoices(choices);
  drawList();
  noMatch.hidden = listedRows.size === 0 || shownRowCount() > 0;
  ensureTicker(listedRows, drawnRows);
}

/** The saved state as the page left it, or the defaults: it comes from storage, so each field is checked. */
function readSavedState(value: unknown): SavedState {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const filter = typeof record.filter === 'string' ? record.filter.slice(0, MAX_SAVED_FILTER_CHARS) : '';
  return { filter, show: parseStateFilter(record.show) };
}

function showProblems(messages: readonly string[]): void {
  problems.hidden = messages.length === 0;
  problems.innerHTML = messages
    .map((message) => `<p><span class="codicon codicon-warning" aria-hidden="true"></span> ${escapeHtml(message)}</p>`)
    .join('');
}

refreshChrome();
vscode.postMessage({ type: 'ready' });
