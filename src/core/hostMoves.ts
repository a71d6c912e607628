import { originOf } from './validation';
import { Event, Subscription } from './events';

/**
 * Whether a command argument may store `newApiUrl` for an idInstance whose stored apiUrl is
 * `storedApiUrl` (undefined: not stored yet). An argument (another extension, a task's
 * `inputs`, a keybinding) may add a new instance or rotate the token on the same origin
 * (scheme, host and port, see originOf), but never move a stored instance to another
 * origin: that is the user's own Edit form's, after it shows the old and the new host
 * (security review M1). Returns true when the argument is allowed.
 */
export function argumentMayStore(storedApiUrl: string | undefined, newApiUrl: string): boolean {
  return storedApiUrl === undefined || originOf(storedApiUrl) === originOf(newApiUrl);
}

/**
 * Makes `forget` run for every id the registry reports moved to another origin (its
 * `onDidChangeOrigin`): whatever an owner keeps per idInstance alone was learned from the
 * old host and must not be read as the new host's (a drop, a code, a phone; security review
 * M1). A forget that throws does not stop the others. Returns the subscription.
 */
export function followHostMoves(source: { readonly onDidChangeOrigin: Event<readonly string[]> }, ...forget: readonly ((idInstance: string) => unknown)[]): Subscription {
  return source.onDidChangeOrigin((ids) => {
    for (const idInstance of ids) {
      for (const one of forget) {
        try {
          one(idInstance);
        } catch (error) {
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    }
  });
}
