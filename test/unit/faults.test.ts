import * as assert from 'node:assert/strict';
import { GreenApiClient } from '../../src/api/client';
import { AnyGreenApiError, GreenApiErrorKind, isGreenApiError } from '../../src/api/errors';
import { MAX_WAIT_MS, MIN_WAIT_MS } from '../../src/base/delays';
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

const HOSTILE_TEXT = `[x](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D) ![i](https://evil/x.png) \`code\` $(alert) \u0007\u202e ${'long '.repeat(100)}`;

/** A wait the server asked for is honoured only within [1 s, 10 min], or left to the caller's backoff. */
function boundedRetryAfter(error: AnyGreenApiError): void {
  assert.ok(error.kind === 'rateLimited');
  if (error.retryAfterMs !== undefined) {
    assert.ok(error.retryAfterMs >= MIN_WAIT_MS && error.retryAfterMs <= MAX_WAIT_MS, String(error.retryAfterMs));
  }
}

/** No markup and no control character in the server's words, and at most 200 characters. */
function neutralServerText(error: AnyGreenApiError): void {
  const text =
    error.kind === 'requestRejected'
      ? error.serverText
      : error.kind === 'quotaExceeded'
        ? (error.description ?? '')
        : error.message;
  assert.ok(text.length <= 200, `${text.length} characters`);
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(text, /\][([]|`|\$\(|[\u0000-\u001f\u202e]/, text);
}

type FaultRow = [
  label: string,
  fault: FaultRule,
  kind: GreenApiErrorKind,
  check?: (error: AnyGreenApiError) => void,
  timeoutMs?: number,
];

const FAULTS: FaultRow[] = [
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
  ['a body over 2 MB that never ends', { stall: 'oversized' }, 'badResponse', undefined, 5_000],
  ['429 with Retry-After 0', { status: 429, retryAfter: '0' }, 'rateLimited', boundedRetryAfter],
  ['429 with a negative Retry-After', { status: 429, retryAfter: '-5' }, 'rateLimited', boundedRetryAfter],
  [
    '429 with a Retry-After date in the past',
    { status: 429, retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT' },
    'rateLimited',
    boundedRetryAfter,
  ],
  ['429 with a garbage Retry-After', { status: 429, retryAfter: 'soon, maybe' }, 'rateLimited', boundedRetryAfter],
  [
    '429 with Retry-After of 30 days',
    { status: 429, retryAfter: String(30 * 24 * 3600) },
    'rateLimited',
    boundedRetryAfter,
  ],
  [
    '429 with Retry-After of 10^30 s',
    { status: 429, retryAfter: '1'.padEnd(31, '0') },
    'rateLimited',
    boundedRetryAfter,
  ],
  [
    '400 with hostile text',
    { status: 400, body: { raw: HOSTILE_TEXT }, contentType: 'text/plain' },
    'requestRejected',
    neutralServerText,
  ],
  [
    '466 with a hostile description',
    { status: 466, body: { raw: JSON.stringify({ invokeStatus: { description: HOSTILE_TEXT } }) } },
    'quotaExceeded',
    neutralServerText,
  ],
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
      for (const [label, fault, kind, check, timeoutMs = 250] of FAULTS) {
        it(`${label} → ${kind}`, async () => {
          instance.faults = [{ ...fault, method }];
          const client = new GreenApiClient(
            { apiUrl: emulator.url, idInstance: instance.idInstance, apiTokenInstance: instance.apiTokenInstance },
            { timeoutMs, authorizationCodeTimeoutMs: timeoutMs },
          );
          const started = Date.now();
          let caught: unknown;
          await call(client).catch((error: unknown) => (caught = error));
          assert.ok(isGreenApiError(caught), `expected a GreenApiError, got ${String(caught)}`);
          assert.equal(caught.kind, kind, caught.message);
          assert.equal(caught.method, method);
          assert.ok(
            !caught.message.includes(instance.apiTokenInstance) &&
              !(caught.stack ?? '').includes(instance.apiTokenInstance),
          );
          assert.ok(Date.now() - started < timeoutMs + 2_000, 'took too long to fail');
          assert.equal(instance.calls[method], 1, 'the client must not retry by itself');
          check?.(caught);
          // No socket leaks: every answer a fault held back has had its connection closed by the client.
          await emulator.untilSockets((now) => now.stalledClosed === now.stalled);
        });
      }
    });
  }
});
