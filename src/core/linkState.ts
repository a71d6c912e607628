import { BEING_CREATED } from '../base/beingCreated';

/**
 * What a `stateInstance` means for the link between an instance and a phone: the one
 * definition the flows, the watcher, the sidebar and its webview all use.
 * States: https://green-api.com/en/docs/api/account/GetStateInstance/
 */

export { BEING_CREATED };

/**
 * True when the instance is linked to a phone and working: `authorized` only. Every other
 * state, known or not, and `undefined` (never checked) give false; so does `yellowCard`,
 * which GREEN-API says needs a reboot to continue and which reports say an instance can
 * land in wrongly after losing its link (green-api/issues #1062).
 */
export function isLinked(state: string | undefined): boolean {
  return state === 'authorized';
}

/**
 * True when an account is bound to the instance but restricted: `yellowCard` (sending
 * suspended for suspected spam; GREEN-API: reboot to continue) and `suspended` (GREEN-API's
 * own app: "restricted by the messenger"). Not linked and working, yet a code is not needed.
 */
export function isRestricted(state: string | undefined): boolean {
  return state === 'yellowCard' || state === 'suspended';
}

/**
 * True when a phone's account is bound to the instance and answering: linked
 * ({@link isLinked}) or restricted ({@link isRestricted}). The states in which the linked
 * phone is read (getWaSettings) and shown, and in which a pending code has done its work.
 */
export function isBoundToPhone(state: string | undefined): boolean {
  return isLinked(state) || isRestricted(state);
}

/**
 * True when an account is bound to the instance, even if its phone is offline right
 * now (`sleepMode`) or it is restricted ({@link isRestricted}): the states in which logging
 * out means something. A wider fact than {@link isLinked}, which is about working links only.
 */
export function holdsAccount(state: string | undefined): boolean {
  return isBoundToPhone(state) || state === 'sleepMode';
}

/** True for an instance GREEN-API is still creating (a `null` getStateInstance body, up to 5 minutes). */
export function isBeingCreated(state: string | undefined): boolean {
  return state === BEING_CREATED;
}
