import { adviseForCode, explain } from './explain';
import { LinkBlockFix } from '../core/waysOut';

/** Why no code can be had now, in words, with the one fix to offer first. */
export interface CodeBlocker {
  readonly text: string;
  readonly fix: LinkBlockFix;
}

/** What a `stateInstance` means for a code: undefined for `notAuthorized`, else the words and the fix. `subject` names the instance. */
export function blockerForState(state: string, subject: string): CodeBlocker | undefined {
  const advice = adviseForCode(state, subject);
  if (advice.canRequestCode) return undefined;
  return { text: advice.message, fix: advice.alreadyLinked ? 'logout' : 'checkState' };
}

/**
 * What a failed call means for a code: the words of {@link explain} and the fix that addresses
 * the field at fault; Try Again (the whole request once more) when no field is (an unreachable
 * host, a timeout, a server error), as README promises.
 */
export function blockerForError(error: unknown, subject: string): CodeBlocker {
  const { message, fix } = explain(error, subject);
  return { text: message, fix: fix === 'checkState' ? 'tryAgain' : fix };
}
