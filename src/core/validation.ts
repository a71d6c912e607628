import { t } from './l10n';
import { Parsed, accept, refuse } from './result';
import { isIdInstance } from '../base/ids';

/** Hosts for which plain http is allowed: the token travels in the URL path, so only loopback may see it in clear. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** What {@link readApiUrl} made of a pasted apiUrl. */
export interface ApiUrlReading {
  /** Scheme, host and port only, with no trailing slash: `https://1103.api.greenapi.com`. */
  readonly apiUrl: string;
  /** True when a GREEN-API request path (`/waInstance…`, maybe with a method and token) was cut off. */
  readonly cutPath: boolean;
}

/** `/waInstance1101000001`, with or without `/method` and `/token` after it: a GREEN-API request path. */
const GREEN_API_PATH = /^\/waInstance[^/]*(?:\/.*)?$/i;
/** A DNS name as the URL parser leaves it (lower case, IDNs in punycode): letters, digits, hyphens, dots. */
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/;

/**
 * The GREEN-API addresses of instances of other messengers, which this extension cannot link:
 * MAX answers under a `/v3` path (`{apiUrl}/v3/waInstance…`; its console shows
 * `https://3100.api.green-api.com/v3`), and GREEN-API's Telegram docs address every call at
 * host 4100 (`https://4100.api.green-api.com/waInstance4100000000/…`). The hosts are the ones
 * GREEN-API's own MAX and Telegram pages use, on either of its domains; a WhatsApp host
 * (1101, 1103, 7103 …) is never one of them.
 */
const MAX_PATH = /^\/v3(?:\/.*)?$/i;
const MAX_HOST = /^3100\.api\.green-?api\.com$/;
const TELEGRAM_HOST = /^4100\.api\.green-?api\.com$/;

/** Which other messenger's instance `url` addresses, if any (see {@link MAX_PATH}). */
function otherMessenger(url: URL, path: string): 'max' | 'telegram' | undefined {
  if (MAX_PATH.test(path) || MAX_HOST.test(url.hostname)) return 'max';
  if (TELEGRAM_HOST.test(url.hostname)) return 'telegram';
  return undefined;
}

/**
 * Reads an apiUrl as pasted (console, Postman, a log line) to its scheme, host and port.
 * A GREEN-API request path (`{apiUrl}/waInstance{id}/{method}/{token}`, GREEN-API's
 * addressing) is cut off so no pasted token is kept; any other path, another messenger's
 * address ({@link otherMessenger}), a host that is no host name (a `{{…}}` left in) and
 * non-https outside loopback are refused with the reason, never quoting the input.
 * `origin: 'stored'` skips the other-messenger rule for rows saved before it. Never throws.
 */
export function readApiUrl(input: string, origin: 'typed' | 'stored' = 'typed'): Parsed<ApiUrlReading> {
  const trimmed = input.replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, '').trim();
  if (trimmed === '') {
    return refuse(t('Paste the apiUrl from the GREEN-API console, for example https://1103.api.greenapi.com.'));
  }
  if (/[{}]|%7B|%7D/i.test(trimmed)) {
    return refuse(
      t(
        'A placeholder ({0}) is still in the apiUrl. Paste the apiUrl itself from the GREEN-API console, for example https://1103.api.greenapi.com.',
        '{{…}}',
      ),
    );
  }
  if (/\s/.test(trimmed)) {
    return refuse(
      t(
        'The apiUrl has a space in it. Paste it again from the GREEN-API console, for example https://1103.api.greenapi.com.',
      ),
    );
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return refuse(
      t('That is not a URL. Paste the apiUrl from the GREEN-API console, for example https://1103.api.greenapi.com.'),
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refuse(t('The apiUrl must start with https://.'));
  }
  if (!isHost(url.hostname)) {
    return refuse(
      t(
        'The host of the apiUrl is not a host name or an address. Paste the apiUrl from the GREEN-API console, for example https://1103.api.greenapi.com.',
      ),
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return refuse(
      t(
        'Use https:// for this host: the token travels in the URL, and plain http is only allowed for a local emulator (localhost, 127.0.0.1).',
      ),
    );
  }
  if (url.username !== '' || url.password !== '') {
    return refuse(t('Remove the user name and password from the apiUrl; GREEN-API authenticates with the token.'));
  }
  if (url.search !== '' || url.hash !== '' || trimmed.includes('?') || trimmed.includes('#')) {
    return refuse(
      t(
        'Remove everything after "?" or "#": the apiUrl is only the scheme and host, for example https://1103.api.greenapi.com.',
      ),
    );
  }
  const path = url.pathname.replace(/\/+$/, '');
  const other = origin === 'typed' ? otherMessenger(url, path) : undefined;
  // l10n: MAX and Telegram are other messengers GREEN-API serves (keep their names); the apiUrl is the address the user pasted.
  if (other === 'max') {
    return refuse(
      t(
        "This is a MAX instance's address; this extension links WhatsApp instances. Paste the apiUrl of a WhatsApp instance from the GREEN-API console.",
      ),
    );
  }
  // l10n: See the MAX message above.
  if (other === 'telegram') {
    return refuse(
      t(
        "This is a Telegram instance's address; this extension links WhatsApp instances. Paste the apiUrl of a WhatsApp instance from the GREEN-API console.",
      ),
    );
  }
  if (path === '') return accept({ apiUrl: url.origin, cutPath: false });
  if (GREEN_API_PATH.test(path)) return accept({ apiUrl: url.origin, cutPath: true });
  return refuse(
    t(
      'The apiUrl is only the scheme and host, with no path, for example https://1103.api.greenapi.com. Paste it from the GREEN-API console.',
    ),
  );
}

/**
 * {@link readApiUrl} for callers that only need the result: `https://1103.api.greenapi.com`
 * (a GREEN-API request path already cut off), or the reason it is refused; `origin` as there.
 */
export function parseApiUrl(input: string, origin: 'typed' | 'stored' = 'typed'): Parsed<string> {
  const reading = readApiUrl(input, origin);
  return reading.ok ? accept(reading.value.apiUrl) : reading;
}

function isHost(hostname: string): boolean {
  if (hostname.startsWith('[')) return /^\[[0-9a-f:.]+\]$/i.test(hostname);
  return HOST_NAME.test(hostname);
}

export function parseIdInstance(input: string | number): Parsed<string> {
  const text = String(input).trim();
  if (text === '') {
    return refuse(t('Type the idInstance from the GREEN-API console, for example 1101000001.'));
  }
  if (!isIdInstance(text)) {
    return refuse(t('The idInstance is 6 to 15 digits and nothing else, for example 1101000001.'));
  }
  return accept(text);
}

/** Tokens seen in the docs are about 50 hexadecimal characters; allow any URL-path-safe text of sane length. */
const TOKEN = /^[A-Za-z0-9_-]{16,256}$/;

export function parseApiToken(input: string): Parsed<string> {
  const text = input.trim();
  if (text === '') {
    return refuse(t('Paste the apiTokenInstance from the GREEN-API console.'));
  }
  if (!TOKEN.test(text)) {
    return refuse(
      t(
        'The apiTokenInstance is 16 to 256 letters, digits, "-" or "_", with no spaces. Copy it again from the GREEN-API console.',
      ),
    );
  }
  return accept(text);
}

/**
 * The origin (scheme, host and port) of an apiUrl, such as `https://1103.api.greenapi.com`:
 * what decides where a token travels. An unparsable text is its own origin, so it never
 * equals a real one.
 */
export function originOf(apiUrl: string): string {
  try {
    return new URL(apiUrl).origin;
  } catch {
    return apiUrl;
  }
}
