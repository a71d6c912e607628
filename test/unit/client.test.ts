import { explainFailure } from '../../src/failures/explain';
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { GreenApiClient, InstanceAddress } from '../../src/api/client';
import { RequestRecord } from '../../src/api/transport';
import { AnyGreenApiError, GreenApiErrorKind, isGreenApiError } from '../../src/api/errors';
import { EmulatedInstance, FaultRule } from '../../emulator/instances';
import { RunningEmulator, startEmulator } from '../../emulator/server';
import { waitFor } from '../harness/waitFor';
import { BEING_CREATED } from '../../src/base/beingCreated';

describe('GreenApiClient against the emulator (loopback HTTP)', () => {
  let emulator: RunningEmulator;
  let instance: EmulatedInstance;
  let records: RequestRecord[];

  const address = (overrides: Partial<InstanceAddress> = {}): InstanceAddress => ({
    apiUrl: emulator.url,
    idInstance: instance.idInstance,
    apiTokenInstance: instance.apiTokenInstance,
    ...overrides,
  });
  const client = (overrides: Partial<InstanceAddress> = {}, timeoutMs = 2_000): GreenApiClient =>
    new GreenApiClient(address(overrides), {
      timeoutMs,
      authorizationCodeTimeoutMs: timeoutMs,
      onRequest: (r) => records.push(r),
    });
  const inject = (...faults: FaultRule[]): void => {
    instance.faults = faults;
  };

  /** Runs `call`, expects it to fail with `kind`, and checks that no trace of the token escaped. */
  async function failure<K extends GreenApiErrorKind>(
    call: Promise<unknown>,
    kind: K,
  ): Promise<Extract<AnyGreenApiError, { kind: K }>> {
    let caught: unknown;
    try {
      await call;
    } catch (error) {
      caught = error;
    }
    assert.ok(isGreenApiError(caught), `expected a GreenApiError, got ${String(caught)}`);
    assert.equal(caught.kind, kind, `expected ${kind}, got ${caught.kind}: ${caught.message}`);
    const everything = [
      caught.message,
      caught.stack ?? '',
      caught.redactedUrl,
      JSON.stringify(caught),
      JSON.stringify(records),
    ].join('\n');
    assert.ok(!everything.includes(instance.apiTokenInstance), 'the token leaked into the error or the request log');
    return caught as Extract<AnyGreenApiError, { kind: K }>;
  }

  before(async () => {
    emulator = await startEmulator({ codeValiditySeconds: 150, rebootSeconds: 0.2, seed: 7 });
  });
  after(() => emulator.close());
  beforeEach(() => {
    instance = emulator.store.add();
    records = [];
  });

  describe('answers', () => {
    it('getAuthorizationCode posts the number and returns the code', async () => {
      const answer = await client().getAuthorizationCode('441234567890');
      assert.equal(answer.status, true);
      assert.match(answer.code, /^[A-Z2-9]{8}$/);
      assert.equal(instance.pendingCode?.code, answer.code);
      assert.deepEqual(instance.codeRequests, ['441234567890']);
    });

    it('getAuthorizationCode on an authorized instance answers status false (emulator choice, see README)', async () => {
      emulator.store.setState(instance.idInstance, 'authorized');
      assert.deepEqual(await client().getAuthorizationCode('441234567890'), { status: false, code: '' });
    });

    it('refuses an un-normalized phone number before sending anything', async () => {
      await assert.rejects(
        client().getAuthorizationCode('+44 1234'),
        (error: unknown) => isGreenApiError(error) && error.kind === 'invalidRequest',
      );
      assert.equal(instance.calls.getAuthorizationCode, undefined);
    });

    it('getStateInstance follows the emulated state machine through link and logout', async () => {
      const api = client();
      assert.equal((await api.getStateInstance()).stateInstance, 'notAuthorized');
      const { code } = await api.getAuthorizationCode('441234567890');
      assert.ok(emulator.store.link(instance.idInstance, code).ok);
      assert.equal((await api.getStateInstance()).stateInstance, 'authorized');
      const settings = await api.getWaSettings();
      assert.equal(settings.phone, '441234567890');
      assert.equal(settings.stateInstance, 'authorized');
      assert.deepEqual(await api.logout(), { isLogout: true });
      assert.equal((await api.getStateInstance()).stateInstance, 'notAuthorized');
    });

    it('keeps states it does not know, such as pendingCode, as they are', async () => {
      emulator.store.setState(instance.idInstance, 'pendingCode');
      assert.equal((await client().getStateInstance()).stateInstance, 'pendingCode');
    });

    it('reads a null getStateInstance body (an instance still being created) as a state of its own, not an unreadable answer', async () => {
      const creating = emulator.store.add({ creatingSeconds: 60 });
      const api = client({ idInstance: creating.idInstance, apiTokenInstance: creating.apiTokenInstance });
      assert.equal((await api.getStateInstance()).stateInstance, BEING_CREATED);
      assert.equal(BEING_CREATED, 'creating');
      // The same from any server that answers a bare null, as GREEN-API documents.
      inject({ method: 'getStateInstance', body: { raw: 'null' } });
      assert.deepEqual(await client().getStateInstance(), { stateInstance: BEING_CREATED });
    });

    it('reboot passes through starting and back', async () => {
      emulator.store.setState(instance.idInstance, 'authorized');
      assert.deepEqual(await client().reboot(), { isReboot: true });
      assert.equal((await client().getStateInstance()).stateInstance, 'starting');
      // The emulator's reboot takes 0.2 s: ask until it is over.
      await waitFor(
        'the instance back from its reboot',
        async () => (await client().getStateInstance()).stateInstance === 'authorized',
        10_000,
      );
    });

    it('qr gives an image while unauthorized and alreadyLogged after', async () => {
      const qr = await client().qr();
      assert.equal(qr.type, 'qrCode');
      emulator.store.setState(instance.idInstance, 'authorized');
      assert.deepEqual(await client().qr(), { type: 'alreadyLogged', message: 'instance account already authorized' });
    });

    it('qr reads passkeyRequired as an answer of its own, with or without a message', async () => {
      instance.passkeyRequired = true;
      assert.deepEqual(await client().qr(), {
        type: 'passkeyRequired',
        message: 'WhatsApp asks the phone to create or confirm a passkey',
      });
      inject({ method: 'qr', body: { raw: '{"type":"passkeyRequired"}' } });
      assert.deepEqual(await client().qr(), { type: 'passkeyRequired', message: '' });
    });

    it('qr keeps a type it does not know with its name and message, both neutralized, never as unreadable', async () => {
      inject({
        method: 'qr',
        times: 1,
        body: {
          raw: JSON.stringify({
            type: 'timeout',
            message: 'scan [again](command:workbench.action.openSettings) \u202e<b>now</b>',
          }),
        },
      });
      const answer = await client().qr();
      assert.equal(answer.type, 'unknown');
      assert.ok(answer.type === 'unknown');
      assert.equal(answer.name, 'timeout');
      assert.match(answer.message, /^scan again\b/);
      for (const hostile of ['command:', '](', '<b>', '\u202e']) {
        assert.ok(!answer.message.includes(hostile), `${JSON.stringify(hostile)} in ${JSON.stringify(answer.message)}`);
      }
      inject({ method: 'qr', times: 1, body: { raw: JSON.stringify({ type: 'accountData$(zap)' }) } });
      const bare = await client().qr();
      assert.ok(
        bare.type === 'unknown' &&
          bare.message === '' &&
          bare.name.startsWith('accountData') &&
          !bare.name.includes('$('),
        JSON.stringify(bare),
      );
      inject({ method: 'qr', times: 1, body: { raw: JSON.stringify({ type: '', message: 'x' }) } });
      await failure(client().qr(), 'badResponse');
    });

    it('reports every request to the observer with a redacted URL, status and duration', async () => {
      await client().getStateInstance();
      assert.equal(records.length, 1);
      const [record] = records;
      assert.equal(record?.redactedUrl, `${emulator.url}/waInstance${instance.idInstance}/getStateInstance/<token>`);
      assert.equal(record?.status, 200);
      assert.equal(record?.outcome, 'ok');
      assert.ok((record?.durationMs ?? -1) >= 0);
    });
  });

  describe('the authorization code is validated before anything stores or shows it', () => {
    for (const code of ['ABCD1234', 'ABCD-1234', 'abcd-efgh', '  WXYZ2345 ']) {
      it(`accepts "${code}"`, async () => {
        inject({ method: 'getAuthorizationCode', times: 1, body: { raw: JSON.stringify({ status: true, code }) } });
        assert.equal((await client().getAuthorizationCode('441234567890')).code, code.trim());
      });
    }
    const MALFORMED = [
      'ABC',
      'ABCDEFGHI',
      'ABCD--EFGH',
      'ABCD EFGH',
      'AB-CDEFGH',
      'ABCDEFG!',
      'ABCD\u2010EFGH',
      '١٢٣٤٥٦٧٨',
      '[x](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)',
      '$(alert)ABCD',
      'ABCD\u202eEFGH',
    ];
    for (const code of MALFORMED) {
      it(`refuses ${JSON.stringify(code)} as a malformed answer, and does not ask again`, async () => {
        inject({ method: 'getAuthorizationCode', body: { raw: JSON.stringify({ status: true, code }) } });
        const error = await failure(client().getAuthorizationCode('441234567890'), 'badResponse');
        assert.match(error.problem, /not 8 letters or digits/);
        assert.ok(!error.message.includes(code), 'the malformed code must not be quoted back');
        assert.equal(instance.calls.getAuthorizationCode, 1, 'a malformed answer must not be re-sent');
      });
    }
  });

  describe('errors, one kind each', () => {
    it('401 on a wrong token: invalidCredentials, suspect apiTokenInstance', async () => {
      const error = await failure(
        client({ apiTokenInstance: 'wrong-token-0123456789' }).getStateInstance(),
        'invalidCredentials',
      );
      assert.equal(error.status, 401);
      assert.equal(error.suspect, 'apiTokenInstance');
    });

    it('403 on an unknown idInstance: invalidCredentials, suspect idInstance', async () => {
      const error = await failure(client({ idInstance: '9999999999' }).getStateInstance(), 'invalidCredentials');
      assert.equal(error.status, 403);
      assert.equal(error.suspect, 'idInstance');
    });

    it('429 with Retry-After in seconds carries the wait', async () => {
      inject({ status: 429, retryAfter: '7', times: 1 });
      const error = await failure(client().getStateInstance(), 'rateLimited');
      assert.equal(error.retryAfterMs, 7000);
      assert.match(error.message, /wait 7 s/);
    });

    it('429 without Retry-After leaves the wait to the caller', async () => {
      inject({ status: 429, times: 1 });
      assert.equal((await failure(client().getStateInstance(), 'rateLimited')).retryAfterMs, undefined);
    });

    it('466 carries the quota description', async () => {
      inject({ status: 466 });
      const error = await failure(client().getAuthorizationCode('441234567890'), 'quotaExceeded');
      assert.equal(error.description, 'Monthly quota exceeded (emulated)');
    });

    it('466 with the description only in correspondentsStatus carries it too', async () => {
      const body = JSON.stringify({
        invokeStatus: { method: 'getAuthorizationCode', status: 'OK' },
        correspondentsStatus: {
          status: 'QUOTE_EXCEEDED',
          description: 'Limit of correspondents reached. Upgrade at [console](https://evil.example)',
        },
      });
      inject({ status: 466, body: { raw: body }, times: 1 });
      const error = await failure(client().getAuthorizationCode('441234567890'), 'quotaExceeded');
      assert.equal(
        error.description,
        'Limit of correspondents reached. Upgrade at console',
        'found, and neutralized as it is parsed',
      );
    });

    it('400 "Instance is deleted" is its own reason', async () => {
      inject({ status: 400, body: { raw: '{"message":"Instance is deleted"}' }, times: 1 });
      assert.equal((await failure(client().getStateInstance(), 'requestRejected')).reason, 'instanceDeleted');
    });

    it('an apiUrl that makes no usable URL, or digits that are not a number, fail typed before sending; never a raw TypeError', async () => {
      // A template, a sentence, nothing; a URL that does not parse, another scheme, no scheme;
      // a control character before the scheme and a host the legacy parser would cut at '|'.
      for (const apiUrl of [
        'https://{{host}}',
        'not a url',
        '',
        'https://host:99999',
        'ftp://api.green-api.com',
        'api.green-api.com',
        '\u0001https://evil.invalid',
        'https://evil.invalid|x',
        'https://a\u0000b.invalid',
      ]) {
        const error = await failure(client({ apiUrl }).getStateInstance(), 'invalidRequest');
        assert.equal(error.problem, 'apiUrl');
      }
      assert.equal(
        (await failure(client().getAuthorizationCode('089001234567'), 'invalidRequest')).problem,
        'phoneNumber',
      );
      assert.equal(instance.calls.getAuthorizationCode ?? 0, 0);
    });

    it('400 starting, not authorized and bad request data are told apart', async () => {
      emulator.store.setState(instance.idInstance, 'starting');
      assert.equal(
        (await failure(client().getAuthorizationCode('441234567890'), 'requestRejected')).reason,
        'instanceStarting',
      );
      inject({ status: 400, body: { raw: 'instance account not authorized' }, times: 1 });
      assert.equal((await failure(client().getWaSettings(), 'requestRejected')).reason, 'notAuthorized');
      inject({ status: 400, body: { raw: '{"message":"bad request data"}' }, times: 1 });
      assert.equal((await failure(client().getWaSettings(), 'requestRejected')).reason, 'badRequestData');
    });

    for (const status of [500, 502, 503]) {
      it(`${status} with an HTML body: serverError`, async () => {
        inject({ status, body: 'html' });
        assert.equal((await failure(client().getStateInstance(), 'serverError')).status, status);
      });
    }

    it('an unexpected status such as 404 or 499: unexpectedStatus', async () => {
      inject({ status: 499, times: 1 });
      assert.equal((await failure(client().getStateInstance(), 'unexpectedStatus')).status, 499);
      assert.equal(
        (await failure(client({ apiUrl: `${emulator.url}/api` }).getStateInstance(), 'unexpectedStatus')).status,
        404,
      );
    });

    it('malformed JSON, an HTML page, an empty body and wrong fields: badResponse', async () => {
      inject({ body: 'malformed', times: 1 });
      assert.match((await failure(client().getStateInstance(), 'badResponse')).problem, /not JSON/);
      inject({ body: 'html', status: 200, times: 1 });
      assert.match((await failure(client().getStateInstance(), 'badResponse')).problem, /HTML page/);
      inject({ body: 'empty', times: 1 });
      assert.match((await failure(client().getStateInstance(), 'badResponse')).problem, /empty body/);
      inject({ body: { raw: '{"stateInstance": 3}' }, times: 1 });
      assert.match(
        (await failure(client().getStateInstance(), 'badResponse')).problem,
        /"stateInstance" should be a string, got a number/,
      );
      inject({ body: { raw: '{"status": true, "code": ""}' }, times: 1 });
      assert.match(
        (await failure(client().getAuthorizationCode('441234567890'), 'badResponse')).problem,
        /"code" is empty/,
      );
      inject({ body: { raw: '[]' }, times: 1 });
      assert.match((await failure(client().logout(), 'badResponse')).problem, /JSON object, got an array/);
    });

    it('a redirect is not followed, so the token never reaches another host', async () => {
      let reachedElsewhere = false;
      const elsewhere = net.createServer((socket) => {
        reachedElsewhere = true;
        socket.destroy();
      });
      await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
      const port = (elsewhere.address() as net.AddressInfo).port;
      try {
        inject({ status: 302, body: { raw: '' }, times: 1 });
        instance.faults = [{ status: 302, body: { raw: '' }, times: 1 }];
        const error = await failure(client().getStateInstance(), 'badResponse');
        assert.match(error.problem, /redirect/);
        assert.equal(reachedElsewhere, false, `port ${port} was contacted`);
      } finally {
        elsewhere.close();
      }
    });

    it('no answer within the timeout: timeout', async () => {
      inject({ stall: 'headers', times: 1 });
      const started = Date.now();
      const error = await failure(client({}, 300).getStateInstance(), 'timeout');
      assert.equal(error.timeoutMs, 300);
      assert.ok(Date.now() - started < 2_000);
    });

    it('a body that stalls half way: timeout, not a hang', async () => {
      inject({ stall: 'body', times: 1 });
      await failure(client({}, 300).getStateInstance(), 'timeout');
    });

    it('a delay longer than the timeout: timeout', async () => {
      inject({ delayMs: 600, times: 1 });
      await failure(client({}, 200).getStateInstance(), 'timeout');
    });

    it('connection reset: network with the code', async () => {
      inject({ reset: true, times: 1 });
      const error = await failure(client().getStateInstance(), 'network');
      assert.match(error.code, /ECONNRESET|socket hang up|connection failed/);
    });

    it('connection refused: network ECONNREFUSED with advice', async () => {
      const closed = net.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as net.AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const error = await failure(client({ apiUrl: `http://127.0.0.1:${port}` }).getStateInstance(), 'network');
      assert.equal(error.code, 'ECONNREFUSED');
      // The log line carries Node's code; the advice for people is the one wording in failures/explain.
      assert.match(error.message, /ECONNREFUSED/);
      assert.match(explainFailure(error, 'Sales').message, /connection refused/);
    });

    it('cancel while the request is under way: cancelled, and the request stops', async () => {
      inject({ stall: 'headers', times: 1 });
      const controller = new AbortController();
      const call = client({}, 5_000).getAuthorizationCode('441234567890', { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      const started = Date.now();
      await failure(call, 'cancelled');
      assert.ok(Date.now() - started < 1_000);
    });

    it('controllers reused after successful calls stay apart: cancelling one call leaves the others running', async () => {
      // Warm the pool of reused controllers, then run three calls at once on them.
      for (let i = 0; i < 5; i++) await client().getStateInstance();
      inject({ stall: 'headers', times: 1 });
      const controller = new AbortController();
      const stalled = client({}, 5_000).getStateInstance({ signal: controller.signal });
      const others = [client().getStateInstance(), client().getWaSettings()];
      setTimeout(() => controller.abort(), 50);
      await failure(stalled, 'cancelled');
      const answers = await Promise.all(others);
      assert.equal(answers[0].stateInstance, 'notAuthorized');
      // And the aborted controller is not handed to the next call.
      assert.equal((await client().getStateInstance()).stateInstance, 'notAuthorized');
    });

    it('an already cancelled signal sends nothing', async () => {
      const controller = new AbortController();
      controller.abort();
      await failure(client().getStateInstance({ signal: controller.signal }), 'cancelled');
      assert.equal(instance.calls.getStateInstance, undefined);
    });

    it('records the failed outcome for the log', async () => {
      inject({ status: 503, times: 1 });
      await failure(client().getStateInstance(), 'serverError');
      assert.equal(records[0]?.outcome, 'serverError');
      assert.equal(records[0]?.status, 503);
    });
  });
});
