import { ClientOptions, GreenApiClient, InstanceAddress } from '../api/client';
import { readSettings } from '../platform/config';
import { Log } from '../platform/log';

/** Builds a client per call, so changed settings apply at once; all clients log their requests. */
export class ApiClients {
  constructor(
    private readonly log: Log,
    private readonly userAgent: string,
  ) {}

  for(instance: InstanceAddress): GreenApiClient {
    return new GreenApiClient(instance, this.options());
  }

  /** Timeouts from the current settings, request logging, the user agent: for any client, the partner one too. */
  options(): ClientOptions {
    const settings = readSettings();
    return {
      timeoutMs: settings.requestTimeoutSeconds * 1000,
      authorizationCodeTimeoutMs: settings.authorizationCodeTimeoutSeconds * 1000,
      onRequest: (record) => this.log.request(record),
      userAgent: this.userAgent,
    };
  }
}
