import * as assert from 'node:assert/strict';
import { setMaxListeners } from 'node:events';
import { GreenApiClient } from '../../src/api/client';
import { GreenApiErrorKind, isGreenApiError } from '../../src/api/errors';
import { EmulatedInstance } from '../../emulator/instances';
import { RunningEmulator, startEmulator } from '../../emulator/server';

/** The client's keep-alive pool holds 32 sockets per host; more stalls than that once wedged every later call. */
const STALLS = 100;
const WAVE = 25;

describe('a stalled, aborted, timed-out or oversized answer frees its socket (loopback HTTP)', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let instance: EmulatedInstance;
  const client = (timeoutMs: number): GreenApiClient =>
    new GreenApiClient(
      { apiUrl: emulator.url, idInstance: instance.idInstance, apiTokenInstance: instance.apiTokenInstance },
      { timeoutMs },
    );

  async function failureKind(call: Promise<unknown>): Promise<GreenApiErrorKind> {
    const caught = await call.then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(isGreenApiError(caught), `expected a GreenApiError, got ${String(caught)}`);
    return caught.kind;
  }

  // A fresh emulator (a fresh port) per test: each starts with an empty pool for its host.
  beforeEach(async () => {
    emulator = await startEmulator();
    instance = emulator.store.add();
  });
  afterEach(() => emulator.close());

  it(`${STALLS} answers stalled mid-body time out, every stalled socket closes, and a healthy call still succeeds`, async () => {
    instance.faults = [{ method: 'getStateInstance', stall: 'body' }];
    for (let sent = 0; sent < STALLS; sent += WAVE) {
      const kinds = await Promise.all(Array.from({ length: WAVE }, () => failureKind(client(300).getStateInstance())));
      assert.deepEqual(new Set(kinds), new Set(['timeout']));
    }
    const counts = await emulator.untilSockets((now) => now.stalledClosed === STALLS);
    assert.equal(counts.stalled, STALLS);
    instance.faults = [];
    const started = performance.now();
    assert.equal((await client(2_000).getStateInstance()).stateInstance, 'notAuthorized');
    assert.ok(performance.now() - started < 2_000);
  });

  it('the timeout covers the wait for a socket: with every pooled socket stalled, a call fails in time instead of hanging', async () => {
    instance.faults = [{ method: 'getStateInstance', stall: 'headers' }];
    const cancel = new AbortController();
    // One signal cancels all 32 calls here; each call listens to it once.
    setMaxListeners(64, cancel.signal);
    const stuck = Array.from({ length: 32 }, () =>
      failureKind(client(60_000).getStateInstance({ signal: cancel.signal })),
    );
    await emulator.untilSockets((now) => now.stalled === 32);
    instance.faults = [];
    const started = performance.now();
    assert.equal(await failureKind(client(300).getStateInstance()), 'timeout');
    assert.ok(performance.now() - started < 2_000, 'the queued call waited past its timeout');
    cancel.abort();
    assert.deepEqual(new Set(await Promise.all(stuck)), new Set(['cancelled']));
    await emulator.untilSockets((now) => now.stalledClosed === 32);
    assert.equal((await client(2_000).getStateInstance()).stateInstance, 'notAuthorized');
  });

  it('a call cancelled while the body streams destroys its socket', async () => {
    instance.faults = [{ method: 'getStateInstance', stall: 'body', times: 1 }];
    const cancel = new AbortController();
    const call = failureKind(client(60_000).getStateInstance({ signal: cancel.signal }));
    await emulator.untilSockets((now) => now.stalled === 1);
    cancel.abort();
    assert.equal(await call, 'cancelled');
    await emulator.untilSockets((now) => now.stalledClosed === 1);
  });

  it('an answer over 2 MB is refused and its socket destroyed, not returned to the pool', async () => {
    instance.faults = [{ method: 'getStateInstance', stall: 'oversized', times: 1 }];
    assert.equal(await failureKind(client(60_000).getStateInstance()), 'badResponse');
    await emulator.untilSockets((now) => now.stalledClosed === 1);
    assert.equal((await client(2_000).getStateInstance()).stateInstance, 'notAuthorized');
  });
});
