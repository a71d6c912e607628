/**
 * Polls `probe` every 50 ms until it gives a value other than `undefined` or `false`, and
 * resolves that value; rejects with "timed out waiting for <what>" after `timeoutMs` (ms).
 * A probe that throws rejects at once. For conditions nothing announces (a file appears, a
 * counter in the emulator moves, a frame is attached), in the extension host and in the e2e
 * runner alike: it imports nothing from `vscode` or Playwright.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
