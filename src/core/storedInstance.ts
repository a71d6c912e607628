import { Parsed, accept, refuse } from './result';
import { t } from './l10n';
import { parseApiToken, parseIdInstance, readApiUrl } from './validation';
import { isIdInstance } from '../base/ids';

/** One instance with its token: the token lives only in SecretStorage (see instanceStorage.ts). */
export interface InstanceRecord {
  readonly idInstance: string;
  readonly apiUrl: string;
  readonly apiTokenInstance: string;
  readonly name: string;
  /** The phone number last used for a code, digits only, to prefill the next request. */
  readonly lastPhone?: string;
}

/** What may leave the registry: everything but the token. */
export interface InstanceSummary {
  readonly idInstance: string;
  readonly apiUrl: string;
  readonly name: string;
  /** From the `greenApi.instances` setting: apiUrl and name are read-only here. */
  readonly shared?: boolean;
  /** The row is known (synced or shared) but its token is not on this machine. */
  readonly tokenMissing?: boolean;
}

/** The name an instance is shown by; see core/instanceOrder, where the list's order reads it too. */
export { displayName } from './instanceOrder';

/** The old one-secret-per-instance form; kept for the migration's tests. */
export function serializeRecord(record: InstanceRecord): string {
  return JSON.stringify({ version: 1, ...record });
}

/** Reads a record of the storage before the index moved to globalState (one secret per instance) back; stored data is validated like any other input. */
export function parseStoredRecord(text: string | undefined, expectedId: string): Parsed<InstanceRecord> {
  const read = readStoredRecord(text, expectedId);
  return read.ok ? accept(read.value.record) : read;
}

/** A stored record as read, and what had to be repaired in it to read it. */
export interface StoredRecordReading {
  readonly record: InstanceRecord;
  /**
   * `apiUrlCut`: the stored apiUrl held a GREEN-API request path, possibly with the token
   * (older versions stored whatever was pasted); `record.apiUrl` is its origin. The caller
   * stores the repaired record and logs that it did, without the old value.
   */
  readonly repairs: readonly 'apiUrlCut'[];
}

/** {@link parseStoredRecord}, saying what was repaired. Never throws. */
export function readStoredRecord(text: string | undefined, expectedId: string): Parsed<StoredRecordReading> {
  if (text === undefined) {
    // l10n: Why a stored instance could not be read, shown after "<idInstance>: " in the Instances view and the warning. A clause in lower case.
    return refuse(t('its data is missing from the secret storage'));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // l10n: Why a stored instance could not be read, shown after "<idInstance>: " in the Instances view and the warning. A clause in lower case.
    return refuse(t('its stored data is not readable JSON'));
  }
  if (typeof json !== 'object' || json === null) {
    // l10n: Why a stored instance could not be read, shown after "<idInstance>: " in the Instances view and the warning. A clause in lower case.
    return refuse(t('its stored data is not an object'));
  }
  const raw = json as Record<string, unknown>;
  const id = parseIdInstance(typeof raw.idInstance === 'string' ? raw.idInstance : '');
  const apiUrl = readApiUrl(typeof raw.apiUrl === 'string' ? raw.apiUrl : '', 'stored');
  const token = parseApiToken(typeof raw.apiTokenInstance === 'string' ? raw.apiTokenInstance : '');
  // l10n: Why a stored instance could not be read, shown after "<idInstance>: " in the Instances view and the warning. A clause in lower case.
  if (!id.ok || id.value !== expectedId) return refuse(t('its stored idInstance does not match'));
  // l10n: Why a stored instance could not be read (see "its stored data is not an object"). {0} is the reason its apiUrl was refused, a sentence.
  if (!apiUrl.ok) return refuse(t('its stored apiUrl is invalid ({0})', apiUrl.message));
  // l10n: Why a stored instance could not be read (see "its stored data is not an object").
  if (!token.ok) return refuse(t('its stored token is invalid'));
  const lastPhone = typeof raw.lastPhone === 'string' && /^\d{7,15}$/.test(raw.lastPhone) ? raw.lastPhone : undefined;
  return accept({
    record: {
      idInstance: id.value,
      apiUrl: apiUrl.value.apiUrl,
      apiTokenInstance: token.value,
      name: typeof raw.name === 'string' ? raw.name.slice(0, 200) : '',
      ...(lastPhone ? { lastPhone } : {}),
    },
    repairs: apiUrl.value.cutPath ? ['apiUrlCut'] : [],
  });
}

export function parseStoredIndex(text: string | undefined): Parsed<string[]> {
  if (text === undefined) return accept([]);
  try {
    const json: unknown = JSON.parse(text);
    if (Array.isArray(json) && json.every(isIdInstance)) {
      return accept([...new Set(json as string[])]);
    }
  } catch {
    // fall through
  }
  // l10n: Why a stored instance could not be read, shown after "<idInstance>: " in the Instances view and the warning. A clause in lower case.
  return refuse(t('the list of instances in the secret storage is unreadable'));
}
