import { isIdInstance } from '../../base/ids';
import { hasExactly, plainRecord } from '../../base/messageShape';
import type { SortOrder } from '../../core/instanceOrder';
import type { RowDensity } from '../../core/rowDensity';

/**
 * The messages between the Instances view's host and its webview. Both sides import
 * this file; the host validates every incoming message with `parseWebviewMessage`,
 * because the webview is a separate, less trusted context. Nothing here ever carries
 * a token.
 */

/** What a row says about the instance's state. */
export type RowStatus =
  | { readonly kind: 'unchecked' }
  /** The row came through Settings Sync or the greenApi.instances setting; its token is not on this machine. Nothing is sent for it. */
  | { readonly kind: 'tokenNeeded' }
  | { readonly kind: 'checking'; readonly previous: string | undefined }
  | { readonly kind: 'state'; readonly state: string }
  | {
      readonly kind: 'error';
      readonly reason: string;
      readonly previous: string | undefined;
      readonly fix: 'edit' | 'refresh';
      /** GREEN-API was not reached (a network error, a timeout): Log Out and Reboot could not be sent, so they are not offered. */
      readonly unreached?: boolean;
    };

export interface InstanceRow {
  readonly idInstance: string;
  readonly name: string;
  /** The apiUrl's host, such as 1103.api.greenapi.com. */
  readonly host: string;
  /** From the greenApi.instances setting: apiUrl and name are changed there. */
  readonly shared: boolean;
  readonly status: RowStatus;
  /** The linked phone, masked and grouped as WhatsApp shows it (`+44 79•• ••••56`), when authorized. */
  readonly phoneMasked: string | undefined;
  /** Epoch ms of the last answer, host clock. */
  readonly checkedAt: number | undefined;
  /** The pending code. `expiresAt`: epoch ms, for showing the time; `remainingMs`: ms left when the message was sent, from the monotonic deadline the status bar counts down to. */
  readonly code: { readonly value: string; readonly expiresAt: number; readonly remainingMs: number } | undefined;
  /** True when the instance lost its WhatsApp link and is not linked again (the watch's badge counts it). */
  readonly dropped: boolean;
  /** The last few state changes, newest first: `at` is epoch ms, host clock. */
  readonly history: readonly { readonly state: string; readonly at: number }[];
}

/** The view's own choices, from its title menu and settings. */
export interface ViewOptions {
  /** The list's order: core/instanceOrder's rowOrder, which the webview also places changed rows by. */
  readonly sortOrder: SortOrder;
  readonly density: RowDensity;
}

export type HostMessage =
  /**
   * Everything, after the webview said it is ready (and after it was shown again, or the view's
   * order or density changed); `rows` in `view.sortOrder` (core/instanceOrder's orderRows of
   * InstanceRegistry.list), which the webview draws as it comes.
   */
  | {
      readonly type: 'init';
      readonly rows: readonly InstanceRow[];
      readonly problems: readonly string[];
      readonly view: ViewOptions;
    }
  /** Rows added or changed since the last message; the webview re-renders only those. */
  | { readonly type: 'rows'; readonly rows: readonly InstanceRow[] }
  | { readonly type: 'removeRow'; readonly idInstance: string }
  /** The problem lines again, when they changed after the init (a workspace's greenApi.instances changed while the view is open). */
  | { readonly type: 'problems'; readonly problems: readonly string[] };

export const ROW_ACTIONS = [
  'link',
  'showQr',
  'copyCode',
  'cancelCode',
  'refresh',
  'reboot',
  'logout',
  'openConsole',
  'edit',
  'remove',
  'dismissDrop',
] as const;
export type RowAction = (typeof ROW_ACTIONS)[number];

export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'addInstance' }
  | { readonly type: 'refreshAll' }
  /** The empty view's links: the two imports and the walkthrough. */
  | { readonly type: 'importFromEnv' }
  | { readonly type: 'importFromPartner' }
  | { readonly type: 'openWalkthrough' }
  | { readonly type: 'rowAction'; readonly action: RowAction; readonly idInstance: string };

/** The largest message the host reads; anything bigger is not ours. */
export const MAX_MESSAGE_CHARS = 1024;

/**
 * Accepts exactly the messages above, with no extra keys, and nothing else: unknown
 * types, wrong field types, prototype tricks and oversized payloads give undefined.
 */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  const record = plainRecord(value);
  if (!record) return undefined;
  let size = 0;
  for (const [key, field] of Object.entries(record)) {
    if (typeof field !== 'string') return undefined;
    size += key.length + field.length;
  }
  if (size > MAX_MESSAGE_CHARS) return undefined;
  const message = record as Readonly<Record<string, string>>;
  const only = (...allowed: string[]): boolean => hasExactly(message, ...allowed);
  switch (message.type) {
    case 'ready':
    case 'addInstance':
    case 'refreshAll':
    case 'importFromEnv':
    case 'importFromPartner':
    case 'openWalkthrough':
      return only('type') ? { type: message.type } : undefined;
    case 'rowAction': {
      const action = message.action as RowAction;
      const idInstance = message.idInstance ?? '';
      if (
        !only('type', 'action', 'idInstance') ||
        !(ROW_ACTIONS as readonly string[]).includes(action) ||
        !isIdInstance(idInstance)
      ) {
        return undefined;
      }
      return { type: 'rowAction', action, idInstance };
    }
    default:
      return undefined;
  }
}
