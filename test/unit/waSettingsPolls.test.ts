import * as assert from 'node:assert/strict';
import { GreenApiClient } from '../../src/api/client';
import {
  CLEANUP_BOUND_MS,
  CLEANUP_POLL_MS,
  HISTORY_SYNC_BOUND_MS,
  followHistorySync,
  waitWhileCleaning,
} from '../../src/core/waSettingsPolls';
import { EmulatedInstance } from '../../emulator/instances';
import { RunningEmulator, startEmulator } from '../../emulator/server';

/**
 * The getWaSettings waits against the emulator over loopback, on a fake clock: the sleep
 * moves the emulator's clock instead of waiting, so no test sleeps.
 */
describe('getWaSettings waits: the logout cleanup and the chat history loading (loopback, fake clock)', () => {
  let emulator: RunningEmulator;
  let instance: EmulatedInstance;
  let clock: number;
  let sleeps: number[];
  let client: GreenApiClient;
  const timing = (signal = new AbortController().signal) => ({
    signal,
    now: () => clock,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      clock += ms;
    },
  });

  before(async () => {
    clock = Date.now();
    emulator = await startEmulator({ now: () => clock });
  });
  after(() => emulator.close());
  beforeEach(() => {
    sleeps = [];
    instance = emulator.store.add({ state: 'authorized', phone: '441234567890' });
    client = new GreenApiClient(
      { apiUrl: emulator.url, idInstance: instance.idInstance, apiTokenInstance: instance.apiTokenInstance },
      { timeoutMs: 2000 },
    );
  });
  const cleaning = async (): Promise<boolean> => (await client.getWaSettings()).logoutProcess === true;

  it('waits while logoutProcess is true, reading it every 2 s, and says clean once it ends', async () => {
    instance.logoutCleanupSeconds = 7;
    emulator.store.logout(instance);
    let told = 0;
    assert.equal(await waitWhileCleaning(cleaning, timing(), () => told++), 'clean');
    assert.deepEqual(sleeps, [CLEANUP_POLL_MS, CLEANUP_POLL_MS, CLEANUP_POLL_MS, CLEANUP_POLL_MS]);
    assert.equal(told, 1, 'the wait is announced once');
    assert.equal(instance.calls.getWaSettings, 5);
  });

  it('does not wait at all when no cleanup runs', async () => {
    let told = 0;
    assert.equal(await waitWhileCleaning(cleaning, timing(), () => told++), 'clean');
    assert.deepEqual(sleeps, []);
    assert.equal(told, 0);
  });

  it('gives up past 60 s, the last sleep cut to the bound', async () => {
    instance.logoutCleanupSeconds = 600;
    emulator.store.logout(instance);
    assert.equal(await waitWhileCleaning(cleaning, timing()), 'stillCleaning');
    assert.equal(
      sleeps.reduce((sum, ms) => sum + ms, 0),
      CLEANUP_BOUND_MS,
    );
    assert.ok(sleeps.every((ms) => ms <= CLEANUP_POLL_MS));
  });

  it('ends as cancelled when the signal aborts during the wait', async () => {
    instance.logoutCleanupSeconds = 600;
    emulator.store.logout(instance);
    const abort = new AbortController();
    const result = waitWhileCleaning(cleaning, { ...timing(abort.signal), sleep: async () => abort.abort() });
    assert.equal(await result, 'cancelled');
  });

  it('follows historySyncProgress every 5 s after a link until it reaches 100', async () => {
    instance.historySyncSeconds = 12;
    emulator.store.logout(instance);
    emulator.store.scanQr(instance.idInstance);
    const seen: number[] = [];
    const read = async (): Promise<number | undefined> => (await client.getWaSettings()).historySyncProgress;
    assert.equal(await followHistorySync(read, (percent) => seen.push(percent), timing()), 100);
    assert.deepEqual(seen, [0, 41, 83, 100]);
    assert.deepEqual(sleeps, [5_000, 5_000, 5_000]);
  });

  it('stops at once when getWaSettings has no historySyncProgress, and past 5 minutes', async () => {
    const seen: number[] = [];
    const ten = async (): Promise<number | undefined> => 10;
    assert.equal(
      await followHistorySync(
        async () => (await client.getWaSettings()).historySyncProgress,
        (percent) => seen.push(percent),
        timing(),
      ),
      undefined,
    );
    assert.equal(seen.length, 0);
    assert.equal(await followHistorySync(ten, (percent) => seen.push(percent), timing()), 10);
    assert.equal(
      sleeps.reduce((sum, ms) => sum + ms, 0),
      HISTORY_SYNC_BOUND_MS,
    );
  });
});
