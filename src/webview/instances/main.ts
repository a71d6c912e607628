/**
 * The Instances view, inside the webview: it builds the page, hands what the host sends to the
 * list and the announcer, and posts the user's clicks back. It holds no secret.
 */
import { HostMessage, InstanceRow, RowAction, WebviewMessage } from '../../views/instances/protocol';
import { escapeHtml } from '../../core/html';
import { t } from '../l10n';
import { acquireWebviewApi } from '../vscodeApi';
import { announceChange, ensureTicker, forgetDeadline, hearDeadline, hearWholeList } from './announcer';
import { drawnRows, listedRows, mountList, removeRow, replaceList, upsertRow } from './progressiveList';

interface SavedState {
  filter: string;
}

const FILTER_THRESHOLD = 7;
const vscode = acquireWebviewApi<WebviewMessage>();
const saved = (vscode.getState() as SavedState | undefined) ?? { filter: '' };

const app = document.getElementById('app') as HTMLElement;
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
mountList(list, matchesFilter);

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      hearWholeList(message.rows);
      replaceList(message.rows);
      showProblems(message.problems);
      break;
    case 'rows':
      message.rows.forEach(upsert);
      break;
    case 'removeRow':
      forgetDeadline(message.idInstance);
      removeRow(message.idInstance);
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

/** A new or changed row: what a listener needs to hear first, by the old row and deadline; then its place. */
function upsert(row: InstanceRow): void {
  announceChange(listedRows.get(row.idInstance), row);
  hearDeadline(row);
  upsertRow(row);
}

function matchesFilter(row: InstanceRow): boolean {
  const text = filterInput.value.trim().toLowerCase();
  if (!text || listedRows.size <= FILTER_THRESHOLD) return true;
  return `${row.name} ${row.idInstance} ${row.host}`.toLowerCase().includes(text);
}

function applyFilter(): void {
  for (const [id, element] of drawnRows) {
    const row = listedRows.get(id);
    if (row) element.hidden = !matchesFilter(row);
  }
}

function refreshChrome(): void {
  empty.hidden = listedRows.size > 0;
  list.hidden = listedRows.size === 0;
  const wasHidden = filterBox.hidden;
  filterBox.hidden = listedRows.size <= FILTER_THRESHOLD;
  if (wasHidden !== filterBox.hidden) applyFilter();
  ensureTicker(listedRows, drawnRows);
}

function showProblems(messages: readonly string[]): void {
  problems.hidden = messages.length === 0;
  problems.innerHTML = messages.map((message) => `<p><span class="codicon codicon-warning" aria-hidden="true"></span> ${escapeHtml(message)}</p>`).join('');
}

refreshChrome();
vscode.postMessage({ type: 'ready' });
