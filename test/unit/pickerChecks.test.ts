import * as assert from 'node:assert/strict';
import { PICKER_CHECK_CAP, STALE_STATE_MS, checkUntilAborted, staleForPicker } from '../../src/core/pickerChecks';
import { StateSnapshot } from '../../src/core/instanceStates';
import { InstanceSummary } from '../../src/core/storedInstance';

const NOW = 1_800_000_000_000;

function summary(index: number, tokenMissing = false): InstanceSummary {
  return {
    idInstance: String(1101000000 + index),
    apiUrl: 'https://1101.api.greenapi.com',
    name: `Shop ${index}`,
    ...(tokenMissing ? { tokenMissing: true } : {}),
  };
}

function snapshot(patch: Partial<StateSnapshot> = {}): StateSnapshot {
  return { state: undefined, checkedAt: undefined, checking: false, error: undefined, ...patch };
}

describe('pickerChecks: what one Get Code picker checks again (security review S3)', () => {
  it('checks at most the first PICKER_CHECK_CAP stale instances of 1,000, in the picker’s order', () => {
    const instances = Array.from({ length: 1000 }, (_, index) => summary(index));
    const chosen = staleForPicker(instances, () => snapshot(), NOW);
    assert.equal(PICKER_CHECK_CAP, 20);
    assert.deepEqual(
      chosen.map((one) => one.idInstance),
      instances.slice(0, PICKER_CHECK_CAP).map((one) => one.idInstance),
    );
  });

  it('skips the fresh, the ones being checked and those without a token; takes failed, unknown and old states', () => {
    const instances = [0, 1, 2, 3, 4, 5].map((index) => summary(index, index === 2));
    const snapshots = new Map<string, StateSnapshot>([
      [instances[0]!.idInstance, snapshot({ state: 'authorized', checkedAt: NOW - 1000 })],
      [instances[1]!.idInstance, snapshot({ checking: true })],
      [instances[3]!.idInstance, snapshot({ state: 'authorized', checkedAt: NOW - STALE_STATE_MS - 1 })],
      [instances[4]!.idInstance, snapshot({ checkedAt: NOW - 1000, error: 'unreachable' })],
    ]);
    const chosen = staleForPicker(instances, (id) => snapshots.get(id) ?? snapshot(), NOW, 2);
    assert.deepEqual(
      chosen.map((one) => one.idInstance),
      [instances[3]!.idInstance, instances[4]!.idInstance],
    );
  });

  it('starts no check once the signal aborts, lets those under way finish, and never throws', async () => {
    const ids = Array.from({ length: 20 }, (_, index) => String(index));
    const started: string[] = [];
    const pending: (() => void)[] = [];
    const closed = new AbortController();
    const done = checkUntilAborted(
      ids,
      (id) => {
        started.push(id);
        if (id === '1') throw new Error('a check that throws at once');
        return new Promise<void>((resolve, reject) =>
          pending.push(id === '2' ? () => reject(new Error('x')) : resolve),
        );
      },
      { concurrency: 4, signal: closed.signal },
    );
    await new Promise((resolve) => setImmediate(resolve));
    // The one that threw made room for the next: four under way.
    assert.deepEqual(started, ['0', '1', '2', '3', '4']);
    closed.abort();
    pending.splice(0).forEach((settle) => settle());
    assert.equal(await done, 5);
    assert.deepEqual(started, ['0', '1', '2', '3', '4']);
  });

  it('with room for all, checks each once', async () => {
    const seen: string[] = [];
    const ids = ['a', 'b', 'c'];
    const count = await checkUntilAborted(ids, async (id) => void seen.push(id), {
      concurrency: 8,
      signal: new AbortController().signal,
    });
    assert.equal(count, 3);
    assert.deepEqual(seen.sort(), ids);
  });
});
