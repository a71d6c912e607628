import { isGreenApiError } from '../api/errors';
import { CodeOutcome } from '../core/codeOutcome';
import { t } from '../core/l10n';
import { maskPhoneNumber } from '../core/phoneNumber';
import { LinkBlockFix, WayOut } from '../core/waysOut';
import { blockerForState } from './blockers';
import { explain } from './explain';

/** One outcome of a code request in words, for the notification and the Link panel alike. */
export interface OutcomeWords {
  readonly severity: 'error' | 'warning';
  readonly text: string;
  /** The notification's buttons, in order; `tryAgain` and `rebootAndTryAgain` ask again, so the caller runs them. */
  readonly waysOut: readonly WayOut[];
  /**
   * What must change before a code can be had: the Link panel's one fix button. Undefined
   * when asking again may do: the panel offers New Code (and Reboot and Try Again when
   * `waysOut` has it).
   */
  readonly blocker: LinkBlockFix | undefined;
}

/**
 * Words a code request's outcome once for both surfaces: undefined when there is nothing to
 * say (issued, cancelled, or a state that allows a code). `subject` names the instance, as
 * in "Sales (1101000001)"; phone numbers are masked.
 */
export function describeOutcome(outcome: CodeOutcome, subject: string): OutcomeWords | undefined {
  switch (outcome.type) {
    case 'issued':
    case 'cancelled':
      return undefined;
    case 'refused':
      // `status: false`: GREEN-API's known workaround is a reboot, then ask again, or the QR (see README).
      return {
        severity: 'error',
        text: t(
          'GREEN-API could not issue a code for {0}. Reboot the instance and try again, or link with a QR code.',
          subject,
        ),
        waysOut: ['rebootAndTryAgain', 'useQr'],
        blocker: undefined,
      };
    case 'busy':
      return {
        severity: 'warning',
        text: t(
          'A code for {0} is already being requested for {1}. Wait for it or cancel it, then ask again for {2}.',
          subject,
          maskPhoneNumber(outcome.phoneInFlight),
          maskPhoneNumber(outcome.phone),
        ),
        waysOut: [],
        blocker: undefined,
      };
    case 'notReady':
      return describeState(outcome.state, subject);
    case 'cleanupRunning':
      return {
        severity: 'warning',
        // l10n: {0} names the instance. GREEN-API refuses codes until its cleanup after a Log Out ends; the extension waited a minute.
        text: t(
          'GREEN-API is still cleaning up the data of {0} after the logout, over a minute now. No code can be had until it ends. Try again in a minute.',
          subject,
        ),
        waysOut: ['tryAgain'],
        blocker: undefined,
      };
    case 'failed': {
      const { message, waysOut, fix } = explain(outcome.error, subject);
      // GREEN-API's "instance in starting process": up to 5 minutes is normal, so a warning to wait, not an error.
      const starting =
        isGreenApiError(outcome.error) &&
        outcome.error.kind === 'requestRejected' &&
        outcome.error.reason === 'instanceStarting';
      // A failure no field explains is worth asking again; one that names a field needs that field fixed first.
      return {
        severity: starting ? 'warning' : 'error',
        text: message,
        waysOut,
        blocker: fix === 'checkState' ? undefined : fix,
      };
    }
  }
}

/** A state that forbids a code: linked (log out first, then the code), starting (try again), or another (check it). */
function describeState(state: string, subject: string): OutcomeWords | undefined {
  const blocker = blockerForState(state, subject);
  if (!blocker) return undefined;
  const waysOut: readonly WayOut[] =
    blocker.fix === 'logout'
      ? ['logoutAndGetCode']
      : state === 'starting'
        ? ['tryAgain', 'checkState']
        : ['checkState'];
  return { severity: 'warning', text: blocker.text, waysOut, blocker: blocker.fix };
}
