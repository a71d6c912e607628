import * as assert from 'node:assert/strict';
import { Emitter } from '../../src/core/events';
import { InstanceRegistry, SecretStorageError, SecretStore } from '../../src/core/instanceRegistry';
import { InstanceRecord } from '../../src/core/storedInstance';

/** A SecretStorage stand-in: a Map, a change event like VS Code's, and switches to make it fail. */
class FakeSecretStore implements SecretStore {
  readonly data = new Map<string, string>();
  private readonly changes = new Emitter<{ key: string }>();
  readonly onDidChange = this.changes.event;
  failStoreOf: (key: string) => boolean = () => false;
  failGets = false;

  async get(key: string): Promise<string | undefined> {
    if (this.failGets) throw new Error('keyring locked');
    return this.data.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    if (this.failStoreOf(key)) throw new Error('no keyring');
    this.data.set(key, value);
    this.changes.fire({ key });
  }
  async delete(key: string): Promise<void> {
    this.data.delete(key);
    this.changes.fire({ key });
  }
  /** What another VS Code window writing the same storage looks like. */
  writeFromAnotherWindow(key: string, value: string): void {
    this.data.set(key, value);
    this.changes.fire({ key });
  }
}

const record = (id: string, name = `Instance ${id}`): InstanceRecord => ({
  idInstance: id,
  apiUrl: 'https://1103.api.greenapi.com',
  apiTokenInstance: `token-${id}-0123456789abcdef`,
  name,
});

describe('InstanceRegistry on a secret store', () => {
  it('saves, lists without tokens, and removes (deleting the token)', async () => {
    const store = new FakeSecretStore();
    const registry = new InstanceRegistry(store);
    await registry.save(record('1101000001', 'B'));
    await registry.save(record('1101000002', 'A'));
    assert.deepEqual(registry.list().map((i) => i.name), ['A', 'B']);
    assert.ok(!JSON.stringify(registry.list()).includes('token-'));
    assert.equal(await registry.remove('1101000001'), true);
    assert.equal(store.data.has('greenApi.instance.1101000001'), false);
    assert.deepEqual(JSON.parse(store.data.get('greenApi.instances') ?? ''), ['1101000002']);
  });

  it('reads back what another registry (another window) saved', async () => {
    const store = new FakeSecretStore();
    await new InstanceRegistry(store).save(record('1101000001'));
    const other = new InstanceRegistry(store);
    await other.ready();
    assert.equal(other.get('1101000001')?.apiTokenInstance, 'token-1101000001-0123456789abcdef');
  });

  it('follows changes made by another window', async () => {
    const store = new FakeSecretStore();
    const registry = new InstanceRegistry(store);
    await registry.ready();
    const changed = new Promise<void>((resolve) => registry.onDidChange(() => resolve()));
    store.writeFromAnotherWindow('greenApi.instance.1101000009', JSON.stringify(record('1101000009')));
    store.writeFromAnotherWindow('greenApi.instances', JSON.stringify(['1101000009']));
    await changed;
    await registry.ready();
    assert.deepEqual(registry.list().map((i) => i.idInstance), ['1101000009']);
  });

  it('secrets.store failing on the record: a clear error with the fix, nothing saved', async () => {
    const store = new FakeSecretStore();
    const registry = new InstanceRegistry(store);
    store.failStoreOf = () => true;
    await assert.rejects(registry.save(record('1101000001')), (error: Error) => error instanceof SecretStorageError && /--password-store=basic/.test(error.message) && /nothing was changed/.test(error.message));
    assert.equal(store.data.size, 0);
    assert.deepEqual(registry.list(), []);
  });

  it('secrets.store failing on the index: the new record is rolled back', async () => {
    const store = new FakeSecretStore();
    const registry = new InstanceRegistry(store);
    await registry.save(record('1101000001'));
    store.failStoreOf = (key) => key === 'greenApi.instances';
    await assert.rejects(registry.save(record('1101000002')), SecretStorageError);
    assert.equal(store.data.has('greenApi.instance.1101000002'), false, 'half a save was left behind');
    assert.deepEqual(registry.list().map((i) => i.idInstance), ['1101000001']);
  });

  it('an update that fails leaves the previous record as it was', async () => {
    const store = new FakeSecretStore();
    const registry = new InstanceRegistry(store);
    await registry.save(record('1101000001', 'Old'));
    store.failStoreOf = () => true;
    await assert.rejects(registry.save(record('1101000001', 'New')), SecretStorageError);
    assert.equal(registry.get('1101000001')?.name, 'Old');
    assert.match(store.data.get('greenApi.instance.1101000001') ?? '', /"Old"/);
  });

  it('corrupted stored data: the other instances survive and the problem is reported, not dropped', async () => {
    const store = new FakeSecretStore();
    const setup = new InstanceRegistry(store);
    for (const id of ['1101000001', '1101000002', '1101000003']) await setup.save(record(id));
    store.data.set('greenApi.instance.1101000002', '{"idInstance": "1101000002", "apiUrl": "ftp://x"');
    store.data.set('greenApi.instance.1101000003', JSON.stringify({ ...record('1101000003'), apiUrl: 'http://evil.example' }));
    const registry = new InstanceRegistry(store);
    await registry.ready();
    assert.deepEqual(registry.list().map((i) => i.idInstance), ['1101000001']);
    assert.deepEqual(registry.problems().map((p) => p.idInstance).sort(), ['1101000002', '1101000003']);
    assert.match(registry.problems().find((p) => p.idInstance === '1101000002')?.problem ?? '', /not readable JSON/);
    assert.match(registry.problems().find((p) => p.idInstance === '1101000003')?.problem ?? '', /apiUrl is invalid/);
    // Still listed in the index until the user removes it.
    assert.deepEqual(JSON.parse(store.data.get('greenApi.instances') ?? ''), ['1101000001', '1101000002', '1101000003']);
    assert.equal(await registry.remove('1101000002'), true);
    assert.deepEqual(registry.problems().map((p) => p.idInstance), ['1101000003']);
  });

  it('an unreadable index refuses writes rather than overwrite (and lose) the list', async () => {
    const store = new FakeSecretStore();
    store.data.set('greenApi.instances', 'not json');
    const registry = new InstanceRegistry(store);
    await registry.ready();
    assert.match(registry.problems()[0]?.problem ?? '', /list of instances .* unreadable/);
    await assert.rejects(registry.save(record('1101000001')), /Nothing was changed/);
    assert.equal(store.data.get('greenApi.instances'), 'not json');
  });

  it('a store that cannot be read says so with the fix', async () => {
    const store = new FakeSecretStore();
    store.failGets = true;
    const registry = new InstanceRegistry(store);
    await registry.ready();
    assert.match(registry.problems()[0]?.problem ?? '', /--password-store=basic/);
  });

  it('runs concurrent saves one at a time, so none is lost from the index', async () => {
    const store = new FakeSecretStore();
    const registry = new InstanceRegistry(store);
    await Promise.all(Array.from({ length: 20 }, (_, i) => registry.save(record(String(1101000100 + i)))));
    assert.equal(JSON.parse(store.data.get('greenApi.instances') ?? '[]').length, 20);
    const again = new InstanceRegistry(store);
    await again.ready();
    assert.equal(again.list().length, 20);
  });
});

describe('InstanceRegistry start-up and its own change events', () => {
  it('never loses a just-saved instance to the change events its own writes raise', async () => {
    const store = new FakeSecretStore();
    const registry = new InstanceRegistry(store);
    await registry.ready();
    const seen: number[] = [];
    registry.onDidChange(() => seen.push(registry.list().length));
    await registry.save(record('1101000001'));
    assert.equal(registry.list().length, 1);
    // Let the reloads the two writes triggered run; none may show a list without it.
    for (let i = 0; i < 20; i++) await Promise.resolve();
    await registry.ready();
    assert.ok(seen.length >= 1 && seen.every((count) => count === 1), `lists seen: ${seen.join(', ')}`);
  });

  it('holds ready() until start-up work such as the development seed is done', async () => {
    const registry = new InstanceRegistry(new FakeSecretStore());
    registry.holdReadyUntil((async () => {
      await registry.whenLoaded();
      await registry.save(record('1101000009', 'Seeded'));
    })());
    await registry.ready();
    assert.deepEqual(registry.list().map((instance) => instance.name), ['Seeded']);
  });

  it('repairs a stored apiUrl that holds a GREEN-API request path on load, and logs it without the token', async () => {
    const store = new FakeSecretStore();
    const token = 'd75b3a66374942c5b3c019c698abc2067e151558acbd412345';
    store.data.set('greenApi.instances', JSON.stringify(['7107000001']));
    store.data.set('greenApi.instance.7107000001', JSON.stringify({ version: 1, idInstance: '7107000001', apiUrl: `https://7107.api.greenapi.com/waInstance7107000001/sendMessage/${token}`, apiTokenInstance: token, name: 'Old' }));
    const lines: string[] = [];
    const registry = new InstanceRegistry(store, { log: (line) => lines.push(line) });
    await registry.ready();
    assert.equal(registry.get('7107000001')?.apiUrl, 'https://7107.api.greenapi.com');
    assert.deepEqual(registry.list().map((instance) => instance.apiUrl), ['https://7107.api.greenapi.com']);
    const stored = JSON.parse(store.data.get('greenApi.instance.7107000001') ?? '{}') as { apiUrl?: string };
    assert.equal(stored.apiUrl, 'https://7107.api.greenapi.com');
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', /7107000001: its stored apiUrl held a GREEN-API request path; cut to https:\/\/7107\.api\.greenapi\.com/);
    assert.ok(!lines.join('\n').includes(token));
  });
});
