/**
 * The ways out of a blocked step that the extension can offer, shared by the failure wording
 * (failures/), the actions that run them (`Actions.runWayOut`), the background watch, the
 * panels and the Link panel's protocol. vscode-free.
 */

/**
 * Every way out, one vocabulary. Most need only the id and are run by `Actions.runWayOut`;
 * `tryAgain` and `rebootAndTryAgain` repeat what failed, so only its caller runs them; `showLog`
 * and `openSettings` need no instance. `logoutAndGetCode` logs out with no second confirmation
 * (its button says so); the caller asks for the code afterwards.
 */
export type WayOut =
  | 'tryAgain'
  | 'updateToken'
  | 'editInstance'
  | 'removeInstance'
  | 'openConsole'
  | 'checkState'
  | 'rebootAndTryAgain'
  | 'useQr'
  | 'openSettings'
  | 'showLog'
  | 'logout'
  | 'logoutAndGetCode'
  | 'reboot'
  | 'getCode'
  | 'openLinkPanel'
  | 'showInstances';

/**
 * Runs one way out for an instance (`idInstance`, ignored by `showInstances`,
 * `openSettings` and `showLog`). Resolves truthy when it was done (unlinked, saved, open),
 * falsy when declined or failed; never throws (failures are shown with their own ways out).
 */
export type RunWayOut = (wayOut: WayOut, idInstance: string) => Promise<unknown>;

/** The fix of a failure or a state that blocks a code: the one field at fault, or another check. */
export type FailureFix = Extract<WayOut, 'updateToken' | 'editInstance' | 'checkState'>;

/** Why the Link panel cannot ask for a code now, and the one fix it offers (`tryAgain`: the failed check, once more). */
export type LinkBlockFix = FailureFix | Extract<WayOut, 'logout' | 'tryAgain'>;
