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

let view: LinkView | undefined;
/** The code's deadline, on this page's monotonic clock. */
const deadlines = new PageDeadlines();
let ticker: number | undefined;
let announcedMinute = false;

window.addEventListener('message', (event: MessageEvent<LinkHostMessage>) => {
  const data = event.data;
  if (data?.type === 'linkView') show(data.view);
  // A verdict about older text is stale: only the field's current text counts.
  if (data?.type === 'phoneCheck' && data.text === input.value) showProblem(data.problem);
});

input.addEventListener('input', () => vscode.postMessage({ type: 'checkPhone', text: input.value.slice(0, 64) }));
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

/** The name that decides which parts and buttons show (data-for lists them). */
function facetOf(next: LinkView): string {
  switch (next.kind) {
    case 'phone':
      return next.busy ? 'busy' : 'phone';
    case 'refused':
      return next.offerReboot ? 'refused-reboot' : 'refused-retry';
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
  if (next.kind === 'expired' && previous?.kind === 'code') announce(announcer.dataset.expired ?? '');
}

function showCode(next: Extract<LinkView, { kind: 'code' }>, previous: LinkView | undefined): void {
  deadlines.heard('code', next.remainingMs);
  const grouped = formatAuthorizationCode(next.code);
  codeValue.textContent = grouped;
  codeValue.setAttribute('aria-label', grouped.split('').join(' '));
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
