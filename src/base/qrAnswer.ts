/**
 * One answer of GREEN-API's `qr` method (https://green-api.com/en/docs/api/account/QR/):
 * a base64 PNG, "already logged in", an error message, `passkeyRequired` (WhatsApp asks the
 * phone to create or confirm a passkey, 2026), or a type this extension does not know, kept
 * with its name and message (both neutralized) so that it can be shown. The API layer parses
 * it, the core's poller reads it; both import it from here.
 */
export type QrAnswer =
  | { readonly type: 'qrCode'; readonly pngBase64: string }
  | { readonly type: 'alreadyLogged'; readonly message: string }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'passkeyRequired'; readonly message: string }
  /** `name` is the server's `type` as it came (neutralized, never empty); `message` may be empty. */
  | { readonly type: 'unknown'; readonly name: string; readonly message: string };
