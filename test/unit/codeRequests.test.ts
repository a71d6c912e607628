import * as assert from 'node:assert/strict';
import { GreenApiClient } from '../../src/api/client';
import { CodeRequestsInFlight } from '../../src/core/codeRequests';
import { EmulatedInstance } from '../../emulator/instances';
import { RunningEmulator, startEmulator } from '../../emulator/server';

describe('a second Get Code for the same instance (loopback HTTP)', () => {
  let emulator: RunningEmulator;
  let instance: EmulatedInstance;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());
  beforeEach(() => {
    instance = emulator.store.add();
    // Slow enough that the second ask arrives while the first is under way.
    instance.faults = [{ method: 'getAuthorizationCode', delayMs: 200, times: 1 }];
  });

  const ask = (requests: CodeRequestsInFlight<string>, phone: string) =>
    requests.request(instance.idInstance, phone, async (abort) => {
      const client = new GreenApiClient(
        { apiUrl: emulator.url, idInstance: instance.idInstance, apiTokenInstance: instance.apiTokenInstance },
        { timeoutMs: 5_000 },
      );
      return (await client.getAuthorizationCode(phone, { signal: abort.signal })).code;
    });

  it('with the same number joins the first: one request, one code', async () => {
    const requests = new CodeRequestsInFlight<string>();
    const first = ask(requests, '441234567890');
    const second = ask(requests, '441234567890');
    assert.equal(first.kind, 'started');
    assert.equal(second.kind, 'joined');
    assert.ok('result' in first && 'result' in second);
    assert.equal(await second.result, await first.result);
    assert.deepEqual(instance.codeRequests, ['441234567890']);
    assert.equal(requests.size, 0);
  });

  it("with a different number is refused, never answered with the first number's code", async () => {
    const requests = new CodeRequestsInFlight<string>();
    const first = ask(requests, '441234567890');
    const second = ask(requests, '79001234567');
    assert.deepEqual(second, { kind: 'refused', phoneInFlight: '441234567890' });
    if (first.kind !== 'refused') await first.result;
    assert.deepEqual(instance.codeRequests, ['441234567890']);
    // Once the first has ended, the other number may ask.
    const third = ask(requests, '79001234567');
    assert.equal(third.kind, 'started');
    assert.ok('result' in third);
    await third.result;
    assert.deepEqual(instance.codeRequests, ['441234567890', '79001234567']);
  });

  it('cancel aborts the request under way', async () => {
    const requests = new CodeRequestsInFlight<string>();
    instance.faults = [{ method: 'getAuthorizationCode', stall: 'headers', times: 1 }];
    const first = ask(requests, '441234567890');
    await emulator.untilSockets((now) => now.stalled === 1);
    requests.cancel(instance.idInstance);
    assert.notEqual(first.kind, 'refused');
    if (first.kind !== 'refused') {
      await assert.rejects(first.result, (error: Error & { kind?: string }) => error.kind === 'cancelled');
    }
  });
});
