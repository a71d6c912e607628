import { t } from './l10n';
import { Parsed, accept, refuse } from './result';

/** Hosts for which plain http is allowed: the token travels in the URL path, so only loopback may see it in clear. */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Validates an instance's apiUrl, as pasted from the GREEN-API console, and returns it
 * without a trailing slash. The console gives each instance its own host, so nothing
 * here assumes one.
 */
export function parseApiUrl(input: string): Parsed<string> {
  const trimmed = input.trim();
  if (trimmed === '') {
    return refuse(t('Paste the apiUrl from the GREEN-API console, for example https://1103.api.greenapi.com.'));
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return refuse(t('That is not a URL. Paste the apiUrl from the GREEN-API console, for example https://1103.api.greenapi.com.'));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refuse(t('The apiUrl must start with https://.'));
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return refuse(t('Use https:// for this host: the token travels in the URL, and plain http is only allowed for a local emulator (localhost, 127.0.0.1).'));
  }
  if (url.username !== '' || url.password !== '') {
    return refuse(t('Remove the user name and password from the apiUrl; GREEN-API authenticates with the token.'));
  }
  if (url.search !== '' || url.hash !== '' || trimmed.includes('?') || trimmed.includes('#')) {
    return refuse(t('Remove everything after "?" or "#": the apiUrl is only the scheme and host, for example https://1103.api.greenapi.com.'));
  }
  return accept(url.href.replace(/\/+$/, ''));
}

/** Current instances have 10 digits, older ones 8; accept a little either side rather than guess the future. */
const ID_INSTANCE = /^\d{6,15}$/;

export function parseIdInstance(input: string | number): Parsed<string> {
  const text = String(input).trim();
  if (text === '') {
    return refuse(t('Type the idInstance from the GREEN-API console, for example 1101000001.'));
  }
  if (!ID_INSTANCE.test(text)) {
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
    return refuse(t('The apiTokenInstance is 16 to 256 letters, digits, "-" or "_", with no spaces. Copy it again from the GREEN-API console.'));
  }
  return accept(text);
}
