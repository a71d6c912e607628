import * as assert from 'node:assert/strict';
import { followHostMoves } from '../../src/core/hostMoves';
import { InstanceRegistry } from '../../src/core/instanceRegistry';
import { InstanceStates } from '../../src/core/instanceStates';
import { LinkDrops } from '../../src/core/linkWatch';
import { PendingCodes } from '../../src/core/pendingCodes';
import { StateHistory } from '../../src/core/stateHistory';
import { InstanceRecord } from '../../src/core/storedInstance';
import { waitFor } from '../harness/waitFor';
import { FakeSecretStore as Secrets, FakeState as State } from './storeFakes';

const ID = '1101000077';
const HOST_A = 'https://1103.api.greenapi.com';
const HOST_B = 'https://attacker.example';
const at = (apiUrl: string, token = 'a'.repeat(40), extra: Partial<InstanceRecord> = {}): InstanceRecord => ({
  idInstance: ID,
  apiUrl,
  apiTokenInstance: token,
  name: 'Sales',
  ...extra,
});

/** A registry on `stores` that records every onDidChangeOrigin it fires. */
async function openRegistry(
  stores = { secrets: new Secrets(), state: new State() },
): Promise<{ registry: InstanceRegistry; moves: string[][]; stores: { secrets: Secrets; state: State } }> {
  const registry = new InstanceRegistry(stores.secrets, stores.state);
  const moves: string[][] = [];
  registry.onDidChangeOrigin((ids) => moves.push([...ids]));
  await registry.ready();
  return { registry, moves, stores };
}

describe('InstanceRegistry.onDidChangeOrigin: which ids moved host (security review M1)', () => {
  it('fires with the id when a save moves it to another origin, and not for a save on the same origin', async () => {
    const { registry, moves } = await openRegistry();
    await registry.save(at(HOST_A));
    assert.deepStrictEqual(moves, [], 'a new instance is no move');
    await registry.save(at(`${HOST_A}/`, 'b'.repeat(40), { name: 'Renamed' }));
    assert.deepStrictEqual(moves, [], 'a new token, name or path on the same origin is no move');
    await registry.save(at(HOST_B, 'c'.repeat(40)));
    assert.deepStrictEqual(moves, [[ID]]);
  });

  it('fires when an instance is removed and added again on another host', async () => {
    const { registry, moves } = await openRegistry();
    await registry.save(at(HOST_A));
    await registry.remove(ID);
    assert.deepStrictEqual(moves, []);
    await registry.save(at(HOST_B));
    assert.deepStrictEqual(moves, [[ID]]);
  });

  it("fires in a window that follows another window's move through the SecretStorage change event", async () => {
    const first = await openRegistry();
    await first.registry.save(at(HOST_A));
    const second = await openRegistry(first.stores);
    assert.strictEqual(second.registry.get(ID)?.apiUrl, HOST_A);
    await first.registry.save(at(HOST_B));
    await waitFor('the second window to see the move', () => second.moves.length > 0);
    assert.deepStrictEqual(second.moves, [[ID]]);
    assert.strictEqual(second.registry.get(ID)?.apiUrl, HOST_B);
  });

  it('fires when a shared row (greenApi.instances) names another host', async () => {
    const { registry, moves } = await openRegistry();
    registry.setShared([{ idInstance: ID, apiUrl: HOST_A, name: 'Team' }]);
    registry.setShared([{ idInstance: ID, apiUrl: HOST_A, name: 'Team 2' }]);
    assert.deepStrictEqual(moves, []);
    registry.setShared([{ idInstance: ID, apiUrl: HOST_B, name: 'Team' }]);
    assert.deepStrictEqual(moves, [[ID]]);
  });

  it('a save that moves an instance drops its last phone number; one on the same host keeps it', async () => {
    const { registry } = await openRegistry();
    await registry.save(at(HOST_A, 'a'.repeat(40), { lastPhone: '79001234567' }));
    await registry.save(at(HOST_A, 'b'.repeat(40), { lastPhone: '79001234567' }));
    assert.strictEqual(registry.get(ID)?.lastPhone, '79001234567');
    await registry.save(at(HOST_B, 'c'.repeat(40), { lastPhone: '79001234567' }));
    assert.strictEqual(registry.get(ID)?.lastPhone, undefined);
  });
});

describe('followHostMoves: every owner of per-id state starts afresh after a move (security review M1)', () => {
  /** The owners, wired to a registry as the extension wires them, with ID known linked on HOST_A. */
  async function wired(): Promise<{
    registry: InstanceRegistry;
    states: InstanceStates;
    codes: PendingCodes;
    history: StateHistory;
    drops: LinkDrops;
    dispose: () => void;
  }> {
    const { registry } = await openRegistry();
    await registry.save(at(HOST_A));
    const states = new InstanceStates();
    const codes = new PendingCodes();
    const history = new StateHistory(new State());
    const drops = new LinkDrops();
    const subscription = followHostMoves(
      registry,
      (id) => states.forget(id),
      (id) => codes.clear(id, 'removed'),
      (id) => history.forget(id),
      (id) => drops.forget(id),
    );
    states.learned(ID, 'authorized');
    history.record(ID, 'authorized', Date.now());
    drops.observe(ID, { state: 'authorized', checking: false }, 0);
    codes.issue(ID, 'ABCD1234', '79001234567', 60_000);
    return {
      registry,
      states,
      codes,
      history,
      drops,
      dispose: () => (subscription.dispose(), codes.dispose(), history.dispose()),
    };
  }

  it("a move forgets the state, the pending code and the history, and the new host's first answer is no drop", async () => {
    const owners = await wired();
    await owners.registry.save(at(HOST_B, 'c'.repeat(40)));
    assert.strictEqual(owners.states.get(ID).state, undefined);
    assert.strictEqual(owners.codes.get(ID), undefined);
    assert.deepStrictEqual(owners.history.list(ID), []);
    assert.strictEqual(owners.drops.observe(ID, { state: 'notAuthorized', checking: false }, 1_000), undefined);
    assert.strictEqual(owners.drops.dropped().size, 0);
    owners.dispose();
  });

  it('a save on the same host keeps them all, and a drop there is still one', async () => {
    const owners = await wired();
    await owners.registry.save(at(HOST_A, 'b'.repeat(40)));
    assert.strictEqual(owners.states.get(ID).state, 'authorized');
    assert.strictEqual(owners.codes.get(ID)?.code, 'ABCD1234');
    assert.strictEqual(owners.history.list(ID).length, 1);
    assert.strictEqual(owners.drops.observe(ID, { state: 'notAuthorized', checking: false }, 1_000)?.type, 'dropped');
    owners.dispose();
  });
});
