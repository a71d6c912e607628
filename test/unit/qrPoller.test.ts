import * as assert from 'node:assert/strict';
import { GreenApiClient } from '../../src/api/client';
import { failureVerdict } from '../../src/api/errors';
import { QrPoller, QrUpdate } from '../../src/core/qrPoller';
import { EmulatedInstance } from '../../emulator/instances';
import { RunningEmulator, startEmulator } from '../../emulator/server';
import { waitFor } from '../harness/waitFor';

describe('QrPoller against the emulator (loopback HTTP)', () => {
  let emulator: RunningEmulator;
  let instance: EmulatedInstance;
  let clock: number;

  before(async () => {
    clock = Date.now();
    emulator = await startEmulator({ qrRotationSeconds: 20, now: () => clock });
  });
  after(() => emulator.close());
  beforeEach(() => {
    instance = emulator.store.add();
  });

  /** A poller whose pauses are instant but hand control to `between`, which plays the world. */
  function poll(
    between: (updates: QrUpdate[], sleeps: number[]) => void,
    token = instance.apiTokenInstance,
  ): { updates: QrUpdate[]; sleeps: number[]; done: Promise<void>; poller: QrPoller } {
    const updates: QrUpdate[] = [];
    const sleeps: number[] = [];
    const client = new GreenApiClient(
      { apiUrl: emulator.url, idInstance: instance.idInstance, apiTokenInstance: token },
      { timeoutMs: 2000 },
    );
    const poller = new QrPoller({
      fetchQr: (signal) => client.qr({ signal }),
      onUpdate: (update) => updates.push(update),
      classifyFailure: failureVerdict,
      intervalMs: 1000,
      sleep: async (ms) => {
        sleeps.push(ms);
        between(updates, sleeps);
      },
    });
    return { updates, sleeps, done: poller.start(), poller };
  }

  it('shows a new image only when the server rotates it, and stops once the phone scanned it', async () => {
    const run = poll((_, sleeps) => {
      if (sleeps.length === 3) clock += 20_000; // the QR rotates
      if (sleeps.length === 5) assert.equal(emulator.store.scanQr(instance.idInstance).ok, true);
    });
    await run.done;
    const kinds = run.updates.map((update) => update.kind);
    assert.deepEqual(kinds, ['image', 'image', 'alreadyLogged']);
    const [first, second] = run.updates as [Extract<QrUpdate, { kind: 'image' }>, Extract<QrUpdate, { kind: 'image' }>];
    assert.notEqual(first.pngBase64, second.pngBase64);
    assert.ok(Buffer.from(first.pngBase64, 'base64').subarray(1, 4).toString() === 'PNG');
    assert.deepEqual(run.sleeps, [1000, 1000, 1000, 1000, 1000]);
  });

  it('says at once when the account is already linked', async () => {
    emulator.store.setState(instance.idInstance, 'authorized');
    const run = poll(() => assert.fail('must not poll on'));
    await run.done;
    assert.deepEqual(run.updates, [{ kind: 'alreadyLogged' }]);
  });

  it('stops on a wrong token, since asking again cannot help', async () => {
    const run = poll(() => assert.fail('must not poll on'), `${instance.apiTokenInstance}x`);
    await run.done;
    assert.equal(run.updates.length, 1);
    const update = run.updates[0];
    assert.ok(update?.kind === 'failed' && update.retryInMs === undefined);
  });

  it('honours Retry-After, backs off on server errors, and recovers', async () => {
    instance.faults = [
      { method: 'qr', status: 429, retryAfter: '3', times: 1 },
      { method: 'qr', status: 502, body: 'html', times: 2 },
    ];
    const run = poll((_, sleeps) => {
      if (sleeps.length === 4) run.poller.stop();
    });
    await run.done;
    assert.deepEqual(run.sleeps, [3000, 4000, 8000, 1000]);
    assert.deepEqual(
      run.updates.map((update) => update.kind),
      ['failed', 'failed', 'failed', 'image'],
    );
  });

  for (const retryAfter of [
    '0',
    '-5',
    'Wed, 21 Oct 2015 07:28:00 GMT',
    'garbage',
    String(30 * 24 * 3600),
    '9'.repeat(40),
  ]) {
    it(`keeps every pause within [1 s, 10 min] when Retry-After is ${JSON.stringify(retryAfter.slice(0, 30))}`, async () => {
      instance.faults = [{ method: 'qr', status: 429, retryAfter }];
      const run = poll((_, sleeps) => {
        if (sleeps.length === 3) run.poller.stop();
      });
      await run.done;
      assert.equal(run.sleeps.length, 3);
      for (const ms of run.sleeps) assert.ok(ms >= 1_000 && ms <= 600_000, `a pause of ${ms} ms`);
      assert.equal(instance.calls.qr, 3, 'one request per pause, no hot loop');
    });
  }

  it('waits longer while GREEN-API answers type "error", and shows its message', async () => {
    emulator.store.setState(instance.idInstance, 'starting');
    const run = poll((_, sleeps) => {
      if (sleeps.length === 2) run.poller.stop();
    });
    await run.done;
    assert.deepEqual(run.sleeps, [5000, 5000]);
    assert.deepEqual(run.updates[0], { kind: 'serverMessage', message: 'instance is starting' });
  });

  it('says a passkey step once, keeps asking every 3 s while the phone finishes it, and sees the link', async () => {
    instance.passkeyRequired = true;
    const run = poll((_, sleeps) => {
      if (sleeps.length === 3) {
        // The user created the passkey on the phone: WhatsApp links the device.
        instance.passkeyRequired = false;
        emulator.store.setState(instance.idInstance, 'authorized');
      }
    });
    await run.done;
    assert.deepEqual(run.updates, [{ kind: 'passkey' }, { kind: 'alreadyLogged' }]);
    assert.deepEqual(run.sleeps, [3000, 3000, 3000]);
  });

  it('shows a qr type it does not know with its name and message, and asks again after 5 s', async () => {
    instance.faults = [
      { method: 'qr', body: { raw: JSON.stringify({ type: 'timeout', message: 'the scan timed out' }) } },
    ];
    const run = poll((_, sleeps) => {
      if (sleeps.length === 2) run.poller.stop();
    });
    await run.done;
    assert.deepEqual(run.updates[0], { kind: 'otherAnswer', name: 'timeout', message: 'the scan timed out' });
    assert.deepEqual(run.sleeps, [5000, 5000]);
  });

  it('stop() ends a run that is waiting, and a stopped poller asks nothing more', async () => {
    const client = new GreenApiClient(
      { apiUrl: emulator.url, idInstance: instance.idInstance, apiTokenInstance: instance.apiTokenInstance },
      { timeoutMs: 2000 },
    );
    let updates = 0;
    const poller = new QrPoller({
      fetchQr: (signal) => client.qr({ signal }),
      onUpdate: () => void updates++,
      classifyFailure: failureVerdict,
      intervalMs: 60_000,
    });
    const done = poller.start();
    // The first answer shown: the run now waits out its 60 s interval.
    await waitFor('the first QR update', () => updates > 0, 10_000);
    const calls = instance.calls.qr;
    assert.ok(calls !== undefined && calls >= 1);
    poller.stop();
    await done;
    assert.equal(poller.stopped, true);
    assert.equal(instance.calls.qr, calls);
  });
});
