import { AnyGreenApiError, isGreenApiError } from '../api/errors';
import { t } from '../core/l10n';
import { MAX_SERVER_NAME_LENGTH, neutralizeServerText, serverSentence } from '../base/neutralize';
import { FailureFix, WayOut } from '../core/waysOut';
import { BEING_CREATED } from '../core/linkState';

export type { WayOut };

export interface Explanation {
  readonly message: string;
  readonly waysOut: readonly WayOut[];
}

/**
 * Plain words for each failure, with what the user can do next. `subject` names the
 * instance, as in "Sales (1101000001)".
 */
export function explainFailure(error: AnyGreenApiError, subject: string): Explanation {
  switch (error.kind) {
    case 'invalidCredentials':
      return explainRefusedCredentials(error, subject);
    case 'rateLimited':
    case 'quotaExceeded':
      return explainLimit(error, subject);
    case 'requestRejected':
      return explainRejection(error, subject);
    case 'unexpectedStatus':
    case 'serverError':
    case 'badResponse':
      return explainAnswer(error, subject);
    case 'timeout':
    case 'network':
      return explainUnreached(error, subject);
    case 'invalidRequest':
      return explainUnsent(error, subject);
    case 'cancelled':
      return { message: t('Cancelled.'), waysOut: [] };
  }
}

/** The GREEN-API errors of the given kinds. */
type FailureOf<K extends AnyGreenApiError['kind']> = Extract<AnyGreenApiError, { readonly kind: K }>;

/** A 401 (the token) or a 403 (the idInstance). */
function explainRefusedCredentials(error: FailureOf<'invalidCredentials'>, subject: string): Explanation {
  return faultyField(error) === 'apiTokenInstance'
    ? {
        message: t(
          'GREEN-API refused the token of {0}. Copy the apiTokenInstance again from the GREEN-API console.',
          subject,
        ),
        waysOut: ['updateToken', 'showLog'],
      }
    : {
        message: t(
          'GREEN-API does not know {0}: the idInstance is wrong, or the instance was deleted or has expired. Check it in the GREEN-API console.',
          subject,
        ),
        waysOut: ['editInstance', 'showLog'],
      };
}

/** A rate limit (429) or a used-up plan quota (466). */
function explainLimit(error: FailureOf<'rateLimited' | 'quotaExceeded'>, subject: string): Explanation {
  if (error.kind === 'rateLimited') {
    const message =
      error.retryAfterMs === undefined
        ? t('GREEN-API is limiting requests to {0}. Wait a few seconds, then try again.', subject)
        : t(
            'GREEN-API is limiting requests to {0}. Wait {1} s, then try again.',
            subject,
            Math.max(1, Math.ceil(error.retryAfterMs / 1000)),
          );
    return { message, waysOut: ['tryAgain', 'showLog'] };
  }
  // GREEN-API's own words say which quota and until when; ours only when it gave none.
  const description = serverSentence(error.description ?? '');
  return {
    message: description
      ? t('The GREEN-API plan of {0} has used up its quota. GREEN-API says: {1}', subject, description)
      : t('The GREEN-API plan of {0} has used up its quota. Upgrade the plan or wait for the next period.', subject),
    waysOut: ['openConsole', 'showLog'],
  };
}

/** A 400 that GREEN-API explained: by the reason read from its answer. */
function explainRejection(error: FailureOf<'requestRejected'>, subject: string): Explanation {
  switch (error.reason) {
    case 'instanceStarting':
      // l10n: {0} names the instance; GREEN-API says starting may take up to 5 minutes.
      return {
        message: t('{0} is starting, which can take up to 5 minutes. Try again in a moment.', subject),
        waysOut: ['tryAgain', 'checkState'],
      };
    case 'notAuthorized':
      return {
        message: t('{0} is not linked to a phone, and this needs a linked account.', subject),
        waysOut: ['checkState'],
      };
    case 'instanceDeleted':
      return {
        message: t('GREEN-API says {0} is deleted. Remove it here, or check it in the GREEN-API console.', subject),
        waysOut: ['removeInstance', 'openConsole', 'showLog'],
      };
    case 'badRequestData':
      return {
        message: t(
          'GREEN-API did not accept the request for {0} (bad request data). Check the phone number: country code and number, digits only.',
          subject,
        ),
        waysOut: ['tryAgain', 'showLog'],
      };
    default: {
      const said = serverSentence(error.serverText);
      return {
        message: said
          ? t('GREEN-API refused the request for {0}: {1}', subject, said)
          : t('GREEN-API refused the request for {0} without giving a reason.', subject),
        waysOut: ['tryAgain', 'showLog'],
      };
    }
  }
}

/** An answer that came but is of no use: an unexpected status, a server error, an unreadable body. */
function explainAnswer(
  error: FailureOf<'unexpectedStatus' | 'serverError' | 'badResponse'>,
  subject: string,
): Explanation {
  switch (error.kind) {
    case 'unexpectedStatus':
      return error.status === 404
        ? {
            message: t(
              'GREEN-API answered "not found" for {0}. The apiUrl is probably wrong: copy it again from the GREEN-API console.',
              subject,
            ),
            waysOut: ['editInstance', 'showLog'],
          }
        : {
            message: t('GREEN-API answered HTTP {0} for {1}. Try again in a moment.', error.status, subject),
            waysOut: ['tryAgain', 'showLog'],
          };
    case 'serverError':
      return {
        message: t('GREEN-API had a server error (HTTP {0}) for {1}. Try again in a moment.', error.status, subject),
        waysOut: ['tryAgain', 'showLog'],
      };
    case 'badResponse':
      return {
        message: t(
          'GREEN-API sent an answer for {0} that this extension cannot read ({1}). Try again; if it persists, see the log.',
          subject,
          neutralizeServerText(error.problem, MAX_SERVER_NAME_LENGTH),
        ),
        waysOut: ['tryAgain', 'showLog'],
      };
  }
}

/** No answer: a timeout, or a network error before one. */
function explainUnreached(error: FailureOf<'timeout' | 'network'>, subject: string): Explanation {
  if (error.kind === 'timeout') {
    return {
      message: t(
        'GREEN-API did not answer within {0} s for {1}. Try again, or allow more time in the settings.',
        Math.round(error.timeoutMs / 1000),
        subject,
      ),
      waysOut: ['tryAgain', 'openSettings', 'showLog'],
    };
  }
  return {
    message: t(
      'Could not reach GREEN-API for {0}: {1}. Check its apiUrl, your connection and any proxy.',
      subject,
      networkProblem(error.code),
    ),
    waysOut: ['tryAgain', 'editInstance', 'showLog'],
  };
}

/** A request refused before it was sent: an unusable apiUrl or phone number. */
function explainUnsent(error: FailureOf<'invalidRequest'>, subject: string): Explanation {
  return error.problem === 'apiUrl'
    ? {
        message: t(
          'Nothing was sent for {0}: its apiUrl does not make a usable URL. Edit the instance and paste the apiUrl from the GREEN-API console.',
          subject,
        ),
        waysOut: ['editInstance', 'showLog'],
      }
    : {
        message: t(
          'Nothing was sent for {0}: the phone number is not in international format. Type it with the country code, for example {1}.',
          subject,
          '+44 1234 567890',
        ),
        waysOut: ['tryAgain', 'showLog'],
      };
}

export type StateAdvice =
  | { readonly canRequestCode: true }
  | { readonly canRequestCode: false; readonly alreadyLinked: boolean; readonly message: string };

/** What a state means before asking for a code: only `notAuthorized` can be linked. */
export function adviseForCode(state: string, subject: string): StateAdvice {
  switch (state) {
    case 'notAuthorized':
      return { canRequestCode: true };
    case 'authorized':
      return {
        canRequestCode: false,
        alreadyLinked: true,
        message: t('{0} is already linked to a phone. Log out first to link another one.', subject),
      };
    case 'yellowCard':
      // l10n: Why no code can be asked for now; {0} names the instance. "yellowCard" is GREEN-API's state name: keep it as it is.
      return {
        canRequestCode: false,
        alreadyLinked: true,
        message: t(
          '{0} is restricted (yellowCard): GREEN-API says to reboot it to continue. Log out first to link another phone.',
          subject,
        ),
      };
    case 'suspended':
      // l10n: Why no code can be asked for now; {0} names the instance. "suspended" is GREEN-API's state name: keep it as it is.
      return {
        canRequestCode: false,
        alreadyLinked: true,
        message: t('{0} is restricted by WhatsApp (suspended). Log out first to link another phone.', subject),
      };
    case BEING_CREATED:
      // l10n: Why no code can be asked for now; {0} names the instance, which GREEN-API has not finished creating.
      return {
        canRequestCode: false,
        alreadyLinked: false,
        message: t(
          '{0} is still being created by GREEN-API, which can take up to 5 minutes. Try again when it is ready.',
          subject,
        ),
      };
    case 'blocked':
      return {
        canRequestCode: false,
        alreadyLinked: false,
        message: t(
          'The WhatsApp account of {0} is banned. Contact WhatsApp support, or use another number on another instance.',
          subject,
        ),
      };
    case 'sleepMode':
      // GREEN-API's docs now call sleepMode "out of date": no promise of when it returns.
      return {
        canRequestCode: false,
        alreadyLinked: false,
        message: t(
          'GREEN-API reports the phone linked to {0} as off or offline. Check that the phone is on and online, then check the state again.',
          subject,
        ),
      };
    case 'starting':
      return {
        canRequestCode: false,
        alreadyLinked: false,
        message: t('{0} is starting, which can take up to 5 minutes. Try again in a moment.', subject),
      };
    default:
      return {
        canRequestCode: false,
        alreadyLinked: false,
        message: t(
          '{0} is in a state this extension does not know: "{1}". Check it in the GREEN-API console.',
          subject,
          neutralizeServerText(state, MAX_SERVER_NAME_LENGTH),
        ),
      };
  }
}

function networkProblem(code: string): string {
  // l10n: Why GREEN-API could not be reached, inserted in "Could not reach GREEN-API for <name>: {here}. Check its apiUrl…". A clause in lower case.
  switch (code) {
    case 'ECONNREFUSED':
      return t('connection refused');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return t('host name not found');
    case 'ECONNRESET':
    case 'EPIPE':
      return t('the connection was reset');
    case 'ETIMEDOUT':
      return t('the connection timed out');
    default:
      return CERTIFICATE_CODES.includes(code) ? t('the TLS certificate was not accepted') : code;
  }
}

/** A few words for a badge: "token refused (401)", "rate limited", "timed out". */
export function shortReason(error: AnyGreenApiError): string {
  // l10n: A few words for an instance row in the Instances view and the instance picker: why its last check failed. Keep them short (a narrow sidebar); keep the HTTP status in brackets. "starting" is the instance's state (it is restarting). {0} in "rejected" is GREEN-API's own text; in "server error" an HTTP status; in "unreachable" a network error code such as ECONNREFUSED.
  switch (error.kind) {
    case 'invalidCredentials':
      return error.status === 401 ? t('token refused (401)') : t('unknown instance (403)');
    case 'rateLimited':
      return t('rate limited (429)');
    case 'quotaExceeded':
      return t('plan quota used up (466)');
    case 'requestRejected':
      if (error.reason === 'instanceStarting') return t('starting');
      if (error.reason === 'instanceDeleted') return t('instance deleted (400)');
      return t('rejected: {0}', neutralizeServerText(error.serverText, 60) || '400');
    case 'unexpectedStatus':
      return error.status === 404 ? t('not found (404): check the apiUrl') : `HTTP ${error.status}`;
    case 'serverError':
      return t('server error ({0})', error.status);
    case 'timeout':
      return t('timed out');
    case 'network':
      return t('unreachable ({0})', error.code);
    case 'badResponse':
      return t('unreadable answer');
    case 'invalidRequest':
      return error.problem === 'apiUrl' ? t('apiUrl unusable: edit the instance') : t('phone number not international');
    case 'cancelled':
      return t('cancelled');
  }
}

/** The field of an instance record a failure points at, when one does. */
export type FaultyField = 'apiTokenInstance' | 'idInstance' | 'apiUrl';

/**
 * Which field is at fault: the token for a 401, the idInstance for a 403, the apiUrl for a
 * 404 or an unreachable host; undefined when no field is (try again, check again).
 */
export function faultyField(error: unknown): FaultyField | undefined {
  if (!isGreenApiError(error)) return undefined;
  if (error.kind === 'invalidCredentials') {
    return error.suspect === 'apiTokenInstance' ? 'apiTokenInstance' : 'idInstance';
  }
  if (error.kind === 'network' || (error.kind === 'unexpectedStatus' && error.status === 404)) return 'apiUrl';
  return undefined;
}

/** One failure in every wording the extension shows it in. */
export interface FailureWords extends Explanation {
  /** A few words for a badge ({@link shortReason}), or the error's own message. */
  readonly badge: string;
  /** The field at fault ({@link faultyField}). */
  readonly field: FaultyField | undefined;
  /** The one fix to offer first: the token box, the edit form, or another check. */
  readonly fix: FailureFix;
  /** True when GREEN-API was not reached at all (a network error or a timeout): nothing can be asked of the instance now. */
  readonly unreached: boolean;
}

/**
 * Words any failure: {@link explainFailure}'s message and ways out and {@link shortReason}'s
 * badge for a GreenApiError, the error's own message (and the log) otherwise; the field at
 * fault and its fix for both. `subject` names the instance, as in "Sales (1101000001)".
 */
export function explain(error: unknown, subject: string): FailureWords {
  const field = faultyField(error);
  const fix: FailureFix =
    field === 'apiTokenInstance' ? 'updateToken' : field && !hostMayBeDown(error) ? 'editInstance' : 'checkState';
  const unreached = isGreenApiError(error) && (error.kind === 'network' || error.kind === 'timeout');
  if (isGreenApiError(error)) {
    return { ...explainFailure(error, subject), badge: shortReason(error), field, fix, unreached };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message, waysOut: ['showLog'], badge: message, field, fix, unreached };
}

/**
 * A network error of a host that exists (refused, reset, timed out, a passing DNS failure):
 * the apiUrl may be right and the host down for a moment, so the first fix is another check,
 * not the edit form. A host name that is not found, or a certificate not accepted, points at the apiUrl.
 */
function hostMayBeDown(error: unknown): boolean {
  if (!isGreenApiError(error) || error.kind !== 'network') return false;
  return !['ENOTFOUND', ...CERTIFICATE_CODES].includes(error.code);
}

const CERTIFICATE_CODES = [
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
];

/** The row's fix button for a failed check: the edit form when a field is at fault (see {@link faultyField}), else another check. */
export function rowFix(fix: FailureFix): 'edit' | 'refresh' {
  return fix === 'checkState' ? 'refresh' : 'edit';
}
