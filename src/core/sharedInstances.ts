import { IndexEntry, parseIndexEntry } from './instanceStorage';

/** The `greenApi.instances` setting, read: its usable rows and what the user should be told. */
export interface SharedInstances {
  readonly entries: IndexEntry[];
  /** idInstances (or positions, "#3") of rows that carry a token-like key; those values are never read. */
  readonly withToken: string[];
  /** Rows left out: not an object, or no valid idInstance and apiUrl. */
  readonly ignored: number;
}

/** Any key that looks like it holds a secret: apiTokenInstance, token, partnerToken… */
const TOKEN_KEY = /token|secret|password/i;

/**
 * Reads the `greenApi.instances` setting (rows of `{idInstance, apiUrl, name?}`). Only those keys
 * are read: a token there is never looked at (settings sync and sit in repositories), only
 * reported in `withToken` so the user can be told. Earlier rows of one idInstance win. Never throws.
 */
export function parseSharedInstances(value: unknown): SharedInstances {
  const entries = new Map<string, IndexEntry>();
  const withToken: string[] = [];
  let ignored = 0;
  const rows = Array.isArray(value) ? value : [];
  rows.forEach((row: unknown, position) => {
    const isObject = typeof row === 'object' && row !== null && !Array.isArray(row);
    const entry = isObject ? parseIndexEntry(pickAddressKeys(row as Record<string, unknown>)) : undefined;
    if (isObject && Object.keys(row as object).some((key) => TOKEN_KEY.test(key))) {
      withToken.push(entry?.idInstance ?? `#${position + 1}`);
    }
    if (!entry) ignored++;
    else if (!entries.has(entry.idInstance)) entries.set(entry.idInstance, entry);
  });
  return {
    entries: [...entries.values()],
    withToken,
    ignored: ignored + (value !== undefined && !Array.isArray(value) ? 1 : 0),
  };
}

function pickAddressKeys(row: Record<string, unknown>): Record<string, unknown> {
  return { idInstance: row.idInstance, apiUrl: row.apiUrl, name: row.name };
}

/** The JSON of the setting for `rows`, as Export Instances writes it: never a token, only what a teammate needs. */
export function exportSharedInstances(rows: readonly { idInstance: string; apiUrl: string; name: string }[]): string {
  const instances = rows.map((row) => ({
    idInstance: row.idInstance,
    apiUrl: row.apiUrl,
    ...(row.name.trim() ? { name: row.name } : {}),
  }));
  return `${JSON.stringify({ 'greenApi.instances': instances }, null, 2)}\n`;
}
