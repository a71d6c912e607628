import { AnyGreenApiError, isGreenApiError } from '../api/errors';

/** Ways out the UI can offer; the adapter turns each into a button and a command. */
export type WayOut = 'tryAgain' | 'updateToken' | 'editInstance' | 'checkState' | 'rebootAndTryAgain' | 'openSettings' | 'showLog';

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
      return error.suspect === 'apiTokenInstance'
        ? { message: `GREEN-API refused the token of ${subject}. Copy the apiTokenInstance again from the GREEN-API console.`, waysOut: ['updateToken', 'showLog'] }
        : { message: `GREEN-API does not know ${subject}: the idInstance is wrong, or the instance was deleted or has expired. Check it in the GREEN-API console.`, waysOut: ['editInstance', 'showLog'] };
    case 'rateLimited': {
      const wait = error.retryAfterMs === undefined ? 'a few seconds' : `${Math.max(1, Math.ceil(error.retryAfterMs / 1000))} s`;
      return { message: `GREEN-API is limiting requests to ${subject}. Wait ${wait}, then try again.`, waysOut: ['tryAgain', 'showLog'] };
    }
    case 'quotaExceeded':
      return { message: `The GREEN-API plan of ${subject} has used up its quota${error.description ? `: ${error.description}` : ''}. Upgrade the plan or wait for the next period.`, waysOut: ['showLog'] };
    case 'requestRejected':
      switch (error.reason) {
        case 'instanceStarting':
          return { message: `${subject} is starting. Try again in a few seconds.`, waysOut: ['tryAgain', 'checkState'] };
        case 'notAuthorized':
          return { message: `${subject} is not linked to a phone, and this needs a linked account.`, waysOut: ['checkState'] };
        case 'badRequestData':
          return { message: `GREEN-API did not accept the request for ${subject} (bad request data). Check the phone number: country code and number, digits only.`, waysOut: ['tryAgain', 'showLog'] };
        default:
          return { message: `GREEN-API refused the request for ${subject}: ${error.serverText || 'no reason given'}.`, waysOut: ['tryAgain', 'showLog'] };
      }
    case 'unexpectedStatus':
      return error.status === 404
        ? { message: `GREEN-API answered "not found" for ${subject}. The apiUrl is probably wrong: copy it again from the GREEN-API console.`, waysOut: ['editInstance', 'showLog'] }
        : { message: `GREEN-API answered HTTP ${error.status} for ${subject}. Try again in a moment.`, waysOut: ['tryAgain', 'showLog'] };
    case 'serverError':
      return { message: `GREEN-API had a server error (HTTP ${error.status}) for ${subject}. Try again in a moment.`, waysOut: ['tryAgain', 'showLog'] };
    case 'timeout':
      return { message: `GREEN-API did not answer within ${Math.round(error.timeoutMs / 1000)} s for ${subject}. Try again, or allow more time in the settings.`, waysOut: ['tryAgain', 'openSettings', 'showLog'] };
    case 'network':
      return { message: `${error.message} Check the apiUrl of ${subject}, your connection and any proxy.`, waysOut: ['tryAgain', 'editInstance', 'showLog'] };
    case 'badResponse':
      return { message: `GREEN-API sent an answer for ${subject} that this extension cannot read (${error.problem}). Try again; if it persists, see the log.`, waysOut: ['tryAgain', 'showLog'] };
    case 'cancelled':
      return { message: 'Cancelled.', waysOut: [] };
  }
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
      return { canRequestCode: false, alreadyLinked: true, message: `${subject} is already linked to a phone. Log out first to link another one.` };
    case 'yellowCard':
      return { canRequestCode: false, alreadyLinked: true, message: `${subject} is linked, though sending is restricted for now (suspected spam). Log out first to link another phone.` };
    case 'blocked':
      return { canRequestCode: false, alreadyLinked: false, message: `The WhatsApp account of ${subject} is banned. Contact WhatsApp support, or use another number on another instance.` };
    case 'sleepMode':
      return { canRequestCode: false, alreadyLinked: false, message: `The phone linked to ${subject} is off or offline. Switch it on; it can take up to 5 minutes to return to authorized.` };
    case 'starting':
      return { canRequestCode: false, alreadyLinked: false, message: `${subject} is starting. Try again in a few seconds.` };
    default:
      return { canRequestCode: false, alreadyLinked: false, message: `${subject} is in a state this extension does not know: "${state}". Check it in the GREEN-API console.` };
  }
}

/** A few words for a badge: "token refused (401)", "rate limited", "timed out". */
export function shortReason(error: AnyGreenApiError): string {
  switch (error.kind) {
    case 'invalidCredentials':
      return error.status === 401 ? 'token refused (401)' : 'unknown instance (403)';
    case 'rateLimited':
      return 'rate limited (429)';
    case 'quotaExceeded':
      return 'plan quota used up (466)';
    case 'requestRejected':
      return error.reason === 'instanceStarting' ? 'starting' : `rejected: ${error.serverText.slice(0, 60) || '400'}`;
    case 'unexpectedStatus':
      return error.status === 404 ? 'not found (404): check the apiUrl' : `HTTP ${error.status}`;
    case 'serverError':
      return `server error (${error.status})`;
    case 'timeout':
      return 'timed out';
    case 'network':
      return `unreachable (${error.code})`;
    case 'badResponse':
      return 'unreadable answer';
    case 'cancelled':
      return 'cancelled';
  }
}

/** The reason a state check failed, as the states holder keeps it for badges. */
export function failureReason(error: unknown): string {
  if (isGreenApiError(error)) return shortReason(error);
  return error instanceof Error ? error.message : String(error);
}
