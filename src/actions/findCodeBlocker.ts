import { isGreenApiError } from '../api/errors';
import { InstanceRecord, displayName } from '../core/storedInstance';
import { CodeBlocker, blockerForError, blockerForState } from '../failures/blockers';
import { StateChecks } from '../services/stateChecks';

/**
 * Asks GREEN-API for the state (getStateInstance, through StateChecks) and says whether
 * a code can be issued: undefined when the instance is `notAuthorized`, else what blocks
 * it and its fix: linked → log out first; token refused (401) → update the token;
 * unknown idInstance (403), wrong apiUrl (404) or unreachable → edit the instance;
 * banned, asleep, starting, unknown states and other failures → check the state again.
 * A cancelled check (`signal`) resolves to 'cancelled'. Never throws.
 */
export async function findCodeBlocker(stateChecks: StateChecks, record: InstanceRecord, signal?: AbortSignal): Promise<CodeBlocker | 'cancelled' | undefined> {
  let state: string;
  try {
    state = await stateChecks.check(record, signal ? { signal } : {});
  } catch (error) {
    if (isGreenApiError(error) && error.kind === 'cancelled') return 'cancelled';
    return blockerForError(error, displayName(record));
  }
  return blockerForState(state, displayName(record));
}

