import { Emitter, Event, Subscription } from './events';
import { t } from './l10n';
import { InstanceRecord, InstanceSummary, parseStoredIndex, readStoredRecord, serializeRecord, summarize } from './storedInstance';

/** The part of VS Code's SecretStorage the registry needs; tests give it a Map. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  readonly onDidChange: (listener: (event: { readonly key: string }) => unknown) => Subscription;
}

const INDEX_KEY = 'greenApi.instances';
const recordKey = (idInstance: string): string => `greenApi.instance.${idInstance}`;

/** SecretStorage failed; nothing was changed. The message says how to fix it. */
export class SecretStorageError extends Error {
  constructor(action: 'read' | 'write' | 'remove') {
    super(
      (action === 'read'
        ? t('VS Code could not read its secret storage, so nothing was changed.')
        : action === 'remove'
          ? t('VS Code could not remove the instance from its secret storage, so nothing was changed.')
          : t('VS Code could not write to its secret storage, so nothing was changed.')) +
        ' ' +
        t('On Linux this needs a running, unlocked keyring (GNOME Keyring or KWallet); without one, start VS Code with --password-store=basic. See README, "Troubleshooting".'),
    );
  }
}

/** An instance whose stored data could not be read. It is kept, not dropped, until the user removes it. */
export interface UnreadableInstance {
  readonly idInstance: string;
  readonly problem: string;
}

/**
 * The one owner of the instance list. Everything, token included, lives in
 * SecretStorage: an index of ids plus one entry per instance. Other windows change
 * the same storage; `secrets.onDidChange` brings their changes in.
 */
export class InstanceRegistry {
  private records = new Map<string, InstanceRecord>();
  private unreadable: UnreadableInstance[] = [];
  private holding: Promise<void> = Promise.resolve();
  private loading: Promise<void> | undefined;
  /** Mutations run one at a time, so two saves cannot race on the index. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly changes = new Emitter<void>();
  readonly onDidChange: Event<void> = this.changes.event;
  private readonly secretsSubscription: Subscription;

  /**
   * `secrets`: VS Code's SecretStorage or a test double. `options.log` receives one English
   * line per stored record repaired on load (never the old apiUrl, which may hold a token).
   */
  constructor(
    private readonly secrets: SecretStore,
    private readonly options: { readonly log?: (line: string) => void } = {},
  ) {
    // Other windows write the same storage: reload on any change to our keys.
    this.secretsSubscription = secrets.onDidChange((event) => {
      if (event.key === INDEX_KEY || event.key.startsWith('greenApi.instance.')) this.reloadAfterPendingChanges();
    });
  }

  dispose(): void {
    this.secretsSubscription.dispose();
    this.changes.dispose();
  }

  /** Resolves once the stored instances have been read. */
  /** Resolves once the stored instances are read (and any work given to holdReadyUntil is done). */
  ready(): Promise<void> {
    return this.whenLoaded().then(() => this.holding);
  }

  /** Resolves once the stored instances are read. */
  whenLoaded(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  /**
   * Makes ready() wait for `work` too, such as the development seed, so that a command
   * run at start-up sees the instances that are being added.
   */
  holdReadyUntil(work: Promise<unknown>): void {
    this.holding = Promise.all([this.holding, work.catch(() => undefined)]).then(() => undefined);
  }

  list(): InstanceSummary[] {
    return [...this.records.values()].map(summarize).sort((a, b) => a.name.localeCompare(b.name) || a.idInstance.localeCompare(b.idInstance));
  }

  get(idInstance: string): InstanceRecord | undefined {
    return this.records.get(idInstance);
  }

  problems(): readonly UnreadableInstance[] {
    return this.unreadable;
  }

  /** Every token known, for redaction of anything shown or logged. */
  tokens(): string[] {
    return [...this.records.values()].map((record) => record.apiTokenInstance);
  }

  /** Adds or replaces an instance. On failure nothing is left half-written. */
  save(record: InstanceRecord): Promise<void> {
    return this.mutate(async () => {
      const ids = await this.readIndexForWrite();
      const previous = await this.secrets.get(recordKey(record.idInstance));
      try {
        await this.secrets.store(recordKey(record.idInstance), serializeRecord(record));
      } catch {
        throw new SecretStorageError('write');
      }
      if (!ids.includes(record.idInstance)) {
        try {
          await this.secrets.store(INDEX_KEY, JSON.stringify([...ids, record.idInstance]));
        } catch {
          await this.restore(record.idInstance, previous);
          throw new SecretStorageError('write');
        }
      }
      this.records.set(record.idInstance, record);
      this.unreadable = this.unreadable.filter((entry) => entry.idInstance !== record.idInstance);
    });
  }

  /** Removes the instance and deletes its token. Also removes an unreadable entry. */
  remove(idInstance: string): Promise<boolean> {
    return this.mutate(async () => {
      const ids = await this.readIndexForWrite();
      if (!ids.includes(idInstance)) return false;
      try {
        await this.secrets.store(INDEX_KEY, JSON.stringify(ids.filter((id) => id !== idInstance)));
        await this.secrets.delete(recordKey(idInstance));
      } catch {
        throw new SecretStorageError('remove');
      }
      this.records.delete(idInstance);
      this.unreadable = this.unreadable.filter((entry) => entry.idInstance !== idInstance);
      return true;
    });
  }

  /**
   * Reads the storage again, queued behind our own writes: a change event arrives after
   * each single key is written, and reading in between would see a half-made change.
   */
  private reloadAfterPendingChanges(): void {
    const run = this.queue.then(async () => {
      this.loading = this.load();
      await this.loading;
      this.changes.fire();
    });
    this.queue = run.catch(() => undefined);
  }

  private mutate<T>(change: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      await this.whenLoaded();
      const result = await change();
      this.changes.fire();
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readIndexForWrite(): Promise<string[]> {
    let text: string | undefined;
    try {
      text = await this.secrets.get(INDEX_KEY);
    } catch {
      throw new SecretStorageError('read');
    }
    const index = parseStoredIndex(text);
    if (!index.ok) {
      // Rewriting an unreadable index would silently drop instances; refuse instead.
      throw new Error(t('{0}. Nothing was changed; see the GREEN-API log.', index.message));
    }
    return index.value;
  }

  private async restore(idInstance: string, previous: string | undefined): Promise<void> {
    try {
      if (previous === undefined) await this.secrets.delete(recordKey(idInstance));
      else await this.secrets.store(recordKey(idInstance), previous);
    } catch {
      // The storage is failing as a whole; there is nothing better to do than report it.
    }
  }

  /**
   * Writes back a record repaired on load, so the old apiUrl (which may hold the token) leaves
   * the storage too. A failed write only means the repair is made again on the next load.
   */
  private async storeRepaired(record: InstanceRecord): Promise<void> {
    try {
      await this.secrets.store(recordKey(record.idInstance), serializeRecord(record));
      this.options.log?.(`Instance ${record.idInstance}: its stored apiUrl held a GREEN-API request path; cut to ${record.apiUrl} and saved.`);
    } catch {
      this.options.log?.(`Instance ${record.idInstance}: its stored apiUrl held a GREEN-API request path; cut to ${record.apiUrl} for this session (saving the repair failed).`);
    }
  }

  private async load(): Promise<void> {
    const records = new Map<string, InstanceRecord>();
    const unreadable: UnreadableInstance[] = [];
    let indexText: string | undefined;
    try {
      indexText = await this.secrets.get(INDEX_KEY);
    } catch {
      this.unreadable = [{ idInstance: '', problem: new SecretStorageError('read').message }];
      return;
    }
    const index = parseStoredIndex(indexText);
    if (!index.ok) {
      this.records = records;
      this.unreadable = [{ idInstance: '', problem: index.message }];
      return;
    }
    await Promise.all(
      index.value.map(async (idInstance) => {
        let text: string | undefined;
        try {
          text = await this.secrets.get(recordKey(idInstance));
        } catch {
          unreadable.push({ idInstance, problem: 'the secret storage could not be read' });
          return;
        }
        const read = readStoredRecord(text, idInstance);
        if (!read.ok) {
          unreadable.push({ idInstance, problem: read.message });
          return;
        }
        records.set(idInstance, read.value.record);
        if (read.value.repairs.length > 0) await this.storeRepaired(read.value.record);
      }),
    );
    this.records = records;
    this.unreadable = unreadable;
  }
}
