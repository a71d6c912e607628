import { REDACTED, redactedMethodUrl } from '../base/redact';
import { InvalidRequestError } from './errors';
import {
  AuthorizationCodeAnswer,
  LogoutAnswer,
  QrAnswer,
  RebootAnswer,
  StateAnswer,
  WaSettingsAnswer,
  parseAuthorizationCodeAnswer,
  parseLogoutAnswer,
  parseQrAnswer,
  parseRebootAnswer,
  parseStateAnswer,
  parseWaSettingsAnswer,
  PartnerInstance,
  parsePartnerInstances,
} from './responses';
import { TransportOptions, send } from './transport';

/** Where one instance lives and the secret that opens it. */
export interface InstanceAddress {
  readonly apiUrl: string;
  readonly idInstance: string;
  readonly apiTokenInstance: string;
}

export interface ClientOptions extends TransportOptions {
  /** For every method but getAuthorizationCode. */
  readonly timeoutMs?: number;
  /** getAuthorizationCode may take up to 30 s on the server's own word, so it gets a longer wait. */
  readonly authorizationCodeTimeoutMs?: number;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Overrides the client's timeout for this call. */
  readonly timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_AUTHORIZATION_CODE_TIMEOUT_MS = 60_000;

/**
 * A client for one GREEN-API instance. Every method validates the answer at run time
 * and fails with one of the errors in `./errors`; none retries by itself (a repeated
 * getAuthorizationCode can push an instance into `starting`, see README).
 */
export class GreenApiClient {
  constructor(
    private readonly instance: InstanceAddress,
    private readonly options: ClientOptions = {},
  ) {}

  /** `phoneDigits`: international format, digits only (see core/phoneNumber). */
  getAuthorizationCode(phoneDigits: string, call: CallOptions = {}): Promise<AuthorizationCodeAnswer> {
    if (!/^[1-9]\d{0,14}$/.test(phoneDigits)) {
      const { apiUrl, idInstance } = this.instance;
      return Promise.reject(
        new InvalidRequestError(
          'getAuthorizationCode',
          redactedMethodUrl(apiUrl, idInstance, 'getAuthorizationCode'),
          'phoneNumber',
        ),
      );
    }
    // Written by hand so the number keeps every digit, whatever its size.
    const body = `{"phoneNumber":${phoneDigits}}`;
    return this.request('getAuthorizationCode', 'POST', body, parseAuthorizationCodeAnswer, {
      ...call,
      timeoutMs: call.timeoutMs ?? this.options.authorizationCodeTimeoutMs ?? DEFAULT_AUTHORIZATION_CODE_TIMEOUT_MS,
    });
  }

  getStateInstance(call: CallOptions = {}): Promise<StateAnswer> {
    return this.request('getStateInstance', 'GET', undefined, parseStateAnswer, call);
  }

  logout(call: CallOptions = {}): Promise<LogoutAnswer> {
    return this.request('logout', 'GET', undefined, parseLogoutAnswer, call);
  }

  reboot(call: CallOptions = {}): Promise<RebootAnswer> {
    return this.request('reboot', 'GET', undefined, parseRebootAnswer, call);
  }

  qr(call: CallOptions = {}): Promise<QrAnswer> {
    return this.request('qr', 'GET', undefined, parseQrAnswer, call);
  }

  getWaSettings(call: CallOptions = {}): Promise<WaSettingsAnswer> {
    return this.request('getWaSettings', 'GET', undefined, parseWaSettingsAnswer, call);
  }

  private request<T>(
    method: string,
    httpMethod: 'GET' | 'POST',
    body: string | undefined,
    parse: (json: unknown) => T,
    call: CallOptions,
  ): Promise<T> {
    const { apiUrl, idInstance, apiTokenInstance } = this.instance;
    return send(
      {
        url: `${apiUrl}/waInstance${idInstance}/${method}/${apiTokenInstance}`,
        secret: apiTokenInstance,
        shownUrl: redactedMethodUrl(apiUrl, idInstance, method),
        method,
        httpMethod,
        body,
        parse,
      },
      call.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      call.signal,
      this.options,
    );
  }
}

/** The Partner API: lists the instances of a partner account. The partner token is as secret as an instance token. */
export class PartnerClient {
  constructor(
    private readonly partnerApiUrl: string,
    private readonly partnerToken: string,
    private readonly options: ClientOptions = {},
  ) {}

  getInstances(call: CallOptions = {}): Promise<PartnerInstance[]> {
    const base = this.partnerApiUrl.replace(/\/+$/, '');
    return send(
      {
        url: `${base}/partner/getInstances/${this.partnerToken}`,
        secret: this.partnerToken,
        shownUrl: `${base}/partner/getInstances/${REDACTED}`,
        method: 'getInstances',
        httpMethod: 'GET',
        body: undefined,
        parse: parsePartnerInstances,
      },
      call.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      call.signal,
      this.options,
    );
  }
}
