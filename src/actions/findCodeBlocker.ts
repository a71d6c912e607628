import { isGreenApiError } from '../api/errors';
import { InstanceRecord, displayName } from '../core/storedInstance';
import { CodeBlocker, blockerForError, blockerForState } from '../failures/blockers';
import { StateChecks } from '../services/stateChecks';

/**
 * Asks for the state (getStateInstance, via StateChecks) and says whether a code can be issued:
 * undefined when `notAuthorized`, else the blocker and its fix (linked: log out first; 401: the
 * token; 403, 404 or unreachable: edit the instance; anything else: check again). A cancelled
 * check (`signal`) resolves to 'cancelled'. Never throws.
 */
export async function findCodeBlocker(
  stateChecks: StateChecks,
  record: InstanceRecord,
  signal?: AbortSignal,
): Promise<CodeBlocker | 'cancelled' | undefined> {
  let state: string;
  try {
    state = await stateChecks.check(record, signal ? { signal } : {});
  } catch (error) {
    if (isGreenApiError(error) && error.kind === 'cancelled') return 'cancelled';
    return blockerForError(error, displayName(record));
  }
  return blockerForState(state, displayName(record));
}
