/**
 * Polls `probe` every 50 ms until it gives neither `undefined` nor `false`, and resolves that;
 * rejects with "timed out waiting for <what>" after `timeoutMs` (ms), or at once when the probe
 * throws. For conditions nothing announces; imports neither `vscode` nor Playwright.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
