import * as assert from 'node:assert/strict';
import { InstanceRegistry } from '../../src/core/instanceRegistry';
import { KeyValueStore, SecretStorageError, SecretStore } from '../../src/core/registryStore';
import { INDEX_STATE_KEY, TOKEN_SHARDS, legacyRecordKey, tokenShardKey } from '../../src/core/instanceStorage';
import { exportSharedInstances, parseSharedInstances } from '../../src/core/sharedInstances';
import { InstanceRecord, serializeRecord } from '../../src/core/storedInstance';
import { FakeSecretStore, FakeState } from './storeFakes';

const TOKEN = (id: string): string => `token${id}0123456789abcdef0123456789abcdef`;
const record = (id: string, name = `Instance ${id}`): InstanceRecord => ({
  idInstance: id,
  apiUrl: 'https://1103.api.greenapi.com',
  apiTokenInstance: TOKEN(id),
  name,
});
const stores = (): { secrets: FakeSecretStore; state: FakeState } => ({
  secrets: new FakeSecretStore(),
  state: new FakeState(),
});
const open = (s: { secrets: FakeSecretStore; state: FakeState }): InstanceRegistry =>
  new InstanceRegistry(s.secrets, s.state);
const allSecrets = (s: FakeSecretStore): string => [...s.data.values()].join('\n');

describe('InstanceRegistry: index in globalState, tokens in a few secrets', () => {
  it('saves, lists without tokens, and removes (deleting the token)', async () => {
    const s = stores();
    const registry = open(s);
    await registry.save(record('1101000001', 'B'));
    await registry.save(record('1101000002', 'A'));
    assert.deepEqual(
      registry.list().map((i) => i.name),
      ['A', 'B'],
    );
    assert.ok(!JSON.stringify(registry.list()).includes('token1101'));
    assert.ok(!JSON.stringify([...s.state.data.values()]).includes('token1101'), 'a token reached globalState');
    assert.equal(await registry.remove('1101000001'), true);
    assert.ok(!allSecrets(s.secrets).includes(TOKEN('1101000001')));
    assert.deepEqual(
      (s.state.data.get(INDEX_STATE_KEY) as { instances: { idInstance: string }[] }).instances.map((i) => i.idInstance),
      ['1101000002'],
    );
  });

  it('update() writes inside the queue, and refuses when the id is gone or moved host meanwhile (I3)', async () => {
    const registry = open(stores());
    await registry.save(record('1101000001'));
    const origin = 'https://1103.api.greenapi.com';
    // Queued behind a move to another host: the late phone number must not land there.
    const moved = registry.save({ ...record('1101000001'), apiUrl: 'http://127.0.0.1:40621' });
    assert.equal(await registry.update('1101000001', { lastPhone: '447911123456' }, origin), false);
    await moved;
    assert.equal(registry.get('1101000001')?.lastPhone, undefined);
    assert.equal(await registry.update('1101000002', { lastPhone: '447911123456' }, origin), false);
    assert.equal(registry.get('1101000002'), undefined);
    assert.equal(await registry.update('1101000001', { lastPhone: '447911123456' }, 'http://127.0.0.1:40621'), true);
    assert.equal(registry.get('1101000001')?.lastPhone, '447911123456');
    assert.equal(registry.get('1101000001')?.apiTokenInstance, TOKEN('1101000001'));
  });

  it('writes 1,000 instances with one index write and at most one write per token secret', async () => {
    const s = stores();
    const registry = open(s);
    const many = Array.from({ length: 1000 }, (_, i) => record(String(1101000000 + i)));
    await registry.saveMany(many);
    assert.equal(s.state.writes, 1);
    assert.ok(s.secrets.writes <= TOKEN_SHARDS, `${s.secrets.writes} secret writes`);
    const again = open(s);
    await again.ready();
    assert.equal(again.list().length, 1000);
    assert.equal(again.get('1101000999')?.apiTokenInstance, TOKEN('1101000999'));
  });

  it('a row whose token is not on this machine is listed as tokenMissing and gives no record', async () => {
    const s = stores();
    await open(s).save(record('1101000001'));
    // Settings Sync brings the index to another machine; its secret storage is empty.
    const elsewhere = { secrets: new FakeSecretStore(), state: s.state };
    const registry = open(elsewhere);
    await registry.ready();
    assert.deepEqual(registry.list(), [
      {
        idInstance: '1101000001',
        apiUrl: 'https://1103.api.greenapi.com',
        name: 'Instance 1101000001',
        shared: false,
        tokenMissing: true,
      },
    ]);
    assert.equal(registry.get('1101000001'), undefined);
    await registry.save({ ...record('1101000001'), apiTokenInstance: TOKEN('1101000001') });
    assert.equal(registry.entry('1101000001')?.tokenMissing, false);
  });

  it('follows another window: its token write is announced, and the index it wrote is read with it', async () => {
    const s = stores();
    const registry = open(s);
    await registry.ready();
    const changed = new Promise<void>((resolve) => registry.onDidChange(() => resolve()));
    await open(s).save(record('1101000009'));
    await changed;
    await registry.ready();
    assert.deepEqual(
      registry.list().map((i) => i.idInstance),
      ['1101000009'],
    );
    assert.equal(registry.get('1101000009')?.apiTokenInstance, TOKEN('1101000009'));
  });

  it('an index-only change (Settings Sync) has no event: it shows after reload(), which the window calls on focus', async () => {
    const s = stores();
    const registry = open(s);
    await registry.ready();
    s.state.data.set(INDEX_STATE_KEY, {
      version: 2,
      instances: [{ idInstance: '1101000007', apiUrl: 'https://1101.api.greenapi.com', name: 'Synced' }],
    });
    assert.equal(registry.list().length, 0);
    await registry.reload();
    assert.deepEqual(
      registry.list().map((i) => [i.name, i.tokenMissing]),
      [['Synced', true]],
    );
  });

  it("a write re-reads globalState first, so another window's rows are not overwritten", async () => {
    const s = stores();
    const mine = open(s);
    await mine.ready();
    s.state.data.set(INDEX_STATE_KEY, {
      version: 2,
      instances: [{ idInstance: '1101000007', apiUrl: 'https://1101.api.greenapi.com', name: 'Other window' }],
    });
    await mine.save(record('1101000001'));
    assert.deepEqual(
      mine
        .list()
        .map((i) => i.idInstance)
        .sort(),
      ['1101000001', '1101000007'],
    );
  });

  it('a failing token write: a clear error with the fix, the index put back, nothing saved', async () => {
    const s = stores();
    const registry = open(s);
    await registry.save(record('1101000001', 'Old'));
    s.secrets.failStoreOf = () => true;
    await assert.rejects(
      registry.save(record('1101000002')),
      (error: Error) =>
        error instanceof SecretStorageError &&
        /--password-store=basic/.test(error.message) &&
        /nothing was changed/.test(error.message),
    );
    await assert.rejects(registry.save(record('1101000001', 'New')), SecretStorageError);
    assert.deepEqual(
      registry.list().map((i) => i.name),
      ['Old'],
    );
    assert.deepEqual(
      (s.state.data.get(INDEX_STATE_KEY) as { instances: { name: string }[] }).instances.map((i) => i.name),
      ['Old'],
    );
  });

  it('a remove that fails part-way and cannot be undone says what is left: listed, "Token needed"', async () => {
    const s = stores();
    const registry = open(s);
    await registry.save(record('1101000001'));
    // The token is deleted, then the list cannot be written, then the token cannot be put back.
    s.state.failUpdates = true;
    let tokenWrites = 0;
    s.secrets.failStoreOf = () => ++tokenWrites > 1;
    await assert.rejects(
      registry.remove('1101000001'),
      (error: Error) =>
        error instanceof SecretStorageError &&
        /deleted the token but could not take the instance off the list/.test(error.message) &&
        /Remove it again/.test(error.message),
    );
    assert.deepEqual(
      registry.list().map((i) => [i.idInstance, i.tokenMissing]),
      [['1101000001', true]],
      'the list shows what the storage holds',
    );
    assert.equal(registry.get('1101000001'), undefined);
    assert.ok(!allSecrets(s.secrets).includes(TOKEN('1101000001')), 'the token is gone, as the message says');
    // Once the storage works again, Remove finishes the job.
    s.state.failUpdates = false;
    s.secrets.failStoreOf = () => false;
    assert.equal(await registry.remove('1101000001'), true);
    assert.deepEqual(registry.list(), []);
  });

  it('a save that fails part-way and cannot be undone says what is left: listed, "Token needed"', async () => {
    const s = stores();
    const registry = open(s);
    // The list is written, the token is not, and then the list cannot be put back.
    s.secrets.failStoreOf = () => {
      s.state.failUpdates = true;
      return true;
    };
    await assert.rejects(
      registry.save(record('1101000002')),
      (error: Error) =>
        error instanceof SecretStorageError && /listed the instance but could not store its token/.test(error.message),
    );
    assert.deepEqual(
      registry.list().map((i) => [i.idInstance, i.tokenMissing]),
      [['1101000002', true]],
    );
    assert.equal(allSecrets(s.secrets), '', 'no token was stored anywhere');
  });

  it('a remove whose token write fails changes nothing and says so', async () => {
    const s = stores();
    const registry = open(s);
    await registry.save(record('1101000003'));
    s.secrets.failStoreOf = () => true;
    await assert.rejects(
      registry.remove('1101000003'),
      (error: Error) => error instanceof SecretStorageError && /nothing was changed/.test(error.message),
    );
    assert.ok(registry.get('1101000003'), 'still there, token included');
    assert.ok(allSecrets(s.secrets).includes(TOKEN('1101000003')));
  });

  it('a failing globalState write changes nothing', async () => {
    const s = stores();
    const registry = open(s);
    s.state.failUpdates = true;
    await assert.rejects(registry.save(record('1101000001')), SecretStorageError);
    assert.equal(s.secrets.data.size, 0);
    assert.deepEqual(registry.list(), []);
  });

  it('an unreadable index or token secret refuses writes rather than overwrite (and lose) it', async () => {
    const s = stores();
    s.state.data.set(INDEX_STATE_KEY, 'not an index');
    const registry = open(s);
    await registry.ready();
    assert.match(registry.problems()[0]?.problem ?? '', /list of instances .* unreadable/);
    await assert.rejects(registry.save(record('1101000001')), /Nothing was changed/);
    assert.equal(s.state.data.get(INDEX_STATE_KEY), 'not an index');
    const t = stores();
    t.secrets.data.set(tokenShardKey(1), '{broken');
    const other = open(t);
    await other.ready();
    assert.match(other.problems()[0]?.problem ?? '', /token storage/);
    await assert.rejects(other.save(record('1101000001')), /Nothing was changed/);
    assert.equal(t.secrets.data.get(tokenShardKey(1)), '{broken');
  });

  it('a store that cannot be read says so with the fix', async () => {
    const s = stores();
    s.secrets.failGets = true;
    const registry = open(s);
    await registry.ready();
    assert.match(registry.problems()[0]?.problem ?? '', /--password-store=basic/);
  });

  it('runs concurrent saves one at a time, so none is lost', async () => {
    const s = stores();
    const registry = open(s);
    await Promise.all(Array.from({ length: 20 }, (_, i) => registry.save(record(String(1101000100 + i)))));
    const again = open(s);
    await again.ready();
    assert.equal(again.list().filter((i) => !i.tokenMissing).length, 20);
  });

  it('never loses a just-saved instance to the change events its own writes raise', async () => {
    const s = stores();
    const registry = open(s);
    await registry.ready();
    const seen: number[] = [];
    registry.onDidChange(() => seen.push(registry.list().length));
    await registry.save(record('1101000001'));
    for (let i = 0; i < 20; i++) await Promise.resolve();
    await registry.ready();
    assert.ok(seen.length >= 1 && seen.every((count) => count === 1), `lists seen: ${seen.join(', ')}`);
  });

  it('holds ready() until start-up work such as the development seed is done', async () => {
    const registry = open(stores());
    registry.holdReadyUntil(
      (async () => {
        await registry.whenLoaded();
        await registry.save(record('1101000009', 'Seeded'));
      })(),
    );
    await registry.ready();
    assert.deepEqual(
      registry.list().map((instance) => instance.name),
      ['Seeded'],
    );
  });

  it('repairs a stored apiUrl that holds a GREEN-API request path as it migrates, and logs it without the token', async () => {
    const s = stores();
    const token = 'd75b3a66374942c5b3c019c698abc2067e151558acbd412345';
    s.secrets.data.set('greenApi.instances', JSON.stringify(['7107000001']));
    s.secrets.data.set(
      'greenApi.instance.7107000001',
      JSON.stringify({
        version: 1,
        idInstance: '7107000001',
        apiUrl: `https://7107.api.greenapi.com/waInstance7107000001/sendMessage/${token}`,
        apiTokenInstance: token,
        name: 'Old',
      }),
    );
    const lines: string[] = [];
    const registry = new InstanceRegistry(s.secrets, s.state, { log: (line) => lines.push(line) });
    await registry.ready();
    assert.equal(registry.get('7107000001')?.apiUrl, 'https://7107.api.greenapi.com');
    assert.deepEqual(
      registry.list().map((instance) => instance.apiUrl),
      ['https://7107.api.greenapi.com'],
    );
    assert.equal(
      s.secrets.data.has('greenApi.instance.7107000001'),
      false,
      'the old record, with the token in its apiUrl, is gone',
    );
    assert.ok(!JSON.stringify([...s.state.data.entries()]).includes(token), 'the synced index never holds the token');
    assert.equal(lines.length, 1);
    assert.match(
      lines[0] ?? '',
      /7107000001: its stored apiUrl held a GREEN-API request path; cut to https:\/\/7107\.api\.greenapi\.com/,
    );
    assert.ok(!lines.join('\n').includes(token));
  });
});

describe('InstanceRegistry: the list order', () => {
  it('is the order of the view (numbers by value, case aside), and follows saves, removals, renames and shared rows', async () => {
    const s = stores();
    const registry = new InstanceRegistry(s.secrets, s.state, { locale: 'en' });
    await registry.saveMany([
      record('1101000003', 'Shop 10'),
      record('1101000001', 'shop 9'),
      record('1101000002', 'Shop 9'),
    ]);
    const order = (): string[] => registry.list().map((i) => `${i.name}/${i.idInstance.slice(-1)}`);
    assert.deepEqual(
      order(),
      ['shop 9/1', 'Shop 9/2', 'Shop 10/3'],
      'by value, then by idInstance when the names differ only in case',
    );
    assert.deepEqual(order(), ['shop 9/1', 'Shop 9/2', 'Shop 10/3'], 'asked again with nothing changed');
    await registry.save(record('1101000003', 'Office'));
    assert.deepEqual(order(), ['Office/3', 'shop 9/1', 'Shop 9/2'], 'a rename moves the row');
    registry.setShared([{ idInstance: '1101000004', apiUrl: 'https://1103.api.greenapi.com', name: 'Annex' }]);
    assert.deepEqual(order(), ['Annex/4', 'Office/3', 'shop 9/1', 'Shop 9/2'], 'a shared row takes its place');
    await registry.remove('1101000001');
    assert.deepEqual(order(), ['Annex/4', 'Office/3', 'Shop 9/2']);
    assert.deepEqual(
      registry.list().map((i) => i.tokenMissing),
      [true, false, false],
      'tokenMissing is read afresh',
    );
  });
});

describe('InstanceRegistry: a token stays with the host it was saved for', () => {
  it('gives no token to a shared row that names another host for the same idInstance', async () => {
    const s = stores();
    const registry = open(s);
    await registry.save(record('1101000041', 'Mine'));
    // A (trusted) workspace's greenApi.instances lists the same idInstance on a host of its choosing.
    registry.setShared([{ idInstance: '1101000041', apiUrl: 'https://attacker.example', name: 'Team' }]);
    // The user's own row wins and stays usable on its own host; the setting's row is a reported conflict.
    assert.equal(
      registry.get('1101000041')?.apiUrl,
      'https://1103.api.greenapi.com',
      'the stored token would go to another host',
    );
    assert.deepEqual(
      registry.list().map((i) => [i.idInstance, i.name, i.shared, i.tokenMissing]),
      [['1101000041', 'Mine', false, false]],
    );
    assert.deepEqual(registry.conflicts(), [
      {
        shared: { idInstance: '1101000041', apiUrl: 'https://attacker.example', name: 'Team' },
        ownApiUrl: 'https://1103.api.greenapi.com',
      },
    ]);
    assert.deepEqual(registry.problems(), [], 'a conflict is not an unreadable instance (whose fix is to remove it)');
    assert.match(
      registry
        .conflictProblems()
        .map((p) => p.problem)
        .join('\n'),
      /attacker\.example.*Mine.*1103\.api\.greenapi\.com/,
    );
    // The same host: the shared row may rename it, and the token is used.
    registry.setShared([{ idInstance: '1101000041', apiUrl: 'https://1103.api.greenapi.com', name: 'Team' }]);
    assert.equal(registry.get('1101000041')?.apiTokenInstance, TOKEN('1101000041'));
  });

  it('gives no token to a row whose synced or shared apiUrl later moves to another host', async () => {
    const s = stores();
    const registry = open(s);
    registry.setShared([{ idInstance: '1101000042', apiUrl: 'https://1103.api.greenapi.com', name: 'Shared' }]);
    await registry.save({ ...record('1101000042', 'Shared') });
    assert.equal(registry.get('1101000042')?.apiUrl, 'https://1103.api.greenapi.com');
    registry.setShared([{ idInstance: '1101000042', apiUrl: 'https://elsewhere.example', name: 'Shared' }]);
    assert.equal(registry.get('1101000042'), undefined);
    // Pasting the token again for the new host is the user's yes: then it works there.
    await registry.save({ ...record('1101000042', 'Shared'), apiUrl: 'https://elsewhere.example' });
    assert.equal(registry.get('1101000042')?.apiUrl, 'https://elsewhere.example');
  });
});

describe('InstanceRegistry: a stale globalState echo', () => {
  it('keeps its own latest index when the extension host hands back an older one (VS Code echoes writes)', async () => {
    const s = stores();
    const registry = open(s);
    await registry.save(record('1101000021', 'First'));
    const afterFirst = s.state.get(INDEX_STATE_KEY);
    await registry.save(record('1101000022', 'Second'));
    // The echo of the first write arrives after the second: globalState reads the older index.
    s.state.data.set(INDEX_STATE_KEY, afterFirst);
    await registry.reload();
    assert.deepEqual(
      registry.list().map((entry) => entry.name),
      ['First', 'Second'],
    );
    // The next write builds on the latest index, not on the stale one.
    await registry.save(record('1101000023', 'Third'));
    const stored = s.state.get(INDEX_STATE_KEY) as { instances: { idInstance: string }[] };
    assert.deepEqual(stored.instances.map((entry) => entry.idInstance).sort(), [
      '1101000021',
      '1101000022',
      '1101000023',
    ]);
  });

  it('still follows what another window or Settings Sync wrote, with its own write id or none', async () => {
    const s = stores();
    const registry = open(s);
    await registry.save(record('1101000031', 'Mine'));
    const mine = s.state.get(INDEX_STATE_KEY) as { instances: unknown[] };
    const theirs = { idInstance: '1101000032', apiUrl: 'https://1101.api.greenapi.com', name: 'Theirs' };
    s.state.data.set(INDEX_STATE_KEY, {
      version: 2,
      writeId: 'other-window-1',
      instances: [...mine.instances, theirs],
    });
    await registry.reload();
    assert.deepEqual(
      registry.list().map((entry) => entry.name),
      ['Mine', 'Theirs'],
    );
    // Settings Sync from an older version of this extension: no write id at all.
    s.state.data.set(INDEX_STATE_KEY, { version: 2, instances: [theirs] });
    await registry.reload();
    assert.deepEqual(
      registry.list().map((entry) => entry.name),
      ['Theirs'],
    );
  });
});

describe('InstanceRegistry: migration from one secret per instance', () => {
  const legacy = (s: FakeSecretStore, records: InstanceRecord[], extraIds: string[] = []): void => {
    s.data.set('greenApi.instances', JSON.stringify([...records.map((r) => r.idInstance), ...extraIds]));
    for (const r of records) s.data.set(legacyRecordKey(r.idInstance), serializeRecord(r));
  };

  it('moves every stored instance, token, name and last phone included, then deletes the old entries', async () => {
    const s = stores();
    legacy(s.secrets, [
      { ...record('1101000001', 'Sales'), lastPhone: '79001234567' },
      record('1101000002', 'Support'),
    ]);
    const registry = open(s);
    await registry.ready();
    assert.deepEqual(
      registry.list().map((i) => i.name),
      ['Sales', 'Support'],
    );
    assert.deepEqual(registry.get('1101000001'), { ...record('1101000001', 'Sales'), lastPhone: '79001234567' });
    assert.equal(registry.get('1101000002')?.apiTokenInstance, TOKEN('1101000002'));
    assert.equal(s.secrets.data.has('greenApi.instances'), false);
    assert.equal(s.secrets.data.has(legacyRecordKey('1101000001')), false);
    assert.ok(
      !JSON.stringify([...s.state.data.values()]).includes('79001234567'),
      'the phone must stay on this machine',
    );
    const again = open(s);
    await again.ready();
    assert.equal(again.get('1101000001')?.lastPhone, '79001234567');
  });

  it('an unreadable old entry stays where it is, reported, until removed; the rest moves', async () => {
    const s = stores();
    legacy(s.secrets, [record('1101000001')], ['1101000002']);
    s.secrets.data.set(legacyRecordKey('1101000002'), '{"broken"');
    const registry = open(s);
    await registry.ready();
    assert.deepEqual(
      registry.list().map((i) => i.idInstance),
      ['1101000001'],
    );
    assert.deepEqual(
      registry.problems().map((p) => p.idInstance),
      ['1101000002'],
    );
    assert.equal(s.secrets.data.get('greenApi.instances'), JSON.stringify(['1101000002']));
    assert.equal(await registry.remove('1101000002'), true);
    assert.equal(s.secrets.data.has('greenApi.instances'), false);
    assert.deepEqual(registry.problems(), []);
  });

  it('a failed write during the migration loses nothing: the old storage stays whole and is tried again', async () => {
    const s = stores();
    legacy(s.secrets, [record('1101000001', 'Kept')]);
    s.secrets.failStoreOf = (key) => key.startsWith('greenApi.tokens.');
    const registry = open(s);
    await registry.ready();
    assert.match(
      registry
        .problems()
        .map((p) => p.problem)
        .join(' '),
      /could not be moved yet/,
    );
    assert.ok(s.secrets.data.has(legacyRecordKey('1101000001')));
    s.secrets.failStoreOf = () => false;
    const later = open(s);
    await later.ready();
    assert.equal(later.get('1101000001')?.name, 'Kept');
    assert.equal(s.secrets.data.has(legacyRecordKey('1101000001')), false);
  });
});

describe('InstanceRegistry: rows shared through the greenApi.instances setting', () => {
  it('merges shared rows, marks them shared, wins over a synced row, and stores only their token', async () => {
    const s = stores();
    const registry = open(s);
    // The same host as the shared row: a token saved for another host is never lent to it (see the tests above).
    await registry.save({ ...record('1101000001', 'Local name'), apiUrl: 'https://1101.api.greenapi.com' });
    registry.setShared(
      parseSharedInstances([
        { idInstance: '1101000001', apiUrl: 'https://1101.api.greenapi.com', name: 'Team name' },
        { idInstance: 1101000002, apiUrl: 'https://1101.api.greenapi.com' },
      ]).entries,
    );
    assert.deepEqual(
      registry.list().map((i) => [i.idInstance, i.name, i.shared, i.tokenMissing]),
      [
        ['1101000002', '', true, true],
        ['1101000001', 'Team name', true, false],
      ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    );
    // Pasting the token of a shared row (its apiUrl and name come from the setting).
    await registry.save({ ...record('1101000002', 'ignored'), apiUrl: 'https://1101.api.greenapi.com' });
    assert.equal(registry.get('1101000002')?.apiUrl, 'https://1101.api.greenapi.com');
    assert.equal(registry.get('1101000002')?.name, '');
    assert.ok(
      !JSON.stringify(s.state.data.get(INDEX_STATE_KEY)).includes('1101000002'),
      'a shared row was copied into the synced index',
    );
    assert.equal(await registry.remove('1101000002'), true);
    assert.equal(registry.entry('1101000002')?.tokenMissing, true, 'the shared row stays, without its token');
  });

  it('never reads a token written in the setting, and reports the row', () => {
    const row = { idInstance: '1101000003', apiUrl: 'https://1101.api.greenapi.com' };
    Object.defineProperty(row, 'apiTokenInstance', {
      enumerable: true,
      get: () => assert.fail('the token in the setting was read'),
    });
    const parsed = parseSharedInstances([row, { apiUrl: 'x', token: 'y' }, 'nonsense']);
    assert.deepEqual(parsed.entries, [{ idInstance: '1101000003', apiUrl: 'https://1101.api.greenapi.com', name: '' }]);
    assert.deepEqual(parsed.withToken, ['1101000003', '#2']);
    assert.equal(parsed.ignored, 2);
  });

  it('reads a shared or synced name as plain words: no link, icon or code span survives', () => {
    const parsed = parseSharedInstances([
      {
        idInstance: '1101000004',
        apiUrl: 'https://1101.api.greenapi.com',
        name: '[Reconnect](command:greenApi.logout?%7B%7D) $(alert) `x`',
      },
    ]);
    assert.equal(parsed.entries[0]?.name, 'Reconnect alert x');
  });

  it("exports the setting's JSON with no token in it", () => {
    const text = exportSharedInstances([
      {
        idInstance: '1101000001',
        apiUrl: 'https://1101.api.greenapi.com',
        name: 'Sales',
        apiTokenInstance: TOKEN('1101000001'),
      } as never,
    ]);
    assert.deepEqual(JSON.parse(text), {
      'greenApi.instances': [{ idInstance: '1101000001', apiUrl: 'https://1101.api.greenapi.com', name: 'Sales' }],
    });
    assert.deepEqual(
      parseSharedInstances(JSON.parse(text)['greenApi.instances']).entries.map((e) => e.name),
      ['Sales'],
    );
  });
});

describe('InstanceRegistry: shared collisions, origin-less tokens, two windows (issue 24)', () => {
  it('removing a shared row deletes only its own token, never the own index row of that id (L6)', async () => {
    const own = stores();
    const mine = open(own);
    await mine.save({ ...record('1101000050', 'Own'), apiUrl: 'https://1101.api.greenapi.com' });
    mine.setShared([{ idInstance: '1101000050', apiUrl: 'https://1101.api.greenapi.com', name: 'Team' }]);
    assert.equal(await mine.remove('1101000050'), true);
    // Another window without that workspace setting still lists the user's own row.
    const elsewhere = open(own);
    await elsewhere.ready();
    assert.deepEqual(
      elsewhere.list().map((i) => [i.idInstance, i.name]),
      [['1101000050', 'Own']],
      'removing the shared row deleted the own instance',
    );
    // A shared-only row on its own host: remove deletes only its token, never an own index row written meanwhile.
    const t2 = stores();
    const a = open(t2);
    a.setShared([{ idInstance: '1101000052', apiUrl: 'https://1101.api.greenapi.com', name: 'Team' }]);
    await a.save({ ...record('1101000052'), apiUrl: 'https://1101.api.greenapi.com' });
    const b = open(t2);
    await b.save(record('1101000053', 'Own'));
    await a.remove('1101000052');
    const c = open(t2);
    await c.ready();
    assert.equal(c.get('1101000053')?.name, 'Own');
  });

  it('a shared row on another host does not replace, and is not removed as, the own row (M2/L6)', async () => {
    const s = stores();
    const registry = open(s);
    await registry.save(record('1101000054', 'Sales'));
    registry.setShared([{ idInstance: '1101000054', apiUrl: 'https://attacker.example', name: 'Sales' }]);
    assert.equal(registry.entry('1101000054')?.shared, false, 'the shared row replaced the own row');
    assert.equal(registry.entry('1101000054')?.tokenMissing, false, 'the own row is shown as "Token needed"');
  });

  it('a token stored without an origin goes to its own index row only, and is bound to it on load (L2)', async () => {
    const s = stores();
    s.state.data.set(INDEX_STATE_KEY, {
      version: 2,
      instances: [{ idInstance: '1101000061', apiUrl: 'https://1103.api.greenapi.com', name: 'Old' }],
    });
    const shard = (id: string): string => tokenShardKey(Number(BigInt(id) % BigInt(TOKEN_SHARDS)));
    s.secrets.data.set(
      shard('1101000061'),
      JSON.stringify({
        version: 1,
        tokens: {
          '1101000061': { apiTokenInstance: TOKEN('1101000061') },
          '1101000062': { apiTokenInstance: TOKEN('1101000062') },
        },
      }),
    );
    const registry = open(s);
    await registry.ready();
    assert.equal(registry.get('1101000061')?.apiTokenInstance, TOKEN('1101000061'));
    assert.match(
      s.secrets.data.get(shard('1101000061')) ?? '',
      /"origin":"https:\/\/1103\.api\.greenapi\.com"/,
      'the shard was not rewritten with the origin',
    );
    // A shared row for the id with no index row, and the own row moved by a synced index: neither gets the token.
    registry.setShared([{ idInstance: '1101000062', apiUrl: 'https://attacker.example', name: 'Evil' }]);
    assert.equal(registry.get('1101000062'), undefined, 'an origin-less token went to a shared row on any host');
  });

  it('two windows saving at the same moment over one store keep both instances (L5)', async () => {
    const s = stores();
    // Every storage call takes a little while, so the two windows' reads and writes interleave.
    const slow = <T>(value: T): Promise<T> => new Promise((resolve) => setImmediate(() => resolve(value)));
    const secrets: SecretStore = {
      get: (key) => slow(undefined).then(() => s.secrets.get(key)),
      store: (key, value) => slow(undefined).then(() => s.secrets.store(key, value)),
      delete: (key) => slow(undefined).then(() => s.secrets.delete(key)),
      onDidChange: () => ({ dispose: () => undefined }),
    };
    const state: KeyValueStore = {
      get: (key) => s.state.get(key),
      update: (key, value) => slow(undefined).then(() => s.state.update(key, value)),
    };
    const a = new InstanceRegistry(secrets, state);
    const b = new InstanceRegistry(secrets, state);
    await Promise.all([a.ready(), b.ready()]);
    // Two ids in the same token shard.
    await Promise.all([a.save(record('1101000000', 'A')), b.save(record('1101000008', 'B'))]);
    const third = open(s);
    await third.ready();
    assert.deepEqual(
      third.list().map((i) => [i.idInstance, i.tokenMissing]),
      [
        ['1101000000', false],
        ['1101000008', false],
      ],
    );
  });
});

describe('InstanceRegistry: unreadable stored rows (issue 24 I4)', () => {
  it('reports an unreadable row of the stored index and keeps it through the next write', async () => {
    const s = stores();
    const bad = { idInstance: 'not-an-id', apiUrl: 'ftp://x', name: 'Broken' };
    s.state.data.set(INDEX_STATE_KEY, {
      version: 2,
      instances: [{ idInstance: '1101000071', apiUrl: 'https://1103.api.greenapi.com', name: 'Good' }, bad],
    });
    const registry = open(s);
    await registry.ready();
    assert.equal(registry.problems().length, 1, 'the unreadable row vanished silently');
    await registry.save(record('1101000072'));
    assert.deepEqual(
      (s.state.data.get(INDEX_STATE_KEY) as { instances: unknown[] }).instances.slice(-1),
      [bad],
      'the next write erased the unreadable row',
    );
  });
});
