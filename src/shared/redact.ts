export const REDACTED = '<token>';

/**
 * Replaces every occurrence of each secret in `text`. Used on anything that leaves the
 * process or reaches a person: log lines, error messages, URLs.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length > 0) {
      result = result.split(secret).join(REDACTED);
    }
  }
  return result;
}

/** The URL of a GREEN-API call as it may be shown: the token segment replaced. */
export function redactedMethodUrl(apiUrl: string, idInstance: string, method: string): string {
  return `${apiUrl}/waInstance${idInstance}/${method}/${REDACTED}`;
}
