/**
 * What a `stateInstance` means for the link between an instance and a phone: the one
 * definition the flows, the watcher, the sidebar and its webview all use.
 * States: https://green-api.com/en/docs/api/account/GetStateInstance/
 */

/**
 * True when the instance is linked to a phone and working: `authorized`, or
 * `yellowCard` (linked, with sending restricted for now). Every other state, known or
 * not, and `undefined` (never checked) give false.
 */
export function isLinked(state: string | undefined): boolean {
  return state === 'authorized' || state === 'yellowCard';
}

/**
 * True when an account is bound to the instance, even if its phone is offline right
 * now (`sleepMode`): the states in which logging out means something. A wider fact
 * than {@link isLinked}, which is about working links only.
 */
export function holdsAccount(state: string | undefined): boolean {
  return isLinked(state) || state === 'sleepMode';
}
