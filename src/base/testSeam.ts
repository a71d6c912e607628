/**
 * The one seam through which the test probe (src/testing/probe.ts, built only in
 * `ExtensionMode.Test`) looks inside running parts: a part with something only tests
 * need to see (timers left, messages posted) offers it under this key. No production
 * code reads it, so the parts' own members stay what the product needs.
 */
export const TEST_SEAM: unique symbol = Symbol('greenApi.testSeam');
