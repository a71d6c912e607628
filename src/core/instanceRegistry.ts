import { instanceOrder } from './instanceOrder';
import { Emitter, Event, Subscription } from './events';
import { t } from './l10n';
import {
  INDEX_STATE_KEY,
  IndexEntry,
  indexWriteIdOf,
  secretOf,
  LEGACY_INDEX_KEY,
  LocalSecret,
  TOKEN_SHARDS,
  isTokenShardKey,
  legacyRecordKey,
  parseStoredIndexState,
  parseTokenShard,
  serializeIndexState,
  serializeTokenShard,
  shardOf,
  tokenShardKey,
  unusableIndexRows,
} from './instanceStorage';
import { InstanceRecord, InstanceSummary, parseStoredIndex, readStoredRecord } from './storedInstance';
import { originOf } from './validation';
import { SecretIndex } from '../base/redact';

/** Names this window's index writes apart from every other window's (see indexState). */
const WINDOW_NONCE = Math.random().toString(36).slice(2, 10);
/** How many of its own recent writes a window recognises as echoes. */
const OWN_WRITES_KEPT = 32;
/** How many times a write is merged again into another window's interleaved write (see writeMerged). */
const MERGE_ATTEMPTS = 4;

/** The part of VS Code's SecretStorage the registry needs; tests give it a Map. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  readonly onDidChange: (listener: (event: { readonly key: string }) => unknown) => Subscription;
}

/**
 * The part of VS Code's `Memento` (ExtensionContext.globalState) the registry needs.
 * It has no change event: another window's or Settings Sync's writes show up in
 * `get` some time later, and the registry reads them on {@link InstanceRegistry.reload}.
 */
export interface KeyValueStore {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/**
 * SecretStorage (or globalState) failed. The message says what was changed (nothing, unless
 * `leftover` says what a write that failed part-way, and could not be undone, left) and
 * how to fix the storage.
 */
export class SecretStorageError extends Error {
  constructor(action: 'read' | 'write' | 'remove', leftover?: 'listedWithoutToken') {
    super(
      (leftover === 'listedWithoutToken'
        ? action === 'remove'
          ? t('VS Code deleted the token but could not take the instance off the list, and could not undo it: the instance stays listed as "Token needed". Remove it again.')
          : t('VS Code listed the instance but could not store its token, and could not undo it: the instance shows "Token needed". Paste its token again, or remove it.')
        : action === 'read'
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

/** What one load read: the index, the tokens, and what could not be read. */
interface Loaded {
  index: Map<string, IndexEntry>;
  secrets: Map<string, LocalSecret>;
  problems: UnreadableInstance[];
}

/**
 * The one owner of the instance list. Three sources, merged:
 * - the synced index in `globalState` (idInstance, apiUrl, name), see instanceStorage.ts;
 * - the shared rows of the `greenApi.instances` setting ({@link setShared}), read-only
 *   here apart from their local token; a shared row wins over an index row of the same id;
 * - the tokens, in a few SecretStorage secrets on this machine only.
 * A row without a token on this machine is listed with `tokenMissing` and `get()` gives
 * no record for it, so nothing can send a request for it.
 *
 * Other windows write the same storage. SecretStorage says so (`onDidChange`), and
 * every write here ends with a token secret, so that event brings the index in too;
 * globalState has no event, so the adapter also calls {@link reload} when the window
 * gains focus (Settings Sync writes only the index), and every write re-reads both
 * stores first and changes only its own rows.
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
  /** The index value this window wrote last, and its write id; the ids of its recent writes (see indexState). */
  private lastWritten: { readonly id: string; readonly value: unknown } | undefined;
  private ownWriteIds: string[] = [];
  private writeCount = 0;
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
  /** The list's order: see instanceOrder. */
  private readonly compare: (a: InstanceSummary, b: InstanceSummary) => number;
  /**
   * The ids in the list's order, and the index and shared maps they were sorted from. Those
   * maps are replaced, never changed in place, so the same two maps mean the same order; a
   * sort of 10,000 names takes tens of ms, and list() runs on every refresh of the view.
   */
  private sorted: { readonly index: ReadonlyMap<string, IndexEntry>; readonly shared: ReadonlyMap<string, IndexEntry>; readonly ids: readonly string[] } | undefined;

  /**
   * `secretStore`: VS Code's SecretStorage (tokens) and `state`: its globalState (the
   * index), or test doubles. `options.log` receives one English line per stored record
   * repaired as it is read (never the old apiUrl, which may hold a token). `options.locale`
   * orders the list (VS Code's display language, `vscode.env.language`; see instanceOrder).
   */
  constructor(
    private readonly secretStore: SecretStore,
    private readonly state: KeyValueStore,
    private readonly options: { readonly log?: (line: string) => void; readonly locale?: string } = {},
  ) {
    this.compare = instanceOrder(options.locale);
    this.secretsSubscription = secretStore.onDidChange((event) => {
      if (isTokenShardKey(event.key) || event.key === LEGACY_INDEX_KEY || event.key.startsWith('greenApi.instance.')) void this.reload();
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
      return this.sorted.ids.map((id) => this.entry(id)).filter((entry): entry is InstanceSummary => entry !== undefined);
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
    const sharedSameHost = shared !== undefined && (own === undefined || originOf(own.apiUrl) === originOf(shared.apiUrl));
    // On the same host the setting may rename the row, as before.
    const row = sharedSameHost ? shared : own ?? shared;
    if (!row) return undefined;
    return { idInstance: row.idInstance, apiUrl: row.apiUrl, name: row.name, shared: sharedSameHost, tokenMissing: this.tokenFor(row) === undefined };
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
    return own && shared && originOf(own.apiUrl) !== originOf(shared.apiUrl) ? { shared, ownApiUrl: own.apiUrl } : undefined;
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
    return { idInstance: row.idInstance, apiUrl: row.apiUrl, name: row.name, apiTokenInstance: secret.apiTokenInstance, ...(secret.lastPhone ? { lastPhone: secret.lastPhone } : {}) };
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
      problem: t('the greenApi.instances setting points it at {0}, but your own {1} is on {2}: the setting\'s row is ignored and gets no token', originOf(shared.apiUrl), this.index.get(shared.idInstance)?.name || shared.idInstance, originOf(ownApiUrl)),
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
      const sharedOnly = new Set(records.filter((record) => this.shared.has(record.idInstance) && !this.index.has(record.idInstance)).map((record) => record.idInstance));
      const wanted = new Map(records.map((record) => [record.idInstance, secretOf(this.phoneStaysHome(record))]));
      await this.writeMerged(
        new Set(records.map((record) => shardOf(record.idInstance))),
        (index, shards) => {
          for (const record of records) {
            if (!sharedOnly.has(record.idInstance)) index.set(record.idInstance, { idInstance: record.idInstance, apiUrl: record.apiUrl, name: record.name });
            shards.get(shardOf(record.idInstance))?.set(record.idInstance, wanted.get(record.idInstance) as LocalSecret);
          }
          return true;
        },
        (index, shards) =>
          records.every((record) => (sharedOnly.has(record.idInstance) || index.has(record.idInstance)) && shards.get(shardOf(record.idInstance))?.get(record.idInstance)?.apiTokenInstance === wanted.get(record.idInstance)?.apiTokenInstance),
      );
      const ids = new Set(records.map((record) => record.idInstance));
      this.unreadable = this.unreadable.filter((entry) => !ids.has(entry.idInstance));
    });
  }

  /** `record` without its lastPhone when it moves a listed row to another origin (see saveMany). */
  private phoneStaysHome(record: InstanceRecord): InstanceRecord {
    const listed = this.entry(record.idInstance);
    if (!record.lastPhone || !listed || originOf(listed.apiUrl) === originOf(record.apiUrl)) return record;
    return { idInstance: record.idInstance, apiUrl: record.apiUrl, name: record.name, apiTokenInstance: record.apiTokenInstance };
  }

  /**
   * Changes fields of one stored instance inside the write queue, after every earlier
   * write: the record is read again there, and nothing is written (resolves false) when
   * the id is gone or its apiUrl's origin (see originOf) is no longer `expectedOrigin`, so
   * a late write (the last phone number after a code, say) never lands on an instance that
   * moved host meanwhile (security review I3). Resolves true when written; throws as
   * saveMany does.
   */
  update(idInstance: string, patch: Partial<Omit<InstanceRecord, 'idInstance'>>, expectedOrigin: string): Promise<boolean> {
    return this.mutate(async () => {
      const current = this.get(idInstance);
      if (!current || originOf(current.apiUrl) !== expectedOrigin) return false;
      const record: InstanceRecord = { ...current, ...patch, idInstance };
      const wanted = secretOf(record);
      const ownRow = !this.shared.has(idInstance);
      // Through the same merge as saveMany, so another window's write in between is kept.
      await this.writeMerged(
        new Set([shardOf(idInstance)]),
        (index, shards) => {
          if (ownRow) index.set(idInstance, { idInstance, apiUrl: record.apiUrl, name: record.name });
          shards.get(shardOf(idInstance))?.set(idInstance, wanted);
          return true;
        },
        (index, shards) => (!ownRow || index.has(idInstance)) && shards.get(shardOf(idInstance))?.get(idInstance)?.apiTokenInstance === wanted.apiTokenInstance,
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
      const hadLegacy = await this.removeLegacy(idInstance);
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
    const sharedOrigin = new Map(ids.flatMap((id) => {
      const shared = this.shared.get(id);
      return shared && !this.conflictOf(id) ? [[id, originOf(shared.apiUrl)] as const] : [];
    }));
    let removed = false;
    await this.writeMerged(
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

  /**
   * Reads the stored index and the `wanted` shards, applies `change` (false: nothing to
   * write), writes, then reads both back: another window may have written in between (each
   * window queues only its own writes), so when `holds` finds the change gone, it is merged
   * into what is stored now and written again, at most {@link MERGE_ATTEMPTS} times.
   */
  private async writeMerged(
    wanted: ReadonlySet<number>,
    change: (index: Map<string, IndexEntry>, shards: Map<number, Map<string, LocalSecret>>) => boolean,
    holds: (index: ReadonlyMap<string, IndexEntry>, shards: ReadonlyMap<number, ReadonlyMap<string, LocalSecret>>) => boolean,
    action: 'write' | 'remove' = 'write',
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const index = this.readIndexForWrite();
      const shards = await this.readShardsForWrite(wanted);
      if (!change(index, shards)) return;
      await this.write(index, shards, action);
      if (attempt >= MERGE_ATTEMPTS) return;
      const storedIndex = this.readIndexForWrite();
      const storedShards = await this.readShardsForWrite(wanted);
      if (holds(storedIndex, storedShards)) return;
    }
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

  /**
   * The stored index value, as globalState holds it now (another window or Settings Sync
   * may have written it), unless it is an echo of an earlier write of this window's own.
   * VS Code's extension host replaces its copy of globalState with the value the main
   * process echoes after a write; an echo of an earlier write that arrives after a later
   * one brings the older index back (seen as an imported instance missing from the list
   * right after the import). Each write is named, so such an echo is recognised and the
   * latest write stands; any value not written by this window is followed as it is.
   */
  private indexState(): unknown {
    const stored = this.state.get(INDEX_STATE_KEY);
    const id = indexWriteIdOf(stored);
    if (this.lastWritten && id !== undefined && id !== this.lastWritten.id && this.ownWriteIds.includes(id)) return this.lastWritten.value;
    return stored;
  }

  /** Writes the index value under a new write id and remembers it as this window's latest. */
  private async writeIndexState(value: unknown): Promise<void> {
    const id = `${WINDOW_NONCE}-${++this.writeCount}`;
    const named = value === undefined ? undefined : { ...(value as object), writeId: id };
    const before = { lastWritten: this.lastWritten, ownWriteIds: this.ownWriteIds };
    this.lastWritten = { id, value: named };
    this.ownWriteIds = [...this.ownWriteIds, id].slice(-OWN_WRITES_KEPT);
    try {
      await this.state.update(INDEX_STATE_KEY, named);
    } catch (error) {
      // Not written: what this window last wrote is what it wrote before.
      ({ lastWritten: this.lastWritten, ownWriteIds: this.ownWriteIds } = before);
      throw error;
    }
  }

  /** The index as globalState holds it now (another window may have written it), or a refusal to overwrite an unreadable one. */
  private readIndexForWrite(): Map<string, IndexEntry> {
    const index = parseStoredIndexState(this.indexState());
    if (!index.ok) throw new Error(t('{0}. Nothing was changed; see the GREEN-API log.', index.message));
    return new Map((index.value ?? []).map((entry) => [entry.idInstance, entry]));
  }

  private async readShardsForWrite(wanted: ReadonlySet<number>): Promise<Map<number, Map<string, LocalSecret>>> {
    const shards = new Map<number, Map<string, LocalSecret>>();
    for (const shard of wanted) {
      let text: string | undefined;
      try {
        text = await this.secretStore.get(tokenShardKey(shard));
      } catch {
        throw new SecretStorageError('read');
      }
      const parsed = parseTokenShard(text);
      // Rewriting an unreadable secret would silently drop the tokens it holds; refuse instead.
      if (!parsed.ok) throw new Error(t('{0}. Nothing was changed; see the GREEN-API log.', parsed.message));
      shards.set(shard, parsed.value);
    }
    return shards;
  }

  /**
   * Writes the index, then the token secrets; the last secret's change event tells the
   * other windows to reload. A failed token write puts the index and the secrets already
   * written back as they were.
   */
  /**
   * Writes the index and the token shards. A save lists the instance before it stores the
   * token, and a remove deletes the token before it takes the instance off the list, so that
   * whatever a failure leaves half-done is listed (as "Token needed"), where the user sees it
   * and can finish it; a token is never left where no list points to it. A failure is undone
   * when the storage allows; throws SecretStorageError, saying what is left when it does not.
   */
  private async write(index: Map<string, IndexEntry>, shards: Map<number, Map<string, LocalSecret>>, action: 'write' | 'remove' = 'write'): Promise<void> {
    const previousIndex = this.indexState();
    /** Shard → its text before this write, for each shard written. */
    const writtenShards = new Map<number, string | undefined>();
    let indexWritten = false;
    const writeIndex = async (): Promise<void> => {
      // Rows this version cannot read stay stored as they were (reported at load), not erased.
      const serialized = serializeIndexState(index.values());
      await this.writeIndexState({ ...serialized, instances: [...serialized.instances, ...unusableIndexRows(this.indexState())] });
      indexWritten = true;
    };
    const writeShards = async (): Promise<void> => {
      for (const [shard, tokens] of shards) {
        const previous = await this.secretStore.get(tokenShardKey(shard));
        await this.secretStore.store(tokenShardKey(shard), serializeTokenShard(tokens));
        writtenShards.set(shard, previous);
      }
    };
    try {
      for (const step of action === 'remove' ? [writeShards, writeIndex] : [writeIndex, writeShards]) await step();
    } catch {
      const undone = await this.restore(previousIndex, indexWritten, writtenShards);
      if (!undone) {
        // Half done: read back what the storage now holds, so the list shows what is left.
        await this.load();
        this.fireChanges();
      }
      throw new SecretStorageError(action, undone ? undefined : 'listedWithoutToken');
    }
    this.index = index;
    this.cachedTokenIndex = undefined;
    for (const [shard, tokens] of shards) {
      for (const id of [...this.secrets.keys()]) if (shardOf(id) === shard && !tokens.has(id)) this.secrets.delete(id);
      for (const [id, secret] of tokens) this.secrets.set(id, secret);
    }
  }

  /**
   * Puts back what a failed write changed, tokens first and the list last (the reverse of a
   * save), so that an undo that fails half-way also leaves no token where no list points to
   * it. False when the storage refused the undo too.
   */
  private async restore(previousIndex: unknown, indexWritten: boolean, writtenShards: ReadonlyMap<number, string | undefined>): Promise<boolean> {
    try {
      for (const [shard, text] of writtenShards) {
        if (text === undefined) await this.secretStore.delete(tokenShardKey(shard));
        else await this.secretStore.store(tokenShardKey(shard), text);
      }
      if (indexWritten) await this.writeIndexState(previousIndex);
      return true;
    } catch {
      return false;
    }
  }

  private async load(): Promise<void> {
    const loaded: Loaded = { index: new Map(), secrets: new Map(), problems: [] };
    const index = parseStoredIndexState(this.indexState());
    if (index.ok) for (const entry of index.value ?? []) loaded.index.set(entry.idInstance, entry);
    else loaded.problems.push({ idInstance: '', problem: index.message });
    const unusable = index.ok ? unusableIndexRows(this.indexState()).length : 0;
    if (unusable > 0) {
      this.options.log?.(`${unusable} row(s) of the stored instance list are unreadable; they are kept as stored and left out of the list.`);
      // l10n: Why a stored instance could not be read, shown in the Instances view and the warning. {0}: a count. A clause in lower case.
      loaded.problems.push({ idInstance: '', problem: t('{0} row(s) of the stored instance list are unreadable; they are kept as stored and not listed', unusable) });
    }
    try {
      await this.loadTokens(loaded);
      await this.migrateLegacy(loaded);
    } catch {
      loaded.problems.push({ idInstance: '', problem: new SecretStorageError('read').message });
    }
    await this.bindOriginless(loaded);
    this.index = loaded.index;
    this.secrets = loaded.secrets;
    this.cachedTokenIndex = undefined;
    this.unreadable = loaded.problems;
    if (!this.originsKnown) {
      this.originsKnown = true;
      this.movedIds();
    }
  }

  /**
   * Tokens stored before origins were recorded: each is bound to the origin of its own index
   * row and the shard rewritten (best effort: unbound, it is still used by that row only).
   * One without an index row stays bound to nothing, so no shared row ever gets it.
   */
  private async bindOriginless(loaded: Loaded): Promise<void> {
    const shards = new Set<number>();
    for (const [id, secret] of loaded.secrets) {
      const row = loaded.index.get(id);
      if (secret.origin !== undefined || !row) continue;
      loaded.secrets.set(id, { ...secret, origin: originOf(row.apiUrl) });
      shards.add(shardOf(id));
    }
    for (const shard of shards) {
      try {
        const stored = parseTokenShard(await this.secretStore.get(tokenShardKey(shard)));
        if (!stored.ok) continue;
        for (const [id, secret] of stored.value) if (secret.origin === undefined && loaded.secrets.get(id)?.origin !== undefined) stored.value.set(id, loaded.secrets.get(id) as LocalSecret);
        await this.secretStore.store(tokenShardKey(shard), serializeTokenShard(stored.value));
      } catch {
        this.options.log?.('Could not record the host of tokens stored by an older version; they are bound to their own rows in memory only.');
      }
    }
  }

  private async loadTokens(loaded: Loaded): Promise<void> {
    const texts = await Promise.all(Array.from({ length: TOKEN_SHARDS }, (_, shard) => this.secretStore.get(tokenShardKey(shard))));
    for (const text of texts) {
      const shard = parseTokenShard(text);
      if (shard.ok) for (const [id, secret] of shard.value) loaded.secrets.set(id, secret);
      else loaded.problems.push({ idInstance: '', problem: shard.message });
    }
  }

  /**
   * The first start after the update (and any window still on the old version): moves
   * the instances of the old storage (an id list and one secret per instance, token
   * included) into the index and the token secrets. The old entries are deleted only
   * once both are written; an unreadable one stays where it is, reported, until the
   * user removes it. Nothing is lost: a failed write leaves the old storage whole.
   */
  private async migrateLegacy(loaded: Loaded): Promise<void> {
    const legacyIndex = parseStoredIndex(await this.secretStore.get(LEGACY_INDEX_KEY));
    if (!legacyIndex.ok) {
      loaded.problems.push({ idInstance: '', problem: legacyIndex.message });
      return;
    }
    if (legacyIndex.value.length === 0) return;
    const migrated: InstanceRecord[] = [];
    const kept: string[] = [];
    for (const idInstance of legacyIndex.value) {
      const record = readStoredRecord(await this.secretStore.get(legacyRecordKey(idInstance)), idInstance);
      if (record.ok) {
        migrated.push(record.value.record);
        // Older versions stored whatever was pasted, a whole request URL with its token too:
        // the migration keeps only the origin, and the old secret goes with the rest.
        if (record.value.repairs.includes('apiUrlCut')) this.options.log?.(`Instance ${idInstance}: its stored apiUrl held a GREEN-API request path; cut to ${record.value.record.apiUrl}.`);
      } else {
        kept.push(idInstance);
        loaded.problems.push({ idInstance, problem: record.message });
      }
    }
    if (migrated.length === 0) return;
    try {
      await this.writeMigrated(loaded, migrated, kept);
    } catch {
      loaded.problems.push({ idInstance: '', problem: t('The instances stored by the previous version could not be moved yet; they stay where they are and are tried again at the next start.') });
    }
  }

  private async writeMigrated(loaded: Loaded, migrated: readonly InstanceRecord[], kept: readonly string[]): Promise<void> {
    const shards = await this.readShardsForWrite(new Set(migrated.map((record) => shardOf(record.idInstance))));
    for (const record of migrated) {
      // What the new storage already holds is newer (another window migrated and edited).
      if (!loaded.index.has(record.idInstance)) loaded.index.set(record.idInstance, { idInstance: record.idInstance, apiUrl: record.apiUrl, name: record.name });
      const shard = shards.get(shardOf(record.idInstance));
      if (shard && !shard.has(record.idInstance)) shard.set(record.idInstance, secretOf(record));
    }
    await this.writeIndexState(serializeIndexState(loaded.index.values()));
    for (const [shard, tokens] of shards) {
      await this.secretStore.store(tokenShardKey(shard), serializeTokenShard(tokens));
      for (const [id, secret] of tokens) loaded.secrets.set(id, secret);
    }
    for (const record of migrated) await this.secretStore.delete(legacyRecordKey(record.idInstance));
    if (kept.length > 0) await this.secretStore.store(LEGACY_INDEX_KEY, JSON.stringify(kept));
    else await this.secretStore.delete(LEGACY_INDEX_KEY);
  }

  /** Deletes an entry left in the old storage (an unreadable one); true when there was one. */
  private async removeLegacy(idInstance: string): Promise<boolean> {
    if (!this.unreadable.some((entry) => entry.idInstance === idInstance)) return false;
    const legacy = parseStoredIndex(await this.secretStore.get(LEGACY_INDEX_KEY));
    if (!legacy.ok || !legacy.value.includes(idInstance)) return false;
    try {
      const rest = legacy.value.filter((id) => id !== idInstance);
      if (rest.length > 0) await this.secretStore.store(LEGACY_INDEX_KEY, JSON.stringify(rest));
      else await this.secretStore.delete(LEGACY_INDEX_KEY);
      await this.secretStore.delete(legacyRecordKey(idInstance));
    } catch {
      throw new SecretStorageError('remove');
    }
    this.unreadable = this.unreadable.filter((entry) => entry.idInstance !== idInstance);
    return true;
  }
}
