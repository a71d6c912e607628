import { BEING_CREATED } from '../base/beingCreated';
import { isLinked } from './linkState';
import { STUCK_AFTER_MS } from './linkWatch';

/**
 * The Instances view's state filter: which of its choices a row falls under. GREEN-API's
 * console has a state filter that users say is broken (green-api/issues #945, #268); OpenWA
 * and Evolution Manager filter their sessions by status. Every row is in exactly one of
 * Linked, Not linked and Needs attention, so their counts add up to All.
 */

/** The filter's choices, in the order the view shows them. */
export const STATE_FILTERS = ['all', 'linked', 'notLinked', 'attention'] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];
/** The choice a row falls under: every choice but All. */
export type RowCategory = Exclude<StateFilter, 'all'>;

/**
 * What the rule reads of a row; the Instances view's InstanceRow has all of it. `status.kind`
 * is 'unchecked', 'tokenNeeded', 'checking' (with the `previous` state), 'state' or 'error';
 * `checkedAt` and `history[].at` are epoch ms of the host's clock, history newest first.
 */
export interface CategoryFacts {
  readonly status: { readonly kind: string; readonly state?: string; readonly previous?: string | undefined };
  readonly dropped: boolean;
  readonly checkedAt: number | undefined;
  readonly history: readonly { readonly state: string; readonly at: number }[];
}

/**
 * States that need the user whatever else is known: restricted (`yellowCard`; `suspended`,
 * restricted by WhatsApp), banned (`blocked`), the phone off (`sleepMode`), and an instance
 * GREEN-API is still creating (`creating`, the extension's name for a `null` getStateInstance
 * body: BEING_CREATED in src/base/beingCreated.ts). Any state not named here nor below is
 * unknown to the extension, and needs attention too.
 */
const ATTENTION_STATES: ReadonlySet<string> = new Set([
  'yellowCard',
  'suspended',
  'blocked',
  'sleepMode',
  BEING_CREATED,
]);
/** States in which a phone can be linked now, or soon: `starting` only until it is stuck. */
const NOT_LINKED_STATES: ReadonlySet<string> = new Set(['notAuthorized', 'starting']);

/**
 * The choice `row` falls under. Needs attention: a failed check, a token not on this computer,
 * a lost link (what the view's badge counts), the states above, `starting` past
 * STUCK_AFTER_MS, and any unknown state. Linked: linked and working. Not linked: the rest,
 * never checked included. While a row is being checked its previous state decides, so a
 * refresh of every row does not move them all.
 */
export function rowCategory(row: CategoryFacts): RowCategory {
  const { status } = row;
  if (status.kind === 'error' || status.kind === 'tokenNeeded' || row.dropped) return 'attention';
  const state = status.kind === 'state' ? status.state : status.kind === 'checking' ? status.previous : undefined;
  if (state === undefined) return 'notLinked';
  if (ATTENTION_STATES.has(state) || isStuckStarting(row, state)) return 'attention';
  if (isLinked(state)) return 'linked';
  return NOT_LINKED_STATES.has(state) ? 'notLinked' : 'attention';
}

/**
 * True when `state` is `starting` and the row's history says it has been since more than
 * STUCK_AFTER_MS before its last check. Both times are the host's, so the page's own clock
 * (another machine in code-server) does not count.
 */
function isStuckStarting(row: CategoryFacts, state: string): boolean {
  const since = row.history[0];
  if (state !== 'starting' || since?.state !== 'starting' || row.checkedAt === undefined) return false;
  return row.checkedAt - since.at > STUCK_AFTER_MS;
}

/** Whether a row of `category` is shown under `filter`. */
export function filterShows(filter: StateFilter, category: RowCategory): boolean {
  return filter === 'all' || filter === category;
}

/** How many rows each choice shows: `all` is every row, and the other three add up to it. */
export function countCategories(categories: Iterable<RowCategory>): Record<StateFilter, number> {
  const counts: Record<StateFilter, number> = { all: 0, linked: 0, notLinked: 0, attention: 0 };
  for (const category of categories) {
    counts.all++;
    counts[category]++;
  }
  return counts;
}

/** A stored choice read back (webview state is data from disk): a known choice, else All. */
export function parseStateFilter(value: unknown): StateFilter {
  return (STATE_FILTERS as readonly unknown[]).includes(value) ? (value as StateFilter) : 'all';
}
