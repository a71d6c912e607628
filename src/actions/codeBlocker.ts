import { isGreenApiError } from '../api/errors';
import { InstanceRecord, displayName } from '../core/storedInstance';
import { adviseForCode, describeFailure } from '../failures/explain';
import { LinkBlockFix } from '../linkProtocol';
import { StateChecks } from '../services/stateChecks';

/** Why no code can be had now, in words, with the one fix to offer first. */
export interface CodeBlocker {
  readonly text: string;
  readonly fix: LinkBlockFix;
}

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

/** What a `stateInstance` means for a code: undefined for `notAuthorized`, else the words and the fix. `subject` names the instance. */
export function blockerForState(state: string, subject: string): CodeBlocker | undefined {
  const advice = adviseForCode(state, subject);
  if (advice.canRequestCode) return undefined;
  return { text: advice.message, fix: advice.alreadyLinked ? 'logout' : 'checkState' };
}

/** What a failed call means for a code: the words of {@link describeFailure} and the fix that addresses the field at fault. */
export function blockerForError(error: unknown, subject: string): CodeBlocker {
  const text = describeFailure(error, subject);
  if (!isGreenApiError(error)) return { text, fix: 'checkState' };
  if (error.kind === 'invalidCredentials') return { text, fix: error.suspect === 'apiTokenInstance' ? 'updateToken' : 'editInstance' };
  if (error.kind === 'network' || (error.kind === 'unexpectedStatus' && error.status === 404)) return { text, fix: 'editInstance' };
  return { text, fix: 'checkState' };
}
