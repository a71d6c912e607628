import { t } from './l10n';
import { Parsed, accept, refuse } from './result';
import { parseApiToken, parseApiUrl, parseIdInstance } from './validation';

/**
 * Reads a `.env` file the way dotenv does for the cases that matter here: `KEY=value`,
 * an optional `export `, single, double or back quotes, `#` comments, CRLF. Nothing is
 * expanded or evaluated. Later lines win, as in dotenv.
 */
export function parseEnvFile(text: string): Map<string, string> {
  const variables = new Map<string, string>();
  const line = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|[^\r\n]*)\s*$/;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const match = line.exec(raw);
    if (!match) continue;
    const [, key = '', rawValue = ''] = match;
    let value = rawValue.trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === '`') && value.endsWith(quote) && value.length >= 2) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    variables.set(key, value);
  }
  return variables;
}

/**
 * The variable names GREEN-API's SDK examples read (ID_INSTANCE, API_TOKEN_INSTANCE,
 * API_URL), the same with a GREEN_API_ prefix, and the API's own camelCase names.
 */
export const ENV_NAMES = {
  idInstance: ['ID_INSTANCE', 'GREEN_API_ID_INSTANCE', 'idInstance'],
  apiTokenInstance: ['API_TOKEN_INSTANCE', 'GREEN_API_API_TOKEN_INSTANCE', 'GREEN_API_TOKEN_INSTANCE', 'apiTokenInstance'],
  apiUrl: ['API_URL', 'GREEN_API_API_URL', 'GREEN_API_URL', 'apiUrl'],
} as const;

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
    const missing = [!id ? ENV_NAMES.idInstance[0] : undefined, !token ? ENV_NAMES.apiTokenInstance[0] : undefined].filter(Boolean).join(', ');
    return refuse(t('The file has no {0}. It needs ID_INSTANCE and API_TOKEN_INSTANCE (API_URL is optional; GREEN_API_ prefixed names work too).', missing));
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
