import { MAX_SERVER_NAME_LENGTH, neutralizeServerText } from '../base/neutralize';
import { t } from './l10n';
import { Parsed, accept, refuse } from './result';
import { originOf, parseApiToken, parseApiUrl, parseIdInstance } from './validation';
import { isIdInstance } from '../base/ids';

/**
 * Where the instance list lives (SECURITY.md, "What lives where"): the index (idInstance, apiUrl,
 * name: nothing secret) in `globalState` under this key, which Settings Sync carries; the tokens
 * (and the last phone typed, which is personal) in SecretStorage on this machine only, in
 * {@link TOKEN_SHARDS} shards, so 1,000 instances take a handful of secret writes.
 */
export const INDEX_STATE_KEY = 'greenApi.instanceIndex';
export const TOKEN_SHARDS = 8;
export const tokenShardKey = (shard: number): string => `greenApi.tokens.${shard}`;
/** The shard of an idInstance: its number modulo the shard count, stable on every machine. */
export const shardOf = (idInstance: string): number => Number(BigInt(idInstance) % BigInt(TOKEN_SHARDS));
export const isTokenShardKey = (key: string): boolean => /^greenApi\.tokens\.\d+$/.test(key);

/** Before the index moved to globalState: an id list and one secret per instance, token included. */
export const LEGACY_INDEX_KEY = 'greenApi.instances';
export const legacyRecordKey = (idInstance: string): string => `greenApi.instance.${idInstance}`;

/** One row of the synced index. */
export interface IndexEntry {
  readonly idInstance: string;
  readonly apiUrl: string;
  readonly name: string;
}

/** What this machine keeps secret about one instance. */
export interface LocalSecret {
  readonly apiTokenInstance: string;
  /** The phone number last used for a code, digits only, to prefill the next request. */
  readonly lastPhone?: string;
  /**
   * The origin of the apiUrl the token was saved for (`https://1103.api.greenapi.com`). A
   * row whose apiUrl now names another origin (a shared setting, a synced index) does not
   * get this token: it needs one pasted for that host. Absent in secrets written before.
   */
  readonly origin?: string;
}

const MAX_NAME = 200;

/** One index row from stored or shared data, validated like any input; undefined when unusable. */
export function parseIndexEntry(value: unknown): IndexEntry | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const raw = value as Record<string, unknown>;
  const id = parseIdInstance(
    typeof raw.idInstance === 'string' || typeof raw.idInstance === 'number' ? raw.idInstance : '',
  );
  const apiUrl = parseApiUrl(typeof raw.apiUrl === 'string' ? raw.apiUrl : '', 'stored');
  if (!id.ok || !apiUrl.ok) return undefined;
  // A name from a synced index or a shared setting is someone else's text: plain words only,
  // so it can never become a link in a notification that names the instance.
  return {
    idInstance: id.value,
    apiUrl: apiUrl.value,
    name: typeof raw.name === 'string' ? neutralizeServerText(raw.name.slice(0, MAX_NAME), MAX_SERVER_NAME_LENGTH) : '',
  };
}

/**
 * Reads the globalState index: undefined when there is none yet (a first start, or
 * before the migration), else its rows. A malformed value is refused, never rewritten
 * over, since that would drop the instances it lists.
 */
export function parseStoredIndexState(value: unknown): Parsed<IndexEntry[] | undefined> {
  if (value === undefined) return accept(undefined);
  const raw = value as { version?: unknown; instances?: unknown };
  if (typeof value !== 'object' || value === null || raw.version !== 2 || !Array.isArray(raw.instances)) {
    // l10n: Why a stored instance could not be read, shown after "<idInstance>: " in the Instances view and the warning. A clause in lower case.
    return refuse(t("the list of instances in VS Code's state is unreadable"));
  }
  const entries = new Map<string, IndexEntry>();
  for (const item of raw.instances) {
    const entry = parseIndexEntry(item);
    if (entry) entries.set(entry.idInstance, entry);
  }
  return accept([...entries.values()]);
}

/**
 * The rows of a stored index value that {@link parseIndexEntry} cannot use (at most 100),
 * as stored: a write keeps them as they are, rather than erase what may be a newer
 * version's rows, and the registry reports them. [] for a value that is not an index.
 */
export function unusableIndexRows(value: unknown): unknown[] {
  const instances = (value as { instances?: unknown } | null | undefined)?.instances;
  return Array.isArray(instances) ? instances.filter((item) => parseIndexEntry(item) === undefined).slice(0, 100) : [];
}

/**
 * The value written to globalState for `entries`. `writeId` names the write (unique per
 * window and write), so a window can tell an echo of its own earlier write from a value
 * another window or Settings Sync wrote; see InstanceRegistry.
 */
export function serializeIndexState(
  entries: Iterable<IndexEntry>,
  writeId?: string,
): { version: 2; writeId?: string; instances: IndexEntry[] } {
  return {
    version: 2,
    ...(writeId === undefined ? {} : { writeId }),
    instances: [...entries].map(({ idInstance, apiUrl, name }) => ({ idInstance, apiUrl, name })),
  };
}

/** The write id of a stored index value (see serializeIndexState); undefined for one without. */
export function indexWriteIdOf(value: unknown): string | undefined {
  const writeId = (value as { writeId?: unknown } | null | undefined)?.writeId;
  return typeof writeId === 'string' && writeId.length <= 64 ? writeId : undefined;
}

/** One token shard's secret: the tokens it holds by idInstance, each validated; a bad entry is left out. */
export function parseTokenShard(text: string | undefined): Parsed<Map<string, LocalSecret>> {
  const tokens = new Map<string, LocalSecret>();
  if (text === undefined) return accept(tokens);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // l10n: Why a stored instance could not be read, shown after "<idInstance>: " in the Instances view and the warning. A clause in lower case.
    return refuse(t('a part of the token storage is not readable JSON'));
  }
  const raw = json as { version?: unknown; tokens?: unknown };
  if (
    typeof json !== 'object' ||
    json === null ||
    raw.version !== 1 ||
    typeof raw.tokens !== 'object' ||
    raw.tokens === null
  ) {
    // l10n: Why a stored instance could not be read, shown after "<idInstance>: " in the Instances view and the warning. A clause in lower case.
    return refuse(t('a part of the token storage is unreadable'));
  }
  for (const [id, entry] of Object.entries(raw.tokens as Record<string, unknown>)) {
    const token = parseApiToken(
      typeof (entry as LocalSecret | null)?.apiTokenInstance === 'string'
        ? (entry as LocalSecret).apiTokenInstance
        : '',
    );
    if (!isIdInstance(id) || !token.ok) continue;
    const { lastPhone, origin } = entry as LocalSecret;
    tokens.set(id, {
      apiTokenInstance: token.value,
      ...(typeof lastPhone === 'string' && /^\d{7,15}$/.test(lastPhone) ? { lastPhone } : {}),
      ...(typeof origin === 'string' && origin.length <= 300 && /^https?:\/\//.test(origin) ? { origin } : {}),
    });
  }
  return accept(tokens);
}

/** The secret written for one shard's tokens. */
export function serializeTokenShard(tokens: ReadonlyMap<string, LocalSecret>): string {
  return JSON.stringify({ version: 1, tokens: Object.fromEntries([...tokens].sort(([a], [b]) => a.localeCompare(b))) });
}

/** What is stored for a record's token: the token, its last phone, and the origin it was saved for. */
export function secretOf(record: {
  readonly apiUrl: string;
  readonly apiTokenInstance: string;
  readonly lastPhone?: string;
}): LocalSecret {
  return {
    apiTokenInstance: record.apiTokenInstance,
    ...(record.lastPhone ? { lastPhone: record.lastPhone } : {}),
    origin: originOf(record.apiUrl),
  };
}
