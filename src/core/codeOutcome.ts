/** A code GREEN-API issued (getAuthorizationCode), as the command returns it. */
export interface IssuedCode {
  readonly code: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

/**
 * How one request for a code ended, as the code flow returns it to the surface that asked
 * (the notification, the Link panel), which words it with `describeOutcome`. `refused` is
 * GREEN-API's `status: false`; `notReady` carries the `stateInstance` that forbids a code;
 * `failed` the error thrown. vscode-free.
 */
export type CodeOutcome =
  | { readonly type: 'issued'; readonly issued: IssuedCode }
  | { readonly type: 'refused' }
  | { readonly type: 'notReady'; readonly state: string }
  | { readonly type: 'failed'; readonly error: unknown }
  /** Refused here: a request for another number (`phoneInFlight`, digits) is under way; `phone` is the number asked for. */
  | { readonly type: 'busy'; readonly phoneInFlight: string; readonly phone: string }
  | { readonly type: 'cancelled' }
  /** No code asked for: GREEN-API's cleanup after a logout (getWaSettings `logoutProcess`) outlasted the wait. */
  | { readonly type: 'cleanupRunning' };
