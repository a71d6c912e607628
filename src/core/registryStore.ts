import { t } from './l10n';
import {
  INDEX_STATE_KEY,
  IndexEntry,
  indexWriteIdOf,
  LocalSecret,
  TOKEN_SHARDS,
  parseStoredIndexState,
  parseTokenShard,
  serializeIndexState,
  serializeTokenShard,
  shardOf,
  tokenShardKey,
  unusableIndexRows,
} from './instanceStorage';
import { Subscription } from './events';
import { originOf } from './validation';

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
 * `get` some time later, and the registry reads them on `InstanceRegistry.reload`.
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
          ? t(
              'VS Code deleted the token but could not take the instance off the list, and could not undo it: the instance stays listed as "Token needed". Remove it again.',
            )
          : t(
              'VS Code listed the instance but could not store its token, and could not undo it: the instance shows "Token needed". Paste its token again, or remove it.',
            )
        : action === 'read'
          ? t('VS Code could not read its secret storage, so nothing was changed.')
          : action === 'remove'
            ? t('VS Code could not remove the instance from its secret storage, so nothing was changed.')
            : t('VS Code could not write to its secret storage, so nothing was changed.')) +
        ' ' +
        t(
          'On Linux this needs a running, unlocked keyring (GNOME Keyring or KWallet); without one, start VS Code with --password-store=basic. See README, "Troubleshooting".',
        ),
    );
  }
}

/** An instance whose stored data could not be read. It is kept, not dropped, until the user removes it. */
export interface UnreadableInstance {
  readonly idInstance: string;
  readonly problem: string;
}

/** What one load read: the index, the tokens, and what could not be read. */
export interface Loaded {
  index: Map<string, IndexEntry>;
  secrets: Map<string, LocalSecret>;
  problems: UnreadableInstance[];
}

/** What the registry gives its store: where repairs are logged, and what a write tells it. */
export interface StoreHooks {
  /** Receives one English line per stored part it could not read or repair (never a token or an apiUrl). */
  readonly log?: (line: string) => void;
  /** After each write that went through, with the index and the token shards as written. */
  readonly written: (
    index: Map<string, IndexEntry>,
    shards: ReadonlyMap<number, ReadonlyMap<string, LocalSecret>>,
  ) => void;
  /** After a write that failed half-way and could not be undone, before its error is thrown. */
  readonly halfDone: () => Promise<void>;
}

/**
 * The instance list as the registry stores it: the index in globalState and the tokens in
 * a few SecretStorage shards (formats in instanceStorage.ts), written by every window. It
 * reads both, recognises this window's own echoes of the index, writes a change with its
 * undo and merges it again into another window's write in between. Holds no list itself:
 * `InstanceRegistry` owns the list and runs one of these calls at a time.
 */
export class RegistryStore {
  /** The index value this window wrote last, and its write id; the ids of its recent writes (see indexState). */
  private lastWritten: { readonly id: string; readonly value: unknown } | undefined;
  private ownWriteIds: string[] = [];
  private writeCount = 0;

  /** `secretStore`: VS Code's SecretStorage (tokens); `state`: its globalState (the index); or test doubles. */
  constructor(
    readonly secretStore: SecretStore,
    private readonly state: KeyValueStore,
    private readonly hooks: StoreHooks,
  ) {}

  /** The stored index, as a {@link Loaded} without tokens yet, with a problem for each part that cannot be read. */
  readIndex(): Loaded {
    const loaded: Loaded = { index: new Map(), secrets: new Map(), problems: [] };
    const index = parseStoredIndexState(this.indexState());
    if (index.ok) for (const entry of index.value ?? []) loaded.index.set(entry.idInstance, entry);
    else loaded.problems.push({ idInstance: '', problem: index.message });
    const unusable = index.ok ? unusableIndexRows(this.indexState()).length : 0;
    if (unusable > 0) {
      this.hooks.log?.(
        `${unusable} row(s) of the stored instance list are unreadable; they are kept as stored and left out of the list.`,
      );
      // l10n: Why a stored instance could not be read, shown in the Instances view and the warning. {0}: a count. A clause in lower case.
      loaded.problems.push({
        idInstance: '',
        problem: t(
          '{0} row(s) of the stored instance list are unreadable; they are kept as stored and not listed',
          unusable,
        ),
      });
    }
    return loaded;
  }

  /** Adds every token shard's tokens to `loaded`, and a problem for each shard that cannot be read; rejects when SecretStorage does. */
  async readTokens(loaded: Loaded): Promise<void> {
    const texts = await Promise.all(
      Array.from({ length: TOKEN_SHARDS }, (_, shard) => this.secretStore.get(tokenShardKey(shard))),
    );
    for (const text of texts) {
      const shard = parseTokenShard(text);
      if (shard.ok) for (const [id, secret] of shard.value) loaded.secrets.set(id, secret);
      else loaded.problems.push({ idInstance: '', problem: shard.message });
    }
  }

  /**
   * Tokens stored before origins were recorded: each is bound to the origin of its own index
   * row and the shard rewritten (best effort: unbound, it is still used by that row only).
   * One without an index row stays bound to nothing, so no shared row ever gets it.
   */
  async bindOriginless(loaded: Loaded): Promise<void> {
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
        for (const [id, secret] of stored.value) {
          if (secret.origin === undefined && loaded.secrets.get(id)?.origin !== undefined) {
            stored.value.set(id, loaded.secrets.get(id) as LocalSecret);
          }
        }
        await this.secretStore.store(tokenShardKey(shard), serializeTokenShard(stored.value));
      } catch {
        this.hooks.log?.(
          'Could not record the host of tokens stored by an older version; they are bound to their own rows in memory only.',
        );
      }
    }
  }

  /**
   * The stored index value, as globalState holds it now (another window or Settings Sync
   * may have written it), unless it is a late echo of an earlier write of this window's own,
   * in which case this window's latest write stands.
   * See CONTRIBUTING.md, Field notes: The globalState echo.
   */
  private indexState(): unknown {
    const stored = this.state.get(INDEX_STATE_KEY);
    const id = indexWriteIdOf(stored);
    if (this.lastWritten && id !== undefined && id !== this.lastWritten.id && this.ownWriteIds.includes(id)) {
      return this.lastWritten.value;
    }
    return stored;
  }

  /** Writes the index value under a new write id and remembers it as this window's latest. */
  async writeIndexState(value: unknown): Promise<void> {
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

  /** The `wanted` token shards as stored now, or a refusal to overwrite one that cannot be read (SecretStorageError for a failed read). */
  async readShardsForWrite(wanted: ReadonlySet<number>): Promise<Map<number, Map<string, LocalSecret>>> {
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
   * Reads the stored index and the `wanted` shards, applies `change` (false: nothing to
   * write), writes, then reads both back: another window may have written in between (each
   * window queues only its own writes), so when `holds` finds the change gone, it is merged
   * into what is stored now and written again, at most {@link MERGE_ATTEMPTS} times.
   */
  async writeMerged(
    wanted: ReadonlySet<number>,
    change: (index: Map<string, IndexEntry>, shards: Map<number, Map<string, LocalSecret>>) => boolean,
    holds: (
      index: ReadonlyMap<string, IndexEntry>,
      shards: ReadonlyMap<number, ReadonlyMap<string, LocalSecret>>,
    ) => boolean,
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

  /**
   * Writes the index and the token shards. A save lists the instance before it stores the
   * token, and a remove deletes the token before it takes the instance off the list, so that
   * whatever a failure leaves half-done is listed (as "Token needed"), where the user sees it
   * and can finish it; a token is never left where no list points to it. A failure is undone
   * when the storage allows; throws SecretStorageError, saying what is left when it does not.
   */
  private async write(
    index: Map<string, IndexEntry>,
    shards: Map<number, Map<string, LocalSecret>>,
    action: 'write' | 'remove' = 'write',
  ): Promise<void> {
    const previousIndex = this.indexState();
    /** Shard → its text before this write, for each shard written. */
    const writtenShards = new Map<number, string | undefined>();
    let indexWritten = false;
    const writeIndex = async (): Promise<void> => {
      // Rows this version cannot read stay stored as they were (reported at load), not erased.
      const serialized = serializeIndexState(index.values());
      await this.writeIndexState({
        ...serialized,
        instances: [...serialized.instances, ...unusableIndexRows(this.indexState())],
      });
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
      // Half done: the registry reads back what the storage now holds, so the list shows what is left.
      if (!undone) await this.hooks.halfDone();
      throw new SecretStorageError(action, undone ? undefined : 'listedWithoutToken');
    }
    this.hooks.written(index, shards);
  }

  /**
   * Puts back what a failed write changed, tokens first and the list last (the reverse of a
   * save), so that an undo that fails half-way also leaves no token where no list points to
   * it. False when the storage refused the undo too.
   */
  private async restore(
    previousIndex: unknown,
    indexWritten: boolean,
    writtenShards: ReadonlyMap<number, string | undefined>,
  ): Promise<boolean> {
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
}
