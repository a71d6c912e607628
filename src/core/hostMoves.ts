import { originOf } from './validation';
import { Event, Subscription } from './events';

/**
 * Whether a command argument may store `newApiUrl` for an idInstance stored on `storedApiUrl`
 * (undefined: not stored yet): it may add an instance, or rotate the token on the same origin
 * (scheme, host and port, see originOf), but never move one to another origin; that is the Edit
 * form's, which shows the old and the new host (security review M1).
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
export function followHostMoves(
  source: { readonly onDidChangeOrigin: Event<readonly string[]> },
  ...forget: readonly ((idInstance: string) => unknown)[]
): Subscription {
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
