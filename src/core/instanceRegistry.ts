import { instanceOrder } from './instanceOrder';
import { Emitter, Event, Subscription } from './events';
import { t } from './l10n';
import { IndexEntry, secretOf, LEGACY_INDEX_KEY, LocalSecret, isTokenShardKey, shardOf } from './instanceStorage';
import { migrateLegacy, removeLegacy } from './legacyMigration';
import { KeyValueStore, RegistryStore, SecretStorageError, SecretStore, UnreadableInstance } from './registryStore';
import { InstanceRecord, InstanceSummary } from './storedInstance';
import { originOf } from './validation';
import { SecretIndex } from '../base/redact';

/**
 * The one owner of the instance list, merged from the synced index in `globalState`
 * (instanceStorage.ts), the shared rows of `greenApi.instances` ({@link setShared}; they win
 * over an index row of the same id) and the tokens in SecretStorage (this machine only).
 * A row without a token here is listed with `tokenMissing`; `get()` gives no record for it.
 * Other windows' writes come in by SecretStorage's `onDidChange` and {@link reload}; every
 * write merges with them (RegistryStore).
 */
export class InstanceRegistry {
  private index = new Map<string, IndexEntry>();
  private shared = new Map<string, IndexEntry>();
  private secrets = new Map<string, LocalSecret>();
  private cachedTokenIndex: SecretIndex | undefined;
  private unreadable: UnreadableInstance[] = [];
  private holding: Promise<void> = Promise.resolve();
  private loading: Promise<void> | undefined;
  /** Loads and mutations run one at a time, so two saves cannot race on a stored value. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly changes = new Emitter<void>();
  readonly onDidChange: Event<void> = this.changes.event;
  private readonly originChanges = new Emitter<readonly string[]>();
  /**
   * Fires, just before onDidChange, with the ids whose listed row now names another origin
   * (scheme, host and port, see originOf) than when last seen: a save, a remove and a later
   * add, another window's write, a shared row. Everything kept per idInstance alone (states,
   * history, drops, pending codes, panels) belongs to the old host and starts afresh
   * (security review M1).
   */
  readonly onDidChangeOrigin: Event<readonly string[]> = this.originChanges.event;
  /** The apiUrl each id was last listed with, kept after a remove, so that a remove and an add elsewhere is a move too. */
  private readonly seenApiUrls = new Map<string, string>();
  /** Set once the first load has given {@link seenApiUrls} its start: before that nothing is a move. */
  private originsKnown = false;
  private readonly secretsSubscription: Subscription;
  /** Where the list is stored: reads, writes with their undo, and the merge with other windows' writes. */
  private readonly store: RegistryStore;
  /** The list's order: see instanceOrder. */
  private readonly compare: (a: InstanceSummary, b: InstanceSummary) => number;
  /**
   * The ids in the list's order, and the index and shared maps they were sorted from. Those
   * maps are replaced, never changed in place, so the same two maps mean the same order; a
   * sort of 10,000 names takes tens of ms, and list() runs on every refresh of the view.
   */
  private sorted:
    | {
        readonly index: ReadonlyMap<string, IndexEntry>;
        readonly shared: ReadonlyMap<string, IndexEntry>;
        readonly ids: readonly string[];
      }
    | undefined;

  /**
   * `secretStore`: VS Code's SecretStorage (tokens) and `state`: its globalState (the
   * index), or test doubles. `options.log` receives one English line per stored record
   * repaired as it is read (never the old apiUrl, which may hold a token). `options.locale`
   * orders the list (VS Code's display language, `vscode.env.language`; see instanceOrder).
   */
  constructor(
    secretStore: SecretStore,
    state: KeyValueStore,
    private readonly options: { readonly log?: (line: string) => void; readonly locale?: string } = {},
  ) {
    this.compare = instanceOrder(options.locale);
    this.store = new RegistryStore(secretStore, state, {
      log: options.log,
      written: (index, shards) => this.takeWritten(index, shards),
      halfDone: async () => {
        await this.load();
        this.fireChanges();
      },
    });
    this.secretsSubscription = secretStore.onDidChange((event) => {
      if (isTokenShardKey(event.key) || event.key === LEGACY_INDEX_KEY || event.key.startsWith('greenApi.instance.')) {
        void this.reload();
      }
    });
  }

  dispose(): void {
    this.secretsSubscription.dispose();
    this.changes.dispose();
    this.originChanges.dispose();
  }

  /** Resolves once the stored instances are read (and any work given to holdReadyUntil is done). */
  ready(): Promise<void> {
    return this.whenLoaded().then(() => this.holding);
  }

  /** Resolves once the stored instances are read (and the old storage migrated, on the first start). */
  whenLoaded(): Promise<void> {
    this.loading ??= this.enqueue(() => this.load());
    return this.loading;
  }

  /** Makes ready() wait for `work` too, such as the development seed, so that a command run at start-up sees its instances. */
  holdReadyUntil(work: Promise<unknown>): void {
    this.holding = Promise.all([this.holding, work.catch(() => undefined)]).then(() => undefined);
  }

  /**
   * Reads both stores again, queued behind our own writes, and fires onDidChange: for
   * another window's writes and Settings Sync, which globalState does not announce.
   */
  reload(): Promise<void> {
    const run = this.enqueue(async () => {
      await this.load();
      this.fireChanges();
    });
    this.loading = run;
    return run;
  }

  /**
   * Every row, without tokens: index and shared rows, marked `shared` and `tokenMissing`, in
   * the list's order (core/instanceOrder: by name, numbers by value, then idInstance). Sorts
   * after a change only; `tokenMissing` is read afresh on every call.
   */
  list(): InstanceSummary[] {
    const { index, shared } = this;
    if (this.sorted?.index === index && this.sorted.shared === shared) {
      return this.sorted.ids
        .map((id) => this.entry(id))
        .filter((entry): entry is InstanceSummary => entry !== undefined);
    }
    const rows = [...new Set([...index.keys(), ...[...shared.keys()].filter((id) => !this.conflictOf(id))])]
      .map((id) => this.entry(id))
      .filter((entry): entry is InstanceSummary => entry !== undefined)
      .sort(this.compare);
    this.sorted = { index, shared, ids: rows.map((row) => row.idInstance) };
    return rows;
  }

  /** One row, whether or not its token is on this machine. */
  entry(idInstance: string): InstanceSummary | undefined {
    // The user's own stored row wins: a workspace's shared row of the same id only shows
    // (as shared) when it names the same host, else it is a conflict (see conflicts()).
    const own = this.index.get(idInstance);
    const shared = this.shared.get(idInstance);
    const sharedSameHost =
      shared !== undefined && (own === undefined || originOf(own.apiUrl) === originOf(shared.apiUrl));
    // On the same host the setting may rename the row, as before.
    const row = sharedSameHost ? shared : (own ?? shared);
    if (!row) return undefined;
    return {
      idInstance: row.idInstance,
      apiUrl: row.apiUrl,
      name: row.name,
      shared: sharedSameHost,
      tokenMissing: this.tokenFor(row) === undefined,
    };
  }

  /**
   * The shared rows (the `greenApi.instances` setting) that list an id the user's own index
   * holds on another host: `{ shared, ownApiUrl }`. They are not listed and get no token;
   * they are reported as problems, naming both hosts, so the user sees the conflict.
   */
  conflicts(): readonly { readonly shared: IndexEntry; readonly ownApiUrl: string }[] {
    return [...this.shared.keys()].flatMap((id) => {
      const conflict = this.conflictOf(id);
      return conflict ? [conflict] : [];
    });
  }

  private conflictOf(idInstance: string): { readonly shared: IndexEntry; readonly ownApiUrl: string } | undefined {
    const own = this.index.get(idInstance);
    const shared = this.shared.get(idInstance);
    return own && shared && originOf(own.apiUrl) !== originOf(shared.apiUrl)
      ? { shared, ownApiUrl: own.apiUrl }
      : undefined;
  }

  /**
   * The token stored here for a row, if it was saved for the row's host: a row whose apiUrl
   * now names another origin (a shared setting or a synced index pointing elsewhere) gets
   * none, so a stored token never travels to a host it was not saved with (SECURITY.md). A
   * token with no recorded origin is bound to nothing (load binds it to its own index row).
   */
  private tokenFor(row: IndexEntry): LocalSecret | undefined {
    const secret = this.secrets.get(row.idInstance);
    if (!secret) return undefined;
    return secret.origin === originOf(row.apiUrl) ? secret : undefined;
  }

  /** The instance with its token: only for a row whose token is on this machine. */
  get(idInstance: string): InstanceRecord | undefined {
    const row = this.entry(idInstance);
    const secret = row && this.tokenFor(row);
    if (!row || !secret) return undefined;
    return {
      idInstance: row.idInstance,
      apiUrl: row.apiUrl,
      name: row.name,
      apiTokenInstance: secret.apiTokenInstance,
      ...(secret.lastPhone ? { lastPhone: secret.lastPhone } : {}),
    };
  }

  problems(): readonly UnreadableInstance[] {
    return this.unreadable;
  }

  /**
   * One line per shared row in conflict with the user's own (see conflicts()), naming both
   * hosts, for the Instances view. Kept apart from problems(): nothing here is unreadable,
   * and "remove it" would remove the user's own row.
   */
  conflictProblems(): readonly UnreadableInstance[] {
    return this.conflicts().map(({ shared, ownApiUrl }) => ({
      idInstance: shared.idInstance,
      // l10n: A shared row (workspace setting greenApi.instances) lists the user's own instance on another host. {0}: the setting's host, {1}: the instance's name, {2}: the user's own host.
      problem: t(
        "the greenApi.instances setting points it at {0}, but your own {1} is on {2}: the setting's row is ignored and gets no token",
        originOf(shared.apiUrl),
        this.index.get(shared.idInstance)?.name || shared.idInstance,
        originOf(ownApiUrl),
      ),
    }));
  }

  /** Every token known, for redaction of anything shown or logged. */
  tokens(): string[] {
    return [...this.secrets.values()].map((secret) => secret.apiTokenInstance);
  }

  /** Every token known, indexed for redaction (see SecretIndex); rebuilt only after the tokens change. */
  tokenIndex(): SecretIndex {
    this.cachedTokenIndex ??= new SecretIndex(this.tokens());
    return this.cachedTokenIndex;
  }

  /** The rows of the `greenApi.instances` setting, already validated (see sharedInstances.ts); fires onDidChange. */
  setShared(entries: readonly IndexEntry[]): void {
    this.shared = new Map(entries.map((entry) => [entry.idInstance, entry]));
    this.fireChanges();
  }

  /** Adds or replaces an instance. On failure nothing is left half-written. */
  save(record: InstanceRecord): Promise<void> {
    return this.saveMany([record]);
  }

  /**
   * Adds or replaces many instances with one index write and one write per token secret
   * touched (at most {@link TOKEN_SHARDS}), whatever their number. A shared row keeps its
   * apiUrl and name from the setting: only its token is stored. A record that moves a
   * listed instance to another origin loses its `lastPhone`: the number was typed for the
   * old host, and never follows a move. Throws SecretStorageError (or a refusal to overwrite
   * unreadable data) with nothing changed.
   */
  saveMany(records: readonly InstanceRecord[]): Promise<void> {
    return this.mutate(async () => {
      // A shared-only row (no own index row) keeps its apiUrl and name from the setting.
      const sharedOnly = new Set(
        records
          .filter((record) => this.shared.has(record.idInstance) && !this.index.has(record.idInstance))
          .map((record) => record.idInstance),
      );
      const wanted = new Map(records.map((record) => [record.idInstance, secretOf(this.phoneStaysHome(record))]));
      await this.store.writeMerged(
        new Set(records.map((record) => shardOf(record.idInstance))),
        (index, shards) => {
          for (const record of records) {
            if (!sharedOnly.has(record.idInstance)) {
              index.set(record.idInstance, { idInstance: record.idInstance, apiUrl: record.apiUrl, name: record.name });
            }
            shards
              .get(shardOf(record.idInstance))
              ?.set(record.idInstance, wanted.get(record.idInstance) as LocalSecret);
          }
          return true;
        },
        (index, shards) =>
          records.every(
            (record) =>
              (sharedOnly.has(record.idInstance) || index.has(record.idInstance)) &&
              shards.get(shardOf(record.idInstance))?.get(record.idInstance)?.apiTokenInstance ===
                wanted.get(record.idInstance)?.apiTokenInstance,
          ),
      );
      const ids = new Set(records.map((record) => record.idInstance));
      this.unreadable = this.unreadable.filter((entry) => !ids.has(entry.idInstance));
    });
  }

  /** `record` without its lastPhone when it moves a listed row to another origin (see saveMany). */
  private phoneStaysHome(record: InstanceRecord): InstanceRecord {
    const listed = this.entry(record.idInstance);
    if (!record.lastPhone || !listed || originOf(listed.apiUrl) === originOf(record.apiUrl)) return record;
    return {
      idInstance: record.idInstance,
      apiUrl: record.apiUrl,
      name: record.name,
      apiTokenInstance: record.apiTokenInstance,
    };
  }

  /**
   * Changes fields of one stored instance inside the write queue, after every earlier
   * write: the record is read again there, and nothing is written (resolves false) when
   * the id is gone or its apiUrl's origin (see originOf) is no longer `expectedOrigin`, so
   * a late write (the last phone number after a code, say) never lands on an instance that
   * moved host meanwhile (security review I3). Resolves true when written; throws as
   * saveMany does.
   */
  update(
    idInstance: string,
    patch: Partial<Omit<InstanceRecord, 'idInstance'>>,
    expectedOrigin: string,
  ): Promise<boolean> {
    return this.mutate(async () => {
      const current = this.get(idInstance);
      if (!current || originOf(current.apiUrl) !== expectedOrigin) return false;
      const record: InstanceRecord = { ...current, ...patch, idInstance };
      const wanted = secretOf(record);
      const ownRow = !this.shared.has(idInstance);
      // Through the same merge as saveMany, so another window's write in between is kept.
      await this.store.writeMerged(
        new Set([shardOf(idInstance)]),
        (index, shards) => {
          if (ownRow) index.set(idInstance, { idInstance, apiUrl: record.apiUrl, name: record.name });
          shards.get(shardOf(idInstance))?.set(idInstance, wanted);
          return true;
        },
        (index, shards) =>
          (!ownRow || index.has(idInstance)) &&
          shards.get(shardOf(idInstance))?.get(idInstance)?.apiTokenInstance === wanted.apiTokenInstance,
      );
      return true;
    });
  }

  /**
   * Removes the instance from the index and deletes its token on this machine. A shared
   * row stays listed (the setting holds it), now without a token. Also removes an entry
   * left unreadable in the old storage. Resolves true when something was removed.
   */
  remove(idInstance: string): Promise<boolean> {
    return this.mutate(async () => {
      const hadLegacy = await this.removeLegacyEntry(idInstance);
      return (await this.removeNow([idInstance])) || hadLegacy;
    });
  }

  /** Removes many instances (rows and tokens) in one batch, like {@link saveMany}; throws SecretStorageError with nothing changed. */
  removeMany(ids: readonly string[]): Promise<void> {
    return this.mutate(async () => void (await this.removeNow(ids)));
  }

  private async removeNow(ids: readonly string[]): Promise<boolean> {
    // A row shown as shared: only a token bound to the setting's host goes; the user's own
    // index row of that id (if any, or written by another window meanwhile) stays.
    const sharedOrigin = new Map(
      ids.flatMap((id) => {
        const shared = this.shared.get(id);
        return shared && !this.conflictOf(id) ? [[id, originOf(shared.apiUrl)] as const] : [];
      }),
    );
    let removed = false;
    await this.store.writeMerged(
      new Set(ids.map(shardOf)),
      (index, shards) => {
        let changed = false;
        for (const id of ids) {
          const shard = shards.get(shardOf(id));
          const origin = sharedOrigin.get(id);
          const hadToken = (origin === undefined || shard?.get(id)?.origin === origin) && (shard?.delete(id) ?? false);
          changed = (origin === undefined && index.delete(id)) || hadToken || changed;
        }
        removed ||= changed;
        return changed;
      },
      (index, shards) =>
        ids.every((id) => {
          const origin = sharedOrigin.get(id);
          const token = shards.get(shardOf(id))?.get(id);
          return origin === undefined ? !index.has(id) && !token : token?.origin !== origin;
        }),
      'remove',
    );
    return removed;
  }

  /** Fires onDidChangeOrigin for the ids that moved host (if any), then onDidChange. */
  private fireChanges(): void {
    const moved = this.movedIds();
    if (moved.length > 0) this.originChanges.fire(moved);
    this.changes.fire();
  }

  /**
   * The listed ids whose apiUrl names another origin than when last seen, and notes what
   * each is listed with now. Compares apiUrl strings first: parsing 10,000 URLs on every
   * change would cost tens of ms.
   */
  private movedIds(): string[] {
    if (!this.originsKnown) return [];
    const moved: string[] = [];
    for (const id of new Set([...this.index.keys(), ...this.shared.keys()])) {
      const apiUrl = this.entry(id)?.apiUrl;
      const before = this.seenApiUrls.get(id);
      if (apiUrl === undefined || apiUrl === before) continue;
      if (before !== undefined && originOf(before) !== originOf(apiUrl)) moved.push(id);
      this.seenApiUrls.set(id, apiUrl);
    }
    return moved;
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private mutate<T>(change: () => Promise<T>): Promise<T> {
    return this.whenLoaded().then(() =>
      this.enqueue(async () => {
        const result = await change();
        this.fireChanges();
        return result;
      }),
    );
  }

  /** The index and token shards a write just stored become the list in memory. */
  private takeWritten(
    index: Map<string, IndexEntry>,
    shards: ReadonlyMap<number, ReadonlyMap<string, LocalSecret>>,
  ): void {
    this.index = index;
    this.cachedTokenIndex = undefined;
    for (const [shard, tokens] of shards) {
      for (const id of [...this.secrets.keys()]) if (shardOf(id) === shard && !tokens.has(id)) this.secrets.delete(id);
      for (const [id, secret] of tokens) this.secrets.set(id, secret);
    }
  }

  private async load(): Promise<void> {
    const loaded = this.store.readIndex();
    try {
      await this.store.readTokens(loaded);
      await migrateLegacy(this.store, loaded, this.options.log);
    } catch {
      loaded.problems.push({ idInstance: '', problem: new SecretStorageError('read').message });
    }
    await this.store.bindOriginless(loaded);
    this.index = loaded.index;
    this.secrets = loaded.secrets;
    this.cachedTokenIndex = undefined;
    this.unreadable = loaded.problems;
    if (!this.originsKnown) {
      this.originsKnown = true;
      this.movedIds();
    }
  }

  /** Deletes an unreadable entry left in the old storage (see removeLegacy); true when there was one. */
  private async removeLegacyEntry(idInstance: string): Promise<boolean> {
    if (!this.unreadable.some((entry) => entry.idInstance === idInstance)) return false;
    if (!(await removeLegacy(this.store, idInstance))) return false;
    this.unreadable = this.unreadable.filter((entry) => entry.idInstance !== idInstance);
    return true;
  }
}
