import { formatMessage } from '../core/l10n';

/**
 * The webview's own `t`: the host puts VS Code's translation bundle for the display
 * language into `<body data-l10n>` (nothing for English, where the source text is the
 * text). Same keys and placeholders as the host's strings.
 */
let bundle: Record<string, string> | undefined;

export function t(message: string, ...args: Array<string | number>): string {
  bundle ??= readBundle();
  return formatMessage(bundle[message] ?? message, ...args);
}

function readBundle(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(document.body.dataset.l10n ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}
