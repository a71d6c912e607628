import { t } from './l10n';
import {
  LEGACY_INDEX_KEY,
  legacyRecordKey,
  secretOf,
  serializeIndexState,
  serializeTokenShard,
  shardOf,
  tokenShardKey,
} from './instanceStorage';
import { Loaded, RegistryStore, SecretStorageError } from './registryStore';
import { InstanceRecord, parseStoredIndex, readStoredRecord } from './storedInstance';

/**
 * The first start after the update (and any window still on the old version): moves
 * the instances of the old storage (an id list and one secret per instance, token
 * included) into the index and the token secrets. The old entries are deleted only
 * once both are written; an unreadable one stays where it is, reported, until the
 * user removes it. Nothing is lost: a failed write leaves the old storage whole.
 * Adds what it moved, and a problem per entry it cannot read, to `loaded`; `log` gets a line per repair.
 */
export async function migrateLegacy(store: RegistryStore, loaded: Loaded, log?: (line: string) => void): Promise<void> {
  const legacyIndex = parseStoredIndex(await store.secretStore.get(LEGACY_INDEX_KEY));
  if (!legacyIndex.ok) {
    loaded.problems.push({ idInstance: '', problem: legacyIndex.message });
    return;
  }
  if (legacyIndex.value.length === 0) return;
  const migrated: InstanceRecord[] = [];
  const kept: string[] = [];
  for (const idInstance of legacyIndex.value) {
    const record = readStoredRecord(await store.secretStore.get(legacyRecordKey(idInstance)), idInstance);
    if (record.ok) {
      migrated.push(record.value.record);
      // Older versions stored whatever was pasted, a whole request URL with its token too:
      // the migration keeps only the origin, and the old secret goes with the rest.
      if (record.value.repairs.includes('apiUrlCut')) {
        log?.(
          `Instance ${idInstance}: its stored apiUrl held a GREEN-API request path; cut to ${record.value.record.apiUrl}.`,
        );
      }
    } else {
      kept.push(idInstance);
      loaded.problems.push({ idInstance, problem: record.message });
    }
  }
  if (migrated.length === 0) return;
  try {
    await writeMigrated(store, loaded, migrated, kept);
  } catch {
    loaded.problems.push({
      idInstance: '',
      problem: t(
        'The instances stored by the previous version could not be moved yet; they stay where they are and are tried again at the next start.',
      ),
    });
  }
}

async function writeMigrated(
  store: RegistryStore,
  loaded: Loaded,
  migrated: readonly InstanceRecord[],
  kept: readonly string[],
): Promise<void> {
  const shards = await store.readShardsForWrite(new Set(migrated.map((record) => shardOf(record.idInstance))));
  for (const record of migrated) {
    // What the new storage already holds is newer (another window migrated and edited).
    if (!loaded.index.has(record.idInstance)) {
      loaded.index.set(record.idInstance, { idInstance: record.idInstance, apiUrl: record.apiUrl, name: record.name });
    }
    const shard = shards.get(shardOf(record.idInstance));
    if (shard && !shard.has(record.idInstance)) shard.set(record.idInstance, secretOf(record));
  }
  await store.writeIndexState(serializeIndexState(loaded.index.values()));
  for (const [shard, tokens] of shards) {
    await store.secretStore.store(tokenShardKey(shard), serializeTokenShard(tokens));
    for (const [id, secret] of tokens) loaded.secrets.set(id, secret);
  }
  for (const record of migrated) await store.secretStore.delete(legacyRecordKey(record.idInstance));
  if (kept.length > 0) await store.secretStore.store(LEGACY_INDEX_KEY, JSON.stringify(kept));
  else await store.secretStore.delete(LEGACY_INDEX_KEY);
}

/**
 * Deletes the entry of `idInstance` left in the old storage (an unreadable one, which the
 * registry lists as a problem until the user removes it); true when there was one. Throws
 * SecretStorageError('remove') when the storage refuses.
 */
export async function removeLegacy(store: RegistryStore, idInstance: string): Promise<boolean> {
  const legacy = parseStoredIndex(await store.secretStore.get(LEGACY_INDEX_KEY));
  if (!legacy.ok || !legacy.value.includes(idInstance)) return false;
  try {
    const rest = legacy.value.filter((id) => id !== idInstance);
    if (rest.length > 0) await store.secretStore.store(LEGACY_INDEX_KEY, JSON.stringify(rest));
    else await store.secretStore.delete(LEGACY_INDEX_KEY);
    await store.secretStore.delete(legacyRecordKey(idInstance));
  } catch {
    throw new SecretStorageError('remove');
  }
  return true;
}
