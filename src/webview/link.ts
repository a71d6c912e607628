import { EXPIRING_SOON_MS, formatAuthorizationCode, formatRemaining } from '../core/countdown';
import { PageDeadlines } from '../core/pageDeadlines';
import { LinkAction, LinkHostMessage, LinkView, LinkWebviewMessage } from '../views/link/protocol';
import { acquireWebviewApi } from './vscodeApi';

/**
 * The "Link with Phone Number" panel inside the webview: shows what the host sends, posts the
 * field and clicks back, and never parses a number (the host answers each change). Only four
 * moments reach a screen reader (the code's arrival, one minute left, expiry, linking), never the
 * countdown's every second.
 */

const vscode = acquireWebviewApi<LinkWebviewMessage>();
const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const form = byId<HTMLFormElement>('phone');
const input = byId<HTMLInputElement>('phone-input');
const problem = byId('phone-problem');
const codeValue = byId('code-value');
const countdown = byId('countdown');
const message = byId('message');
const confirm = byId('confirm');
const announcer = byId('announcer');
const shownLine = byId('phone-shown');
const suggestionButton = byId<HTMLButtonElement>('phone-suggestion');
const codePhone = byId('code-phone');
const copyButton = byId<HTMLButtonElement>('copy');
/** How long the Copy button says "Copied" (ms). */
const COPIED_MS = 2000;
let copiedTimer: number | undefined;
/** The host's last verdict on the field, for the text it was about. */
let verdict: Extract<LinkHostMessage, { type: 'phoneCheck' }> | undefined;

let view: LinkView | undefined;
/** The code's deadline, on this page's monotonic clock. */
const deadlines = new PageDeadlines();
let ticker: number | undefined;
let announcedMinute = false;

window.addEventListener('message', (event: MessageEvent<LinkHostMessage>) => {
  const data = event.data;
  if (data?.type === 'linkView') show(data.view);
  // A verdict about older text is stale: only the field's current text counts.
  if (data?.type === 'phoneCheck' && data.text === input.value) showVerdict(data);
  if (data?.type === 'copied') showCopied();
});

const checkField = (): void => vscode.postMessage({ type: 'checkPhone', text: input.value.slice(0, 64) });
input.addEventListener('input', checkField);
// On leaving the field, a number that reads well is written as WhatsApp shows it.
input.addEventListener('blur', () => {
  if (verdict?.text === input.value && verdict.shown && verdict.shown !== input.value) {
    input.value = verdict.shown;
    checkField();
  }
});
// The offered international reading: into the field, checked again, and Get Code is next.
suggestionButton.addEventListener('click', () => {
  const offered = verdict?.text === input.value ? verdict.suggestion?.shown : undefined;
  if (!offered) return;
  input.value = offered;
  checkField();
  byId('get-code').focus();
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  vscode.postMessage({ type: 'getCode', text: input.value.slice(0, 64) });
});

document.body.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest('button');
  // Get Code belongs to the form, whose submit handler sends the field.
  if (!button || button.form) return;
  const local = button.dataset.local;
  if (local === 'confirmNew' || local === 'keep') {
    confirm.hidden = local === 'keep';
    (confirm.hidden ? button : confirm.querySelector<HTMLElement>('button'))?.focus();
    return;
  }
  const action = button.dataset.action as LinkAction | undefined;
  if (action) {
    confirm.hidden = true;
    vscode.postMessage({ type: 'linkAction', action });
  }
});

function showProblem(text: string | undefined): void {
  problem.textContent = text ?? '';
  input.setAttribute('aria-invalid', text ? 'true' : 'false');
}

/** The host's verdict: the problem, or the number as WhatsApp shows it; the offered reading as a button. */
function showVerdict(next: Extract<LinkHostMessage, { type: 'phoneCheck' }>): void {
  verdict = next;
  showProblem(next.problem);
  shownLine.textContent = next.shown ? fill(shownLine, next.shown) : '';
  suggestionButton.hidden = !next.suggestion;
  suggestionButton.textContent = next.suggestion ? fill(suggestionButton, next.suggestion.shown) : '';
}

/** The Copy button says "Copied" for {@link COPIED_MS}, and a screen reader hears it once. */
function showCopied(): void {
  const label = copyButton.querySelector('.label');
  const icon = copyButton.querySelector('.codicon');
  if (!label || !icon) return;
  label.textContent = copyButton.dataset.copied ?? '';
  icon.classList.replace('codicon-copy', 'codicon-check');
  announce(announcer.dataset.copied ?? '');
  window.clearTimeout(copiedTimer);
  copiedTimer = window.setTimeout(resetCopy, COPIED_MS);
}

function resetCopy(): void {
  window.clearTimeout(copiedTimer);
  copiedTimer = undefined;
  const label = copyButton.querySelector('.label');
  if (label) label.textContent = copyButton.dataset.label ?? '';
  copyButton.querySelector('.codicon')?.classList.replace('codicon-check', 'codicon-copy');
}

/** A template from the page (`data-template`, "{0}" in it) filled with `value`, taken as it is (a `$&` in it stays). */
function fill(element: HTMLElement, value: string): string {
  return (element.dataset.template ?? '{0}').replace('{0}', () => value);
}

/** The name that decides which parts and buttons show (data-for lists them). */
function facetOf(next: LinkView): string {
  switch (next.kind) {
    case 'phone':
      return next.busy ? 'busy' : 'phone';
    case 'refused':
      return next.retry === 'rebootAndTryAgain'
        ? 'refused-reboot'
        : next.retry === 'tryAgain'
          ? 'refused-tryAgain'
          : 'refused-retry';
    case 'blocked':
      return `fix-${next.fix}`;
    default:
      return next.kind;
  }
}

function show(next: LinkView): void {
  const previous = view;
  view = next;
  const facet = facetOf(next);
  for (const element of document.querySelectorAll<HTMLElement>('[data-for]')) {
    element.hidden = !(element.dataset.for ?? '').split(' ').includes(facet);
  }
  if (next.kind !== 'code') confirm.hidden = true;
  if (next.kind === 'phone' && !next.busy && (previous?.kind !== 'phone' || input.value === '')) {
    input.value = next.phone;
    if (next.phone !== '') checkField();
  }
  const texts: Partial<Record<LinkView['kind'], string>> = {
    expired: announcer.dataset.expiredText ?? '',
    refused: next.kind === 'refused' ? next.text : '',
    blocked: next.kind === 'blocked' ? next.text : '',
  };
  message.textContent = texts[next.kind] ?? '';
  message.hidden = message.textContent === '';
  message.className = `message ${next.kind}`;
  if (next.kind === 'code') showCode(next, previous);
  else stopTicker();
  if (next.kind !== 'code' || (previous?.kind === 'code' && previous.code !== next.code)) resetCopy();
  if (next.kind === 'expired' && previous?.kind === 'code') announce(announcer.dataset.expired ?? '');
}

function showCode(next: Extract<LinkView, { kind: 'code' }>, previous: LinkView | undefined): void {
  deadlines.heard('code', next.remainingMs);
  const grouped = formatAuthorizationCode(next.code);
  codeValue.textContent = grouped;
  codeValue.setAttribute('aria-label', grouped.split('').join(' '));
  codePhone.textContent = fill(codePhone, next.phone);
  if (previous?.kind !== 'code' || previous.code !== next.code) {
    announcedMinute = false;
    announce((announcer.dataset.arrived ?? '').replace('{0}', grouped.split('').join(' ')));
  }
  tick();
  if (ticker === undefined) ticker = window.setInterval(tick, 1000);
}

/** The same "m:ss" the status bar shows, from the same deadline (sent as the time left, counted on this page's monotonic clock). */
function tick(): void {
  if (view?.kind !== 'code') return stopTicker();
  const remainingMs = deadlines.remainingMs('code') ?? 0;
  countdown.textContent = (announcer.dataset.left ?? '{0}').replace('{0}', formatRemaining(remainingMs));
  document.body.classList.toggle('expiring', remainingMs <= EXPIRING_SOON_MS);
  if (!announcedMinute && remainingMs <= 60_000 && remainingMs > 0) {
    announcedMinute = true;
    announce(announcer.dataset.minute ?? '');
  }
}

function stopTicker(): void {
  if (ticker !== undefined) window.clearInterval(ticker);
  ticker = undefined;
  document.body.classList.remove('expiring');
}

function announce(text: string): void {
  announcer.textContent = text;
}

vscode.postMessage({ type: 'ready' });
