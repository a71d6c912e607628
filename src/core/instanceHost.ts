/**
 * GREEN-API asks each instance to be reached on its own host
 * (https://green-api.com/en/docs/api/recommendations/using-green-api-hosts): in every example the
 * idInstance's first four digits. No page states that rule, so a host derived here is only a
 * suggestion: partner import checks it with one getStateInstance, and asks when that fails.
 */

import { isLoopbackHost } from './validation';

/** The documented universal host, which still answers but is not the instance's own. */
export const UNIVERSAL_HOST = 'api.green-api.com';

/** The host the console shows for `idInstance` (digits), e.g. 1101000001 → https://1101.api.greenapi.com. */
export function suggestedApiUrl(idInstance: string): string {
  return `https://${idInstance.slice(0, 4)}.api.greenapi.com`;
}

/** True when `apiUrl` (already validated) is the universal host rather than an instance's own. */
export function isUniversalHost(apiUrl: string): boolean {
  try {
    return new URL(apiUrl).hostname.toLowerCase() === UNIVERSAL_HOST;
  } catch {
    return false;
  }
}

/** True when `apiUrl` (already validated) is on this machine: the bundled emulator, or a local GREEN-API. */
function isLoopbackApiUrl(apiUrl: string): boolean {
  try {
    return isLoopbackHost(new URL(apiUrl).hostname);
  } catch {
    return false;
  }
}

/**
 * The host a partner import suggests for `idInstance` (digits), listed by the Partner API at
 * `partnerApiUrl` (validated). A loopback partnerApiUrl (the emulator of `npm run demo`) serves its
 * instances itself: no GREEN-API host name resolves to this machine, so deriving one would only
 * fail. Otherwise the instance's own host, {@link suggestedApiUrl}.
 */
export function partnerSuggestedApiUrl(idInstance: string, partnerApiUrl: string): string {
  return isLoopbackApiUrl(partnerApiUrl) ? partnerApiUrl : suggestedApiUrl(idInstance);
}

/**
 * What the partner import's apiUrl box holds for the instances whose suggested host did not
 * answer: a loopback `partnerApiUrl` (the only host that serves them), else `defaultApiUrl` (the
 * `greenApi.defaultApiUrl` setting). Both are validated apiUrls.
 */
export function apiUrlForUnanswered(partnerApiUrl: string, defaultApiUrl: string): string {
  return isLoopbackApiUrl(partnerApiUrl) ? partnerApiUrl : defaultApiUrl;
}
