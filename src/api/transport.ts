import * as http from 'node:http';
import * as https from 'node:https';
import { getEventListeners } from 'node:events';
import fetch, { Response } from 'node-fetch';
import { MAX_SERVER_MESSAGE_LENGTH, neutralizeServerText } from '../base/neutralize';
import { redactSecrets } from '../base/redact';
import {
  AnyGreenApiError,
  BadResponseError,
  CancelledError,
  InvalidCredentialsError,
  InvalidRequestError,
  NetworkError,
  QuotaExceededError,
  RateLimitedError,
  RejectionReason,
  RequestRejectedError,
  ServerError,
  TimeoutError,
  UnexpectedStatusError,
} from './errors';
import { ErrorInBody, ShapeError } from './responses';
import { boundedTimerMs } from '../base/delays';
import { parseRetryAfter } from './retryAfter';

/** What the client tells an observer about each request; holds no token and no body. */
export interface RequestRecord {
  readonly method: string;
  readonly httpMethod: 'GET' | 'POST';
  readonly redactedUrl: string;
  /** Absent when no HTTP answer came (network error, timeout, cancel). */
  readonly status: number | undefined;
  readonly durationMs: number;
  /** `ok`, or the kind of the error the call failed with. */
  readonly outcome: 'ok' | AnyGreenApiError['kind'];
}

/** What every call of a client shares, whatever its method (see ClientOptions in ./client). */
export interface TransportOptions {
  readonly onRequest?: (record: RequestRecord) => void;
  readonly userAgent?: string;
}

/**
 * What send() lets node-fetch read: http(s) and no blank, control character or template brace.
 * The scheme at the very start makes node-fetch parse with WHATWG `new URL` (it falls back to
 * the lenient legacy `url.parse` otherwise, which skips leading control characters and ends a
 * host at `|`), so a URL that does not parse or has no host throws a TypeError before anything
 * is sent, which becomes the same InvalidRequestError (translateTransportError). A second
 * parse here would cost every call as much as node-fetch's own.
 */
// eslint-disable-next-line no-control-regex
const PLAIN_HTTP_URL = /^https?:\/\/[^\s{}\u0000-\u001f\u007f]+$/i;
/** A QR image is a few tens of KB; anything far larger is not a GREEN-API answer. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

// node-fetch sends `Connection: close` unless given an agent; reusing connections is
// most of the difference between us and a bare http.request.
const keepAliveHttp = new http.Agent({ keepAlive: true, maxSockets: 32 });
const keepAliveHttps = new https.Agent({ keepAlive: true, maxSockets: 32 });
const pickAgent = (url: URL): http.Agent => (url.protocol === 'http:' ? keepAliveHttp : keepAliveHttps);

/** One request as a client method builds it: the URL with its secret, and how to read the answer. */
export interface Exchange<T> {
  /** Carries the secret; never shown, logged or put in an error. */
  readonly url: string;
  /** The secret in `url` (its token segment): removed from the server's text, which may quote the path. */
  readonly secret: string;
  readonly shownUrl: string;
  readonly method: string;
  readonly httpMethod: 'GET' | 'POST';
  readonly body: string | undefined;
  readonly parse: (json: unknown) => T;
}

/**
 * One HTTP exchange with GREEN-API: its deadline (`timeoutMs`, covering the wait for a socket,
 * the headers and the body), cancellation by `signal`, answer checks and typed errors. Resolves
 * with `exchange.parse`'s result; rejects only with an error of `./errors`. Reports every call,
 * ok or not, to `options.onRequest`.
 */
export async function send<T>(
  exchange: Exchange<T>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  options: TransportOptions,
): Promise<T> {
  const { method, httpMethod, parse, shownUrl } = exchange;
  const started = performance.now();
  let status: number | undefined;
  const finish = (outcome: RequestRecord['outcome']): void =>
    options.onRequest?.({
      method,
      httpMethod,
      redactedUrl: shownUrl,
      status,
      durationMs: performance.now() - started,
      outcome,
    });

  const refusal = refusalBeforeSending(exchange, signal);
  if (refusal) {
    finish(refusal.kind);
    throw refusal;
  }
  // A controller per call, whose abort cannot be spared: it is how node-fetch 2 frees a socket.
  // See CONTRIBUTING.md, Field notes: node-fetch's socket pool.
  const controller = takeController();
  let timedOut = false;
  const deadline = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, boundedTimerMs(timeoutMs));
  const forwardCancel = (): void => controller.abort();
  signal?.addEventListener('abort', forwardCancel, { once: true });

  try {
    const response = await fetchAnswer(exchange, controller.signal, options.userAgent);
    status = response.status;
    // A server (or a proxy) that quotes the request path would put the token in an error's text.
    const text = redactSecrets(await response.text(), [exchange.secret]);
    const result = interpretAnswer(method, shownUrl, response.status, response.headers.get('retry-after'), text, parse);
    finish('ok');
    return result;
  } catch (error) {
    // A body left half-read (too large, stalled, cancelled) must not go back to the pool;
    // after a complete body node-fetch has already let go of the signal and this is a no-op.
    controller.abort();
    const failure = failureOf(error, exchange, timedOut, timeoutMs, status);
    finish(failure.kind);
    throw failure;
  } finally {
    clearTimeout(deadline);
    signal?.removeEventListener('abort', forwardCancel);
    giveBackController(controller);
  }
}

/** Why `exchange` is not sent at all (a cancel before the start, a URL node-fetch must not read), or undefined. */
function refusalBeforeSending(
  exchange: Exchange<unknown>,
  signal: AbortSignal | undefined,
): AnyGreenApiError | undefined {
  if (signal?.aborted) return new CancelledError(exchange.method, exchange.shownUrl);
  // A template left unfilled, a pasted sentence, another scheme: a stored apiUrl older than
  // its validation or a caller's mistake. Say so before node-fetch reads it.
  if (!PLAIN_HTTP_URL.test(exchange.url)) return new InvalidRequestError(exchange.method, exchange.shownUrl, 'apiUrl');
  return undefined;
}

/** The request itself: JSON both ways, no redirect followed, the body capped, on a keep-alive agent. */
function fetchAnswer(
  exchange: Exchange<unknown>,
  signal: AbortSignal,
  userAgent: string | undefined,
): Promise<Response> {
  const { body } = exchange;
  return fetch(exchange.url, {
    method: exchange.httpMethod,
    headers: {
      Accept: 'application/json',
      'User-Agent': userAgent ?? 'green-api-link',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body,
    // A redirect would carry the token in the path to wherever it points.
    redirect: 'manual',
    size: MAX_BODY_BYTES,
    agent: pickAgent,
    signal,
  });
}

/** The typed error a failed call ends with: one of ours as it is, our deadline, or node-fetch's failure translated. */
function failureOf(
  error: unknown,
  exchange: Exchange<unknown>,
  timedOut: boolean,
  timeoutMs: number,
  status: number | undefined,
): AnyGreenApiError {
  if (error instanceof Error && 'kind' in error && 'redactedUrl' in error) return error as AnyGreenApiError;
  if (timedOut) return new TimeoutError(exchange.method, exchange.shownUrl, timeoutMs);
  return translateTransportError(error, exchange.method, exchange.shownUrl, timeoutMs, status);
}

/**
 * Controllers of calls that succeeded, for the next calls: a new AbortController costs a new
 * AbortSignal (an EventTarget), a measurable part of a call on a fast network. A controller is
 * as good as new when it never aborted and nothing listens to it any more: node-fetch 2
 * removes its listener once the body has ended, and send() its own in `finally`.
 */
const idleControllers: AbortController[] = [];
/** As many as calls can run at once on one agent (maxSockets); more would only sit here. */
const MAX_IDLE_CONTROLLERS = 32;

function takeController(): AbortController {
  return idleControllers.pop() ?? new AbortController();
}

function giveBackController(controller: AbortController): void {
  if (controller.signal.aborted || idleControllers.length >= MAX_IDLE_CONTROLLERS) return;
  // A listener left behind (a body never read to its end) would hear the next call's abort.
  try {
    if (getEventListeners(controller.signal, 'abort').length > 0) return;
  } catch {
    // Not Node's own AbortSignal (something replaced the global): never reuse it.
    return;
  }
  idleControllers.push(controller);
}

/** Turns an HTTP answer into a result or a typed error; exported for the fuzz tests. */
export function interpretAnswer<T>(
  method: string,
  shownUrl: string,
  status: number,
  retryAfter: string | null,
  text: string,
  parse: (json: unknown) => T,
): T {
  if (status >= 200 && status < 300) {
    return readJson(method, shownUrl, status, text, parse);
  }
  if (status >= 300 && status < 400) {
    throw new BadResponseError(
      method,
      shownUrl,
      `a redirect (HTTP ${status}), not followed so the token stays with this host`,
      status,
    );
  }
  switch (status) {
    case 400:
      return throwRejection(method, shownUrl, text);
    case 401:
    case 403:
      throw new InvalidCredentialsError(method, shownUrl, status);
    case 429:
      throw new RateLimitedError(method, shownUrl, parseRetryAfter(retryAfter));
    case 466:
      throw new QuotaExceededError(method, shownUrl, quotaDescription(text));
  }
  if (status >= 500) {
    throw new ServerError(method, shownUrl, status);
  }
  throw new UnexpectedStatusError(method, shownUrl, status);
}

function readJson<T>(method: string, shownUrl: string, status: number, text: string, parse: (json: unknown) => T): T {
  if (text.trim() === '') {
    throw new BadResponseError(method, shownUrl, 'an empty body', status);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const problem = /^\s*</.test(text) ? 'an HTML page instead of JSON (a proxy in the way?)' : 'not JSON';
    throw new BadResponseError(method, shownUrl, problem, status);
  }
  try {
    return parse(json);
  } catch (error) {
    // The body's own status, as if HTTP had said it (a refused partner token: 401).
    if (error instanceof ErrorInBody) return interpretAnswer(method, shownUrl, error.status, null, text, parse);
    if (error instanceof ShapeError) {
      throw new BadResponseError(method, shownUrl, error.message, status);
    }
    throw error;
  }
}

function throwRejection(method: string, shownUrl: string, text: string): never {
  // The documented 400 bodies are plain sentences, sometimes wrapped in JSON.
  const serverText = plainText(text);
  const lower = serverText.toLowerCase();
  let reason: RejectionReason = 'other';
  if (lower.includes('starting')) reason = 'instanceStarting';
  else if (/\bdeleted\b/.test(lower)) reason = 'instanceDeleted';
  else if (lower.includes('not authorized')) reason = 'notAuthorized';
  else if (lower.includes('bad request data')) reason = 'badRequestData';
  throw new RequestRejectedError(method, shownUrl, reason, serverText);
}

function plainText(text: string): string {
  let candidate = text;
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json === 'string') candidate = json;
    else if (typeof json === 'object' && json !== null) {
      const { message, description } = json as Record<string, unknown>;
      if (typeof message === 'string') candidate = message;
      else if (typeof description === 'string') candidate = description;
    }
  } catch {
    // Not JSON: the body is the sentence itself.
  }
  // The server's words reach notifications: tags stripped, then no markup of any kind.
  return neutralizeServerText(candidate.slice(0, 4096).replace(/<[^>]*>/g, ' '), MAX_SERVER_MESSAGE_LENGTH);
}

/**
 * GREEN-API's own description of a 466, from whichever status object carries one: the 466
 * body has `invokeStatus` (the method quota) and `correspondentsStatus` (the quota of chats),
 * and either may hold the `description`. Neutralized here, like every server text.
 */
function quotaDescription(text: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  for (const key of ['invokeStatus', 'correspondentsStatus']) {
    const status = (json as Record<string, unknown>)[key];
    const description =
      typeof status === 'object' && status !== null ? (status as { description?: unknown }).description : undefined;
    const neutral = typeof description === 'string' ? neutralizeServerText(description, MAX_SERVER_MESSAGE_LENGTH) : '';
    if (neutral !== '') return neutral;
  }
  return undefined;
}

function translateTransportError(
  error: unknown,
  method: string,
  shownUrl: string,
  timeoutMs: number,
  status: number | undefined,
): AnyGreenApiError {
  const { name, code, type } = (error ?? {}) as { name?: unknown; code?: unknown; type?: unknown };
  if (name !== 'AbortError' && name !== 'FetchError') {
    // Not a transport failure: before an answer, node-fetch could not build the request
    // (its TypeErrors are about the URL); after one, we could not read it. Either way the
    // user gets a typed error with a way out, never a bare TypeError; its own message may
    // hold the URL, so it is not kept.
    return status === undefined
      ? new InvalidRequestError(method, shownUrl, 'apiUrl')
      : new BadResponseError(method, shownUrl, 'an answer this extension failed to read', status);
  }
  if (name === 'AbortError' || type === 'aborted') {
    return new CancelledError(method, shownUrl);
  }
  if (type === 'request-timeout' || type === 'body-timeout') {
    return new TimeoutError(method, shownUrl, timeoutMs);
  }
  if (type === 'max-size') {
    return new BadResponseError(
      method,
      shownUrl,
      `an answer larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`,
      status ?? 0,
    );
  }
  // node-fetch's own message holds the full URL, token included: only its code goes on.
  return new NetworkError(method, shownUrl, typeof code === 'string' && code !== '' ? code : 'connection failed');
}
