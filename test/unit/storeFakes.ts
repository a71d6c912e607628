import { Emitter } from '../../src/core/events';
import { KeyValueStore, SecretStore } from '../../src/core/registryStore';

/** A SecretStorage stand-in: a Map, a change event like VS Code's, and switches to make it fail. */
export class FakeSecretStore implements SecretStore {
  readonly data = new Map<string, string>();
  private readonly changes = new Emitter<{ key: string }>();
  readonly onDidChange = this.changes.event;
  failStoreOf: (key: string) => boolean = () => false;
  failGets = false;
  writes = 0;

  async get(key: string): Promise<string | undefined> {
    if (this.failGets) throw new Error('keyring locked');
    return this.data.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    if (this.failStoreOf(key)) throw new Error('no keyring');
    this.writes++;
    this.data.set(key, value);
    this.changes.fire({ key });
  }
  async delete(key: string): Promise<void> {
    this.data.delete(key);
    this.changes.fire({ key });
  }
}

/** globalState stand-in: no change event, as in VS Code; another window's write just appears. */
export class FakeState implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  failUpdates = false;
  writes = 0;
  get<T>(key: string): T | undefined {
    // A copy, as the Memento gives: nobody may change the stored value in place.
    const value = this.data.get(key);
    return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    if (this.failUpdates) throw new Error('state db locked');
    this.writes++;
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
}
