import { parse } from 'dotenv';
import { t } from './l10n';
import { Parsed, accept, refuse } from './result';
import { parseApiToken, parseApiUrl, parseIdInstance } from './validation';

/**
 * The largest `.env` file read: real ones are a few hundred bytes; anything this large is not
 * a settings file, and reading it would only cost time.
 */
export const MAX_ENV_FILE_BYTES = 256 * 1024;

/**
 * Decodes a `.env` file's bytes (`bytes`: its content, UTF-8) and reads its variables with
 * {@link parseEnvFile}; refuses, with a message naming the limit, a file over
 * {@link MAX_ENV_FILE_BYTES} (256 KB) before decoding any of it.
 */
export function readEnvFile(bytes: Uint8Array): Parsed<Map<string, string>> {
  const tooLarge = envFileSizeProblem(bytes.byteLength);
  if (tooLarge !== undefined) return refuse(tooLarge);
  return accept(parseEnvFile(new TextDecoder().decode(bytes)));
}

/**
 * Why a file of `bytes` bytes is not read as a `.env` file (over {@link MAX_ENV_FILE_BYTES}),
 * in words with what to do; undefined when its size is fine. Checked on the file's size
 * (`FileStat.size`) before it is read, and again on what was read.
 */
export function envFileSizeProblem(bytes: number): string | undefined {
  if (bytes <= MAX_ENV_FILE_BYTES) return undefined;
  return t(
    'The file is {0} KB; a .env file this extension reads is at most {1} KB. Pick the .env file that holds the instance.',
    Math.ceil(bytes / 1024),
    MAX_ENV_FILE_BYTES / 1024,
  );
}

/**
 * Reads a `.env` file's text with `dotenv`'s `parse` (`KEY=value`, `export `, quotes, `#`
 * comments, CRLF; nothing expanded; later lines win) and its linear scanner (`{ fast: true }`,
 * dotenv 17.3+). A leading byte-order mark is dropped. Never throws.
 * See CONTRIBUTING.md, Field notes: dotenv and blank lines.
 */
export function parseEnvFile(text: string): Map<string, string> {
  return new Map(Object.entries(parse(text.replace(/^\uFEFF/, ''), { fast: true })));
}

/** The ends of the names each field goes by; each family's prefix is put in front of them. */
const FIELD_NAMES = {
  idInstance: ['ID_INSTANCE', 'INSTANCE_ID'],
  apiTokenInstance: ['API_TOKEN_INSTANCE', 'API_TOKEN', 'TOKEN_INSTANCE', 'TOKEN'],
  apiUrl: ['API_URL', 'URL'],
} as const;

/** Prefixes real projects put before those names: none (GREEN-API's SDK examples), `GREENAPI_`, `GREEN_API_`. */
const PREFIXES = ['', 'GREENAPI_', 'GREEN_API_'] as const;

function namesFor(ends: readonly string[], camelCase: string): string[] {
  // Bare TOKEN and URL are too generic to mean GREEN-API without a prefix.
  const bare = ends.filter(
    (end) => end !== 'TOKEN' && end !== 'URL' && end !== 'API_TOKEN' && end !== 'TOKEN_INSTANCE',
  );
  return [...bare, ...PREFIXES.slice(1).flatMap((prefix) => ends.map((end) => prefix + end)), camelCase];
}

/**
 * The variable names read for each field, first match wins: the SDK examples' names
 * (ID_INSTANCE, API_TOKEN_INSTANCE, API_URL), the `GREENAPI_` and `GREEN_API_` families with
 * ID_INSTANCE, INSTANCE_ID, API_TOKEN_INSTANCE, API_TOKEN, TOKEN, API_URL and URL, and the
 * API's own camelCase names.
 */
export const ENV_NAMES = {
  idInstance: namesFor(FIELD_NAMES.idInstance, 'idInstance'),
  apiTokenInstance: namesFor(FIELD_NAMES.apiTokenInstance, 'apiTokenInstance'),
  apiUrl: namesFor(FIELD_NAMES.apiUrl, 'apiUrl'),
} as const;

/** Names that look meant for GREEN-API (a GREEN-API prefix, or INSTANCE in the name), to list when none is recognised. */
function greenApiLookingNames(variables: ReadonlyMap<string, string>): string[] {
  return [...variables.keys()].filter((name) => /green_?api|instance/i.test(name)).slice(0, 12);
}

export interface EnvInstance {
  readonly apiUrl: string;
  readonly idInstance: string;
  readonly apiTokenInstance: string;
  /** Which variables the values came from, to tell the user. */
  readonly variables: readonly string[];
  /** True when the file had no apiUrl and the default was used. */
  readonly defaultedApiUrl: boolean;
}

/** The instance a `.env` describes, or a message naming what is missing or wrong. */
export function instanceFromEnv(variables: ReadonlyMap<string, string>, defaultApiUrl: string): Parsed<EnvInstance> {
  const find = (names: readonly string[]): [string, string] | undefined => {
    for (const name of names) {
      const value = variables.get(name);
      if (value !== undefined && value.trim() !== '') return [name, value];
    }
    return undefined;
  };
  const id = find(ENV_NAMES.idInstance);
  const token = find(ENV_NAMES.apiTokenInstance);
  if (!id || !token) {
    // l10n: Joins two field names: "idInstance and apiTokenInstance". Keep the spaces around the word.
    const missing = [!id ? 'idInstance' : undefined, !token ? 'apiTokenInstance' : undefined]
      .filter(Boolean)
      .join(t(' and '));
    const found = greenApiLookingNames(variables);
    const accepted = t(
      'For the idInstance: {0}. For the apiTokenInstance: {1}. For the apiUrl (optional): {2}.',
      ENV_NAMES.idInstance.join(', '),
      ENV_NAMES.apiTokenInstance.join(', '),
      ENV_NAMES.apiUrl.join(', '),
    );
    return refuse(
      found.length > 0
        ? t(
            'The file has no {0} under a name this extension reads. GREEN-API-like names found: {1}. Names read: {2}',
            missing,
            found.join(', '),
            accepted,
          )
        : t('The file has no {0} under a name this extension reads. Names read: {1}', missing, accepted),
    );
  }
  const url = find(ENV_NAMES.apiUrl);
  const idInstance = parseIdInstance(id[1]);
  if (!idInstance.ok) return refuse(`${id[0]}: ${idInstance.message}`);
  const apiTokenInstance = parseApiToken(token[1]);
  if (!apiTokenInstance.ok) return refuse(`${token[0]}: ${apiTokenInstance.message}`);
  const apiUrl = parseApiUrl(url ? url[1] : defaultApiUrl);
  if (!apiUrl.ok) return refuse(`${url ? url[0] : 'greenApi.defaultApiUrl'}: ${apiUrl.message}`);
  return accept({
    apiUrl: apiUrl.value,
    idInstance: idInstance.value,
    apiTokenInstance: apiTokenInstance.value,
    variables: [id[0], token[0], ...(url ? [url[0]] : [])],
    defaultedApiUrl: !url,
  });
}
