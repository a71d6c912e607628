/**
 * What VS Code gives a webview page to talk to its host (the `acquireVsCodeApi()` global of
 * the Webview API): `Out` is the page's message union, so each page posts only its own
 * protocol's messages. The global may be called once a page, so each page calls
 * `acquireWebviewApi` once, at load.
 */
export interface WebviewApi<Out> {
  postMessage(message: Out): void;
  /** What the page saved with setState, kept while the webview is hidden; undefined at first. */
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): WebviewApi<unknown>;

/** The page's one handle on its host, typed by the messages it may post. */
export function acquireWebviewApi<Out>(): WebviewApi<Out> {
  return acquireVsCodeApi() as WebviewApi<Out>;
}
