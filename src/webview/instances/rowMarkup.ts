/**
 * The markup of one row of the Instances view: its badge, name, details, code and countdown,
 * and the buttons its state calls for. Every value from the host is escaped.
 */
import { InstanceRow, RowAction } from '../../views/instances/protocol';
import { escapeHtml, isolatedHtml } from '../../core/html';
import { formatAuthorizationCode } from '../../core/countdown';
import { stateWithApiName } from '../../core/stateWords';
import { badgeFor, rowHoldsAccount } from '../badges';
import { t } from '../l10n';
import { updateCountdown } from './announcer';
import { setToolbarStop } from './toolbar';

/** The state history's times: day and time, one shared formatter. */
const historyFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** toLocaleTimeString builds a formatter per call; a row render needs one shared. */
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/**
 * Draws `row` into its `<li>`, replacing what was there, and keeps the keyboard focus on the
 * same control (or the name) when it was inside the row.
 */
export function renderRow(element: HTMLElement, row: InstanceRow): void {
  // A refresh must not pull the keyboard focus out of the row the user is in.
  const focused = element.contains(document.activeElement) ? (document.activeElement as HTMLElement) : undefined;
  const focusKey = focused ? (focused.dataset.action ?? (focused.classList.contains('name') ? 'name' : '')) : undefined;
  const badge = badgeFor(row.status);
  const linked = rowHoldsAccount(row.status);
  const canGetCode = !linked && row.status.kind === 'state' && row.status.state === 'notAuthorized';
  // A host that did not answer cannot be asked to log out or reboot either.
  const unreached = row.status.kind === 'error' && row.status.unreached === true;
  const main = restrictedFix(row);
  // l10n: Instance row details in the sidebar: "1101000001 · host · shared" (the instance comes from the shared greenApi.instances setting).
  const details = `${row.idInstance} · ${row.host}${row.shared ? ` · ${t('shared')}` : ''}`;
  // l10n: In an instance row's tooltip: when its state was last checked; {0} is a time of day.
  const checked = row.checkedAt ? t('checked {0}', timeFormat.format(row.checkedAt)) : '';
  // l10n: Under an instance row: the masked phone number it is linked to, such as "linked to +44 12•• ••••90".
  const linkedTo = row.phoneMasked ? t('linked to {0}', row.phoneMasked) : '';
  // Names may be Hebrew or Arabic, hosts and numbers read left to right: each is isolated from the words around it.
  const detailsHtml = `${escapeHtml(row.idInstance)} · <bdi dir="ltr">${escapeHtml(row.host)}</bdi>${row.shared ? ` · ${escapeHtml(t('shared'))}` : ''}`;
  const linkedToHtml = row.phoneMasked ? isolatedHtml(t('linked to {0}', '{0}'), [row.phoneMasked], 'ltr') : '';
  // Everything the row says, for the name's tooltip: compact rows show only the name's line.
  const reason = row.status.kind === 'error' ? row.status.reason : '';
  const nameTitle = [row.name, details, linkedTo, reason, row.dropped ? droppedWords() : '', checked]
    .filter(Boolean)
    .join('\n');
  element.className = `row tone-${badge.tone}`;
  element.setAttribute(
    'aria-label',
    row.code ? t('{0}, {1}, code pending', row.name, badge.label) : `${row.name}, ${badge.label}`,
  );
  element.innerHTML = `
    <div class="line">
      <span class="badge" title="${escapeHtml(badgeTitle(badge.meaning, row))}"><span class="codicon codicon-${badge.icon}${badge.icon === 'loading' ? ' codicon-modifier-spin' : ''}" aria-hidden="true"></span><span class="badge-label">${escapeHtml(badge.label)}</span></span>
      <span class="name" tabindex="0" title="${escapeHtml(nameTitle)}"><bdi>${escapeHtml(row.name)}</bdi></span>
    </div>
    <div class="details" title="${escapeHtml(details)}">${detailsHtml}</div>
    ${linkedTo ? `<div class="details phone"><span class="codicon codicon-device-mobile" aria-hidden="true"></span> ${linkedToHtml}</div>` : ''}
    ${row.status.kind === 'error' ? `<div class="reason">${escapeHtml(row.status.reason)}</div>` : ''}
    ${row.dropped ? `<div class="reason dropped"><span class="codicon codicon-debug-disconnect" aria-hidden="true"></span> ${escapeHtml(droppedWords())}</div>` : ''}
    ${checked ? `<div class="checked">${escapeHtml(checked)}</div>` : ''}
    ${row.code ? codeBlock(row.code.value) : ''}
    ${
      row.status.kind === 'tokenNeeded'
        ? tokenNeededActions(row)
        : `<div class="actions" role="toolbar" aria-label="${escapeHtml(t('Actions for {0}', row.name))}">
      ${mainAction(row, canGetCode, main)}
      ${canGetCode && !row.code ? actionButton('showQr', 'device-camera', '', t('Link with a QR code instead')) : ''}
      ${row.code ? actionButton('link', 'window', '', t('Open the Link panel')) : ''}
      ${row.code ? actionButton('cancelCode', 'close', '', t('Cancel the code')) : ''}
      ${row.status.kind === 'error' && row.status.fix === 'refresh' ? '' : actionButton('refresh', 'refresh', '', t('Check the state now'))}
      ${linked && !unreached && main !== 'logout' ? actionButton('logout', 'sign-out', '', t('Log out (unlink the phone)')) : ''}
      ${unreached || main === 'reboot' ? '' : actionButton('reboot', 'debug-rerun', '', t('Reboot the instance'))}
      ${actionButton('openConsole', 'link-external', '', t('Open in the GREEN-API console'))}
      ${row.status.kind === 'error' && row.status.fix === 'edit' ? '' : actionButton('edit', 'edit', '', t('Edit apiUrl, token or name'))}
      ${actionButton('remove', 'trash', '', t('Remove from VS Code'))}
      ${row.dropped ? actionButton('dismissDrop', 'bell-slash', '', t('Dismiss the lost-link warning')) : ''}
    </div>`
    }`;
  updateCountdown(element, row);
  const toolbar = element.querySelector<HTMLElement>('[role="toolbar"]');
  if (toolbar) setToolbarStop(toolbar);
  if (focusKey !== undefined) {
    const again =
      focusKey === 'name'
        ? element.querySelector<HTMLElement>('.name')
        : element.querySelector<HTMLElement>(`[data-action="${focusKey}"]`);
    (again ?? element.querySelector<HTMLElement>('.name'))?.focus();
  }
}

/**
 * The words a row shows for its state, in the display language: its badge, and the lost-link
 * line when it has one. The text filter matches them ("not linked", "Не привязан").
 */
export function stateWords(row: InstanceRow): string {
  const badge = badgeFor(row.status).label;
  return row.dropped ? `${badge} ${droppedWords()}` : badge;
}

function droppedWords(): string {
  return t('Lost its WhatsApp link');
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
 * The fix a restricted state calls for, as the watch's warning offers it first: Reboot for
 * yellowCard (GREEN-API: "you need to do a reboot" to continue), Log Out for suspended.
 */
function restrictedFix(row: InstanceRow): 'reboot' | 'logout' | undefined {
  if (row.code || row.status.kind !== 'state') return undefined;
  if (row.status.state === 'yellowCard') return 'reboot';
  return row.status.state === 'suspended' ? 'logout' : undefined;
}

/**
 * The one labelled action of a row, the one its state calls for: Copy while a code is
 * pending, Link while the phone can be linked, Reboot or Log Out for a restricted state
 * (`restricted`), and for a failed check its fix (Edit when a field is at fault, Check Again
 * otherwise). None for a healthy linked row.
 */
function mainAction(row: InstanceRow, canGetCode: boolean, restricted: 'reboot' | 'logout' | undefined): string {
  if (row.code) return actionButton('copyCode', 'copy', t('Copy code'), t('Copy the authorization code'), true);
  if (restricted === 'reboot') {
    return actionButton('reboot', 'debug-rerun', t('Reboot'), t('Reboot the instance'), true);
  }
  if (restricted === 'logout') {
    return actionButton('logout', 'sign-out', t('Log Out'), t('Log out (unlink the phone)'), true);
  }
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
  const lines = row.history.map(
    (change) => `${stateWithApiName(change.state, t)} · ${historyFormat.format(change.at)}`,
  );
  return `${meaning}\n\n${t('State history (newest first):')}\n${lines.join('\n')}`;
}

function codeBlock(code: string): string {
  const grouped = formatAuthorizationCode(code);
  // l10n: Screen-reader label of the code's countdown (m:ss) in an instance row.
  const timeLeft = t('time left');
  return `<div class="code"><span class="codicon codicon-key" aria-hidden="true"></span>
    <span class="code-value" dir="ltr" translate="no" aria-label="${escapeHtml(t('Authorization code {0}', grouped.split('').join(' ')))}">${escapeHtml(grouped)}</span>
    <span class="countdown" role="timer" aria-label="${escapeHtml(timeLeft)}"></span></div>`;
}

function actionButton(action: RowAction, icon: string, label: string, title: string, primary = false): string {
  // A labelled button is named by its label (WCAG 2.5.3, Label in Name: voice control users say what they see);
  // its title stays the tooltip and the accessible description. An icon button is named by its title.
  const name = label ? '' : ` aria-label="${escapeHtml(title)}"`;
  return `<button class="${primary ? 'main' : 'icon'}" data-action="${action}" title="${escapeHtml(title)}"${name}>
    <span class="codicon codicon-${icon}" aria-hidden="true"></span>${label ? ` <span class="label">${escapeHtml(label)}</span>` : ''}</button>`;
}
