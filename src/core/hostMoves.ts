import { originOf } from './validation';

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
