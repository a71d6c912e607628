import * as assert from 'node:assert/strict';
import { GreenApiClient } from '../../src/api/client';
import { GreenApiErrorKind, isGreenApiError } from '../../src/api/errors';
import { EmulatedInstance, FaultRule } from '../../emulator/instances';
import { RunningEmulator, startEmulator } from '../../emulator/server';

/** Each GREEN-API call the client makes, against each fault the emulator can inject. */
const CALLS: Record<string, (client: GreenApiClient) => Promise<unknown>> = {
  getAuthorizationCode: (client) => client.getAuthorizationCode('441234567890'),
  getStateInstance: (client) => client.getStateInstance(),
  logout: (client) => client.logout(),
  reboot: (client) => client.reboot(),
  qr: (client) => client.qr(),
  getWaSettings: (client) => client.getWaSettings(),
};

const FAULTS: [string, FaultRule, GreenApiErrorKind][] = [
  ['a delay past the timeout', { delayMs: 400 }, 'timeout'],
  ['a stall before the headers', { stall: 'headers' }, 'timeout'],
  ['a stall half-way through the body', { stall: 'body' }, 'timeout'],
  ['a reset connection', { reset: true }, 'network'],
  ['500 with an HTML body', { status: 500, body: 'html' }, 'serverError'],
  ['502 with an HTML body', { status: 502, body: 'html' }, 'serverError'],
  ['503 with an HTML body', { status: 503, body: 'html' }, 'serverError'],
  ['429 with Retry-After', { status: 429, retryAfter: '2' }, 'rateLimited'],
  ['429 without Retry-After', { status: 429 }, 'rateLimited'],
  ['466 quota exceeded', { status: 466 }, 'quotaExceeded'],
  ['401', { status: 401, body: { raw: 'Unauthorized' } }, 'invalidCredentials'],
  ['403', { status: 403, body: { raw: 'Forbidden' } }, 'invalidCredentials'],
  ['malformed JSON', { body: 'malformed' }, 'badResponse'],
  ['an empty body', { body: 'empty' }, 'badResponse'],
  ['a wrong content type (HTML page with 200)', { status: 200, body: 'html', contentType: 'text/html' }, 'badResponse'],
];

describe('fault injection: every client call against every fault', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let instance: EmulatedInstance;

  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());
  beforeEach(() => {
    instance = emulator.store.add();
  });

  for (const [method, call] of Object.entries(CALLS)) {
    describe(method, () => {
      for (const [label, fault, kind] of FAULTS) {
        it(`${label} → ${kind}`, async () => {
          instance.faults = [{ ...fault, method }];
          const client = new GreenApiClient(
            { apiUrl: emulator.url, idInstance: instance.idInstance, apiTokenInstance: instance.apiTokenInstance },
            { timeoutMs: 250, authorizationCodeTimeoutMs: 250 },
          );
          const started = Date.now();
          let caught: unknown;
          await call(client).catch((error: unknown) => (caught = error));
          assert.ok(isGreenApiError(caught), `expected a GreenApiError, got ${String(caught)}`);
          assert.equal(caught.kind, kind, caught.message);
          assert.equal(caught.method, method);
          assert.ok(!caught.message.includes(instance.apiTokenInstance) && !(caught.stack ?? '').includes(instance.apiTokenInstance));
          assert.ok(Date.now() - started < 2_000, 'took too long to fail');
          assert.equal(instance.calls[method], 1, 'the client must not retry by itself');
        });
      }
    });
  }
});
