import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { escapeHtml } from '../core/html';

export interface WebviewPage {
  readonly title: string;
  /** Stylesheets and the one script, file names under `root`. */
  readonly stylesheets: readonly string[];
  readonly script: string;
  /** What each page may load besides its own styles, e.g. `{ 'img-src': 'data:' }`; the webview's own source when true. */
  readonly allow?: Partial<Record<'font-src' | 'img-src', string | true>>;
  /** Attributes of <body>; their values are escaped here. */
  readonly bodyAttributes?: Readonly<Record<string, string>>;
  /** The body's markup, escaped by the caller. */
  readonly body: string;
}

/**
 * The shell of every page the extension shows in a webview: a strict CSP
 * (`default-src 'none'`, scripts only by a fresh nonce, styles only from the
 * extension), the display language, and only files from `root`.
 */
export function renderWebviewPage(webview: vscode.Webview, root: vscode.Uri, page: WebviewPage): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (name: string): string => webview.asWebviewUri(vscode.Uri.joinPath(root, name)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    ...Object.entries(page.allow ?? {}).map(
      ([directive, source]) => `${directive} ${source === true ? webview.cspSource : source}`,
    ),
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const attributes = Object.entries(page.bodyAttributes ?? {})
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${page.stylesheets.map((sheet) => `<link href="${asset(sheet)}" rel="stylesheet">`).join('\n')}
<title>${escapeHtml(page.title)}</title>
</head>
<body${attributes}>
${page.body}
<script nonce="${nonce}" src="${asset(page.script)}"></script>
</body>
</html>`;
}
