import { QrAction, QrHostMessage, QrView, QrWebviewMessage } from '../views/qr/protocol';
import { acquireWebviewApi } from './vscodeApi';

/** The QR panel, inside the webview: it shows what the host sends and posts button clicks back. */

const vscode = acquireWebviewApi<QrWebviewMessage>();
const image = document.getElementById('qr') as HTMLImageElement;
const frame = document.getElementById('frame') as HTMLElement;
const status = document.getElementById('status') as HTMLElement;
const actions = document.getElementById('actions') as HTMLElement;

window.addEventListener('message', (event: MessageEvent<QrHostMessage>) => {
  if (event.data?.type === 'qrView') show(event.data.view);
});

actions.addEventListener('click', (event) => {
  const action = (event.target as HTMLElement).closest('button')?.dataset.action as QrAction | undefined;
  if (action) vscode.postMessage({ type: 'qrAction', action });
});

function show(view: QrView): void {
  frame.hidden = view.kind !== 'image';
  frame.classList.toggle('waiting', view.kind === 'waiting');
  if (view.kind === 'image') image.src = `data:image/png;base64,${view.pngBase64}`;
  for (const button of actions.querySelectorAll<HTMLElement>('button')) {
    const shownFor = (button.dataset.for ?? '').split(' ');
    button.hidden = !shownFor.includes(view.kind);
  }
  const texts: Record<QrView['kind'], string> = {
    waiting: status.dataset.waiting ?? '',
    image: status.dataset.image ?? '',
    alreadyLinked: status.dataset.linked ?? '',
    passkey: status.dataset.passkey ?? '',
    problem:
      view.kind === 'problem'
        ? view.text +
          (view.retryInSeconds ? ` ${(status.dataset.retry ?? '').replace('{0}', String(view.retryInSeconds))}` : '')
        : '',
  };
  status.textContent = texts[view.kind];
  status.className = `status ${view.kind}`;
}

vscode.postMessage({ type: 'ready' });
