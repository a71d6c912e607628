/**
 * The messages between a QR panel (one per instance) and its host: the same rules as
 * the Instances view's protocol in protocol.ts. The host validates what comes in with
 * parseQrWebviewMessage; nothing here carries a token.
 */
import { hasExactly, plainRecord } from '../../base/messageShape';

/** What the QR panel shows; the host sends the whole of it each time it changes. */
export type QrView =
  | { readonly kind: 'waiting' }
  | { readonly kind: 'image'; readonly pngBase64: string }
  | { readonly kind: 'alreadyLinked' }
  /** WhatsApp asks the phone to create or confirm a passkey: the user finishes it there; polling goes on. */
  | { readonly kind: 'passkey' }
  | { readonly kind: 'problem'; readonly text: string; readonly retryInSeconds: number | undefined };

export interface QrHostMessage {
  readonly type: 'qrView';
  readonly view: QrView;
}

export const QR_ACTIONS = ['logout', 'retry', 'useCode', 'checkState'] as const;
export type QrAction = (typeof QR_ACTIONS)[number];

export type QrWebviewMessage = { readonly type: 'ready' } | { readonly type: 'qrAction'; readonly action: QrAction };

export function parseQrWebviewMessage(value: unknown): QrWebviewMessage | undefined {
  const message = plainRecord(value);
  if (!message) return undefined;
  if (message.type === 'ready' && hasExactly(message, 'type')) return { type: 'ready' };
  if (
    message.type === 'qrAction' &&
    hasExactly(message, 'type', 'action') &&
    typeof message.action === 'string' &&
    (QR_ACTIONS as readonly string[]).includes(message.action)
  ) {
    return { type: 'qrAction', action: message.action as QrAction };
  }
  return undefined;
}
