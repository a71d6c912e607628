/** How a suite running in another process reports its counts to the runner. */
export const RESULT_MARKER = 'GREEN-API-SUITE-RESULT ';

/**
 * A line the extension host prints to ask the harness for a screenshot of the workbench,
 * followed by a file name (letters, digits, dashes): what a test saw when it gave up waiting.
 */
export const SCREENSHOT_MARKER = 'GREEN-API-SCREENSHOT ';

export interface SuiteResult {
  readonly passes: number;
  readonly failures: number;
  readonly pending: number;
  /** vscode.version in the extension host that ran the suite (integration suite only). */
  readonly vscodeVersion?: string;
}
