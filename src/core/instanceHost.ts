/**
 * GREEN-API asks each instance to be reached on its own host
 * (https://green-api.com/en/docs/api/recommendations/using-green-api-hosts): in every example the
 * idInstance's first four digits. No page states that rule, so a host derived here is only a
 * suggestion: partner import checks it with one getStateInstance, and asks when that fails.
 */

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
