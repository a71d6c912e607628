/**
 * One answer of GREEN-API's `qr` method (https://green-api.com/en/docs/api/account/QR/):
 * a base64 PNG, "already logged in", or an error message. The API layer parses it, the
 * core's poller reads it; both import it from here.
 */
export type QrAnswer =
  | { readonly type: 'qrCode'; readonly pngBase64: string }
  | { readonly type: 'alreadyLogged'; readonly message: string }
  | { readonly type: 'error'; readonly message: string };
