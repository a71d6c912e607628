/** How a suite running in another process reports its counts to the runner. */
export const RESULT_MARKER = 'GREEN-API-SUITE-RESULT ';

export interface SuiteResult {
  readonly passes: number;
  readonly failures: number;
  readonly pending: number;
  /** vscode.version in the extension host that ran the suite (integration suite only). */
  readonly vscodeVersion?: string;
}
