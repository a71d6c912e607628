/**
 * The Instances view's filter bar: the state choices (All, Linked, Not linked, Needs attention,
 * each with its count) as a WAI-ARIA radio group, and the text box for name, state words,
 * idInstance and host. It keeps each row's category (core/stateFilter) as rows come and go, so the counts
 * cost nothing per message, and says how many rows a new choice shows through the announcer.
 */
import { InstanceRow } from '../../views/instances/protocol';
import { escapeHtml } from '../../core/html';
import {
  RowCategory,
  STATE_FILTERS,
  StateFilter,
  countCategories,
  filterShows,
  rowCategory,
} from '../../core/stateFilter';
import { t } from '../l10n';
import { stateWords } from './rowMarkup';

/** Each row's category, by idInstance: every row the host sent, drawn or not. */
const categories = new Map<string, RowCategory>();
let counts = countCategories([]);
let choice: StateFilter = 'all';
let text = '';

/** The choices' visible names, in STATE_FILTERS' order. */
function choiceLabel(filter: StateFilter): string {
  // l10n: The Instances view's state filter: the choices above the list, each followed by how many instances it shows. Short: they sit side by side in a narrow sidebar.
  const labels: Record<StateFilter, string> = {
    all: t('All'),
    linked: t('Linked'),
    notLinked: t('Not linked'),
    attention: t('Needs attention'),
  };
  return labels[filter];
}

/**
 * The bar's markup: the radio group, then the text box. Only the chosen radio is a Tab stop
 * (roving tabindex); the arrows move between them.
 */
export function filterBarMarkup(): string {
  const radios = STATE_FILTERS.map(
    (filter) =>
      `<button type="button" role="radio" class="choice" data-filter="${filter}" aria-checked="false" tabindex="-1"><span class="choice-label">${escapeHtml(choiceLabel(filter))}</span> <span class="count">0</span></button>`,
  ).join('');
  return `<div class="choices" role="radiogroup" aria-label="${escapeHtml(t('Show instances'))}">${radios}</div>
    <input type="search" placeholder="${escapeHtml(t('Filter by name, state, idInstance or host'))}" aria-label="${escapeHtml(t('Filter instances'))}">`;
}

/** The choice and the text the filter starts with (read back from the page's saved state). */
export function startFilter(saved: { readonly show: StateFilter; readonly text: string }): void {
  choice = saved.show;
  text = saved.text.trim().toLowerCase();
}

/** Sets the choice (false when it was already the one), or the text; the caller applies it. */
export function choose(filter: StateFilter): boolean {
  if (filter === choice) return false;
  choice = filter;
  return true;
}

export function setText(value: string): void {
  text = value.trim().toLowerCase();
}

/** A whole new list (the 'init' message): every category noted afresh. */
export function noteAll(rows: readonly InstanceRow[]): void {
  categories.clear();
  for (const row of rows) categories.set(row.idInstance, rowCategory(row));
  counts = countCategories(categories.values());
}

/** A new or changed row: its category, and the counts, updated. */
export function noteRow(row: InstanceRow): void {
  const before = categories.get(row.idInstance);
  const after = rowCategory(row);
  categories.set(row.idInstance, after);
  if (before === after) return;
  if (before) counts[before]--;
  else counts.all++;
  counts[after]++;
}

/** A removed row leaves the counts. */
export function forgetRow(idInstance: string): void {
  const before = categories.get(idInstance);
  if (!before) return;
  categories.delete(idInstance);
  counts[before]--;
  counts.all--;
}

/**
 * Whether `row` is shown: its category under the choice, and the text in its name, idInstance,
 * host or the state words it shows (rowMarkup's stateWords, in the display language).
 */
export function shows(row: InstanceRow): boolean {
  if (!filterShows(choice, categories.get(row.idInstance) ?? rowCategory(row))) return false;
  return !text || searchTextOf(row).includes(text);
}

/** What the text filter searches in a row, lower case; kept per row object, so a filter change over 10,000 rows builds none. */
const searchTexts = new WeakMap<InstanceRow, string>();
function searchTextOf(row: InstanceRow): string {
  let found = searchTexts.get(row);
  if (found === undefined) {
    found = `${row.name} ${row.idInstance} ${row.host} ${stateWords(row)}`.toLowerCase();
    searchTexts.set(row, found);
  }
  return found;
}

/** Both filters back to showing every row: All, and no text; the caller clears the box and applies it. */
export function clearFilter(): void {
  choice = 'all';
  text = '';
}

/** Whether either filter hides any row now: a choice other than All, or some text. */
export function filtering(): boolean {
  return choice !== 'all' || text !== '';
}

/** The radio group drawn as the state says: the chosen one checked and the Tab stop, each count. */
export function drawChoices(group: HTMLElement): void {
  for (const radio of group.querySelectorAll<HTMLElement>('[role="radio"]')) {
    const filter = radio.dataset.filter as StateFilter;
    const chosen = filter === choice;
    radio.setAttribute('aria-checked', String(chosen));
    radio.tabIndex = chosen ? 0 : -1;
    const count = radio.querySelector('.count') as HTMLElement;
    const value = String(counts[filter]);
    if (count.textContent !== value) count.textContent = value;
  }
}

/**
 * The radio the arrows lead to from `current` (WAI-ARIA radio group: Right and Down to the next,
 * Left and Up to the previous, both wrapping; Home, End); undefined for any other key.
 */
export function choiceForKey(key: string, current: StateFilter): StateFilter | undefined {
  const index = STATE_FILTERS.indexOf(current);
  const last = STATE_FILTERS.length - 1;
  const next: Record<string, number> = {
    ArrowRight: index === last ? 0 : index + 1,
    ArrowDown: index === last ? 0 : index + 1,
    ArrowLeft: index === 0 ? last : index - 1,
    ArrowUp: index === 0 ? last : index - 1,
    Home: 0,
    End: last,
  };
  return key in next ? STATE_FILTERS[next[key] as number] : undefined;
}

/** The choice the filter shows now. */
export function currentChoice(): StateFilter {
  return choice;
}
