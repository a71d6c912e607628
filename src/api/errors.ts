import { isIdInstance } from '../base/ids';
/**
 * One error class per way a GREEN-API call can fail, told apart by `kind` so that
 * callers can switch exhaustively. No message, property or stack here ever holds the
 * token: URLs are redacted before they get here and low-level errors are not chained.
 */
export type GreenApiErrorKind =
  | 'invalidCredentials'
  | 'rateLimited'
  | 'quotaExceeded'
  | 'requestRejected'
  | 'unexpectedStatus'
  | 'serverError'
  | 'timeout'
  | 'network'
  | 'badResponse'
  | 'invalidRequest'
  | 'cancelled';

export abstract class GreenApiError extends Error {
  abstract readonly kind: GreenApiErrorKind;
  /** The GREEN-API method, such as `getStateInstance`. */
  readonly method: string;
  /** The request URL with the token replaced. */
  readonly redactedUrl: string;

  protected constructor(message: string, method: string, redactedUrl: string) {
    super(message);
    this.name = new.target.name;
    this.method = method;
    this.redactedUrl = redactedUrl;
  }
}

/** 401 means the token is wrong; 403 means the idInstance is wrong, deleted or expired. */
export class InvalidCredentialsError extends GreenApiError {
  readonly kind = 'invalidCredentials';
  constructor(
    method: string,
    redactedUrl: string,
    readonly status: 401 | 403,
  ) {
    super(
      status === 401
        ? 'GREEN-API refused the apiTokenInstance (401 Unauthorized).'
        : 'GREEN-API does not know this idInstance, or it was deleted or has expired (403 Forbidden).',
      method,
      redactedUrl,
    );
  }
  get suspect(): 'apiTokenInstance' | 'idInstance' {
    return this.status === 401 ? 'apiTokenInstance' : 'idInstance';
  }
}

export class RateLimitedError extends GreenApiError {
  readonly kind = 'rateLimited';
  constructor(
    method: string,
    redactedUrl: string,
    /** From `Retry-After`, when the server sent one. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(
      retryAfterMs === undefined
        ? 'GREEN-API is rate-limiting this instance (429 Too Many Requests).'
        : `GREEN-API is rate-limiting this instance (429 Too Many Requests); it asks to wait ${Math.ceil(retryAfterMs / 1000)} s.`,
      method,
      redactedUrl,
    );
  }
}

/** HTTP 466: the plan's quota for this method is used up. */
export class QuotaExceededError extends GreenApiError {
  readonly kind = 'quotaExceeded';
  constructor(
    method: string,
    redactedUrl: string,
    readonly description: string | undefined,
  ) {
    super(`The GREEN-API plan's quota is used up (466)${description ? `: ${description}` : '.'}`, method, redactedUrl);
  }
}

/** Why GREEN-API answered 400, from the documented bodies. */
export type RejectionReason = 'instanceStarting' | 'notAuthorized' | 'instanceDeleted' | 'badRequestData' | 'other';

export class RequestRejectedError extends GreenApiError {
  readonly kind = 'requestRejected';
  constructor(
    method: string,
    redactedUrl: string,
    readonly reason: RejectionReason,
    /** The server's own words, trimmed; never holds the token (the server does not echo it). */
    readonly serverText: string,
  ) {
    super(`GREEN-API rejected the request (400): ${serverText || 'no details given'}.`, method, redactedUrl);
  }
}

/** A status no other class covers, such as 404 for a wrong apiUrl path or 499. */
export class UnexpectedStatusError extends GreenApiError {
  readonly kind = 'unexpectedStatus';
  constructor(
    method: string,
    redactedUrl: string,
    readonly status: number,
  ) {
    super(`GREEN-API answered HTTP ${status}, which this extension does not expect here.`, method, redactedUrl);
  }
}

export class ServerError extends GreenApiError {
  readonly kind = 'serverError';
  constructor(
    method: string,
    redactedUrl: string,
    readonly status: number,
  ) {
    super(`GREEN-API had a server error (HTTP ${status}).`, method, redactedUrl);
  }
}

export class TimeoutError extends GreenApiError {
  readonly kind = 'timeout';
  constructor(
    method: string,
    redactedUrl: string,
    readonly timeoutMs: number,
  ) {
    super(`GREEN-API did not answer within ${Math.round(timeoutMs / 1000)} s.`, method, redactedUrl);
  }
}

/** The connection failed: refused, DNS, reset, TLS. `code` is Node's, such as ECONNREFUSED. */
export class NetworkError extends GreenApiError {
  readonly kind = 'network';
  constructor(
    method: string,
    redactedUrl: string,
    readonly code: string,
  ) {
    // The log gets Node's code; the words for people are src/failures/explain.ts's.
    super(`Could not reach GREEN-API (${code}).`, method, redactedUrl);
  }
}

export class BadResponseError extends GreenApiError {
  readonly kind = 'badResponse';
  constructor(
    method: string,
    redactedUrl: string,
    /** What was wrong with the answer, such as "not JSON" or "field `code` is not a string". */
    readonly problem: string,
    readonly status: number,
  ) {
    super(`GREEN-API sent an answer this extension cannot read: ${problem}.`, method, redactedUrl);
  }
}

/**
 * Nothing reached GREEN-API: the apiUrl makes no usable URL (`apiUrl`; node-fetch's `Only absolute
 * URLs are supported` ends here), or an argument is not what the method takes (`phoneNumber`).
 * Never carries the low-level message, which may hold the URL and so the token.
 */
export class InvalidRequestError extends GreenApiError {
  readonly kind = 'invalidRequest';
  constructor(
    method: string,
    redactedUrl: string,
    readonly problem: 'apiUrl' | 'phoneNumber',
  ) {
    super(
      problem === 'apiUrl'
        ? 'The request was not sent: the apiUrl does not make a usable URL.'
        : 'The request was not sent: the phone number is not international digits (country code first, no leading 0).',
      method,
      redactedUrl,
    );
  }
}

export class CancelledError extends GreenApiError {
  readonly kind = 'cancelled';
  constructor(method: string, redactedUrl: string) {
    super('The request was cancelled.', method, redactedUrl);
  }
}

export type AnyGreenApiError =
  | InvalidCredentialsError
  | RateLimitedError
  | QuotaExceededError
  | RequestRejectedError
  | UnexpectedStatusError
  | ServerError
  | TimeoutError
  | NetworkError
  | BadResponseError
  | InvalidRequestError
  | CancelledError;

/** True for every error this client throws (one bundle, so one copy of each class). */
export function isGreenApiError(value: unknown): value is AnyGreenApiError {
  return value instanceof GreenApiError;
}

/**
 * The idInstance an error is about, read from its redacted URL (`…/waInstance{idInstance}/…`,
 * GREEN-API's addressing); undefined for the Partner API and anything else.
 */
export function idInstanceOf(error: Pick<GreenApiError, 'redactedUrl'>): string | undefined {
  const id = /\/waInstance(\d+)\//.exec(error.redactedUrl)?.[1];
  return isIdInstance(id) ? id : undefined;
}

/** Failures after which asking again cannot help until the user changes something. */
const FINAL_KINDS: ReadonlySet<GreenApiErrorKind> = new Set<GreenApiErrorKind>([
  'invalidCredentials',
  'quotaExceeded',
  'cancelled',
]);

/**
 * What a failure means for a loop that asks again (the QR poller, the refresh queue):
 * `final` for a wrong token, a used-up quota or a cancel; otherwise the server's
 * Retry-After in ms for a 429, when it gave one. Anything that is not a GreenApiError is
 * passing (the loop backs off).
 */
export function failureVerdict(error: unknown): { readonly final: boolean; readonly retryAfterMs: number | undefined } {
  if (!isGreenApiError(error)) return { final: false, retryAfterMs: undefined };
  return {
    final: FINAL_KINDS.has(error.kind),
    retryAfterMs: error.kind === 'rateLimited' ? error.retryAfterMs : undefined,
  };
}
