/**
 * The messages between a "Link with Phone Number" panel (one per instance) and its host:
 * the same rules as the Instances view's protocol in protocol.ts. The host validates what
 * comes in with parseLinkWebviewMessage; the phone number is validated on the host (the
 * webview never bundles the phone parser), and nothing here carries a token.
 */

import type { LinkBlockFix } from '../../core/waysOut';
import { hasExactly, plainRecord } from '../../base/messageShape';

export type { LinkBlockFix };

/** What the panel shows; the host sends the whole of it each time it changes. */
export type LinkView =
  /** The steps and the phone field (`phone` as WhatsApp shows it when it is a number). `busy` while GREEN-API is asked (up to its timeout). */
  | { readonly kind: 'phone'; readonly phone: string; readonly problem: string | undefined; readonly busy: boolean }
  /**
   * A code is pending: shown until `expiresAt` (epoch ms, host clock), the deadline the status bar
   * counts down to; `phone`: the number it is for, as WhatsApp shows it (`+44 7911 123456`).
   */
  | {
      readonly kind: 'code';
      readonly code: string;
      readonly expiresAt: number;
      readonly remainingMs: number;
      readonly phone: string;
    }
  /** The code expired unlinked: "didn't work?" (the passkey step first), Check State, and New Code without a confirmation. */
  | { readonly kind: 'expired'; readonly phone: string }
  /**
   * GREEN-API answered `status: false`, or the request failed: the words, and the button that asks
   * again: Reboot and Try Again (`status: false`), Try Again (a failure such as an unreachable host), or New Code.
   */
  | { readonly kind: 'refused'; readonly text: string; readonly phone: string; readonly retry: LinkRetry }
  /** A code cannot be had in this state (linked, token refused, banned…): the words and the fix. */
  | { readonly kind: 'blocked'; readonly text: string; readonly fix: LinkBlockFix };

/** How a refused request is asked again. */
export type LinkRetry = 'rebootAndTryAgain' | 'tryAgain' | 'newCode';

export type LinkHostMessage =
  | { readonly type: 'linkView'; readonly view: LinkView }
  /**
   * The host's verdict on what is in the phone field: `problem` undefined when it is a number
   * GREEN-API accepts, `shown` that number as WhatsApp shows it; `suggestion` an international
   * reading the page offers as a button (`+7 900 123 45 67` for `8 (900) 123-45-67`).
   */
  | {
      readonly type: 'phoneCheck';
      readonly text: string;
      readonly problem: string | undefined;
      readonly shown?: string;
      readonly suggestion?: { readonly shown: string };
    }
  /** The code was put on the clipboard: the Copy button says "Copied" for a moment. */
  | { readonly type: 'copied' };

export const LINK_ACTIONS = ['copy', 'newCode', 'useQr', 'rebootAndRetry', 'cancelCode', 'fix', 'checkState'] as const;
export type LinkAction = (typeof LINK_ACTIONS)[number];

export type LinkWebviewMessage =
  | { readonly type: 'ready' }
  /** The phone field changed: the host answers with a phoneCheck. */
  | { readonly type: 'checkPhone'; readonly text: string }
  /** Get Code with what is in the field. */
  | { readonly type: 'getCode'; readonly text: string }
  | { readonly type: 'linkAction'; readonly action: LinkAction };

/** A phone field holds a number, not a page: anything longer is not ours. */
export const MAX_PHONE_FIELD_CHARS = 64;

/**
 * Accepts exactly the messages above, with no extra keys: unknown types, wrong field
 * types, prototype tricks and oversized text give undefined.
 */
export function parseLinkWebviewMessage(value: unknown): LinkWebviewMessage | undefined {
  const message = plainRecord(value);
  if (!message) return undefined;
  const only = (...allowed: string[]): boolean => hasExactly(message, ...allowed);
  switch (message.type) {
    case 'ready':
      return only('type') ? { type: 'ready' } : undefined;
    case 'checkPhone':
    case 'getCode':
      return only('type', 'text') && typeof message.text === 'string' && message.text.length <= MAX_PHONE_FIELD_CHARS
        ? { type: message.type, text: message.text }
        : undefined;
    case 'linkAction':
      return only('type', 'action') &&
        typeof message.action === 'string' &&
        (LINK_ACTIONS as readonly string[]).includes(message.action)
        ? { type: 'linkAction', action: message.action as LinkAction }
        : undefined;
    default:
      return undefined;
  }
}
