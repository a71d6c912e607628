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
/**
 * Whether what the live region says still holds, given every row by idInstance; once it does
 * not (the code was cancelled, the phone unlinked, the row removed), the text goes, so a screen
 * reader that reads the status later never hears a stale fact. Undefined: it holds for good.
 */
type StillTrue = (rows: ReadonlyMap<string, InstanceRow>) => boolean;
let stillTrue: StillTrue | undefined;
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
  const id = row.idInstance;
  if (row.code && row.code.value !== previous?.code?.value) {
    heard.set(id, { code: row.code.value, minute: false });
    announce(
      t('Code for {0} arrived: {1}', row.name, formatAuthorizationCode(row.code.value).split('').join(' ')),
      codeStillPending(id, row.code.value),
    );
  } else if (previous?.code && !row.code) {
    if (rowHoldsAccount(row.status)) {
      announce(t('{0} is linked.', row.name), (rows) => {
        const now = rows.get(id);
        return now !== undefined && rowHoldsAccount(now.status);
      });
    } else if ((deadlines.remainingMs(id) ?? 0) <= 1000) {
      announce(t('The code for {0} expired.', row.name), (rows) => rows.has(id) && !rows.get(id)?.code);
    }
  }
}

/** Holds while the row still has the code `value` pending. */
function codeStillPending(idInstance: string, value: string): StillTrue {
  return (rows) => rows.get(idInstance)?.code?.value === value;
}

/**
 * Says `text` politely, in place of whatever was said last. `holds`: whether it is still true
 * of the rows (see keepCurrent); without it the text stays until the next.
 */
export function announce(text: string, holds?: StillTrue): void {
  announcer.textContent = text;
  stillTrue = holds;
}

/**
 * After every message from the host and every filter change: clears what the live region says
 * once it no longer holds of `rows` (every row, by idInstance). Clearing is not announced.
 */
export function keepCurrent(rows: ReadonlyMap<string, InstanceRow>): void {
  if (!stillTrue || stillTrue(rows)) return;
  stillTrue = undefined;
  announcer.textContent = '';
}

/** The same "m:ss" the status bar shows, from the same deadline, in a drawn row's `.countdown`; says the last minute once. */
export function updateCountdown(element: HTMLElement, row: InstanceRow): void {
  const countdown = element.querySelector('.countdown');
  if (!countdown || !row.code) return;
  const remainingMs = deadlines.remainingMs(row.idInstance) ?? 0;
  const state = heard.get(row.idInstance);
  if (state && !state.minute && remainingMs <= 60_000 && remainingMs > 0) {
    state.minute = true;
    announce(t('One minute left for the code of {0}.', row.name), codeStillPending(row.idInstance, row.code.value));
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
