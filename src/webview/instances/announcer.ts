/**
 * What the Instances view says to a screen reader, and the countdown behind it: each row's code
 * deadline, the one live region, and the one-second ticker that runs while any code is pending.
 */
import { InstanceRow } from '../../views/instances/protocol';
import { EXPIRING_SOON_MS, formatAuthorizationCode, formatRemaining } from '../../core/countdown';
import { PageDeadlines } from '../../core/pageDeadlines';
import { rowHoldsAccount } from '../badges';
import { t } from '../l10n';

/** Each row's code deadline, on this page's monotonic clock. */
const deadlines = new PageDeadlines();
let ticker: number | undefined;

/**
 * The only live region: a code's arrival, one minute left, its expiry, a link and what a new
 * filter shows are said; the countdown's seconds are not.
 */
const announcer = document.createElement('div');
announcer.className = 'visually-hidden';
announcer.setAttribute('role', 'status');
announcer.setAttribute('aria-live', 'polite');
document.body.appendChild(announcer);
/** Per instance: the code last seen and whether its last minute was announced. */
const heard = new Map<string, { code: string | undefined; minute: boolean }>();

/**
 * A whole new list (the 'init' message): each code's deadline noted afresh. A code already
 * pending when the view opens is not news, so it is not announced; its last minute still is.
 */
export function hearWholeList(rows: readonly InstanceRow[]): void {
  deadlines.clear();
  // Only rows with a code have a deadline: after clear(), forgetting the others is nothing to do.
  for (const row of rows) if (row.code) hearDeadline(row);
  for (const row of rows) {
    if (row.code && heard.get(row.idInstance)?.code !== row.code.value) {
      heard.set(row.idInstance, { code: row.code.value, minute: false });
    }
  }
}

/** Notes when a row's code runs out, from the time left it was sent with. */
export function hearDeadline(row: InstanceRow): void {
  if (row.code) deadlines.heard(row.idInstance, row.code.remainingMs);
  else deadlines.forget(row.idInstance);
}

/** A removed row's deadline goes with it. */
export function forgetDeadline(idInstance: string): void {
  deadlines.forget(idInstance);
}

/**
 * Says what changed for a row that a listener needs to know: a code came, it expired, the
 * phone linked. `previous` is the row as last drawn (undefined for a new one); call it before
 * hearDeadline(row), so an expiry is judged by the old deadline.
 */
export function announceChange(previous: InstanceRow | undefined, row: InstanceRow): void {
  if (row.code && row.code.value !== previous?.code?.value) {
    heard.set(row.idInstance, { code: row.code.value, minute: false });
    announce(t('Code for {0} arrived: {1}', row.name, formatAuthorizationCode(row.code.value).split('').join(' ')));
  } else if (previous?.code && !row.code) {
    if (rowHoldsAccount(row.status)) announce(t('{0} is linked.', row.name));
    else if ((deadlines.remainingMs(row.idInstance) ?? 0) <= 1000) announce(t('The code for {0} expired.', row.name));
  }
}

/** Says `text` politely, in place of whatever was said last. */
export function announce(text: string): void {
  announcer.textContent = text;
}

/** The same "m:ss" the status bar shows, from the same deadline, in a drawn row's `.countdown`; says the last minute once. */
export function updateCountdown(element: HTMLElement, row: InstanceRow): void {
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
function anyCodePending(rows: ReadonlyMap<string, InstanceRow>): boolean {
  for (const row of rows.values()) if (row.code) return true;
  return false;
}

/**
 * One timer while any of `rows` (every row, by idInstance) has a code, none otherwise; each
 * second it updates only the drawn rows with a code (`elements`, by idInstance).
 */
export function ensureTicker(rows: ReadonlyMap<string, InstanceRow>, elements: ReadonlyMap<string, HTMLElement>): void {
  if (!anyCodePending(rows)) {
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
    if (!any) ensureTicker(rows, elements);
  }, 1000);
}
