/**
 * User-facing text for the modules that must not import `vscode`. The extension
 * plugs in `vscode.l10n.t` at activation; plain Node (the unit tests, the emulator)
 * gets the English source text. Messages use `{0}`-style placeholders, as
 * `vscode.l10n.t` does, and the English text is the key in the bundles under l10n/.
 */
export type Translate = (message: string, ...args: Array<string | number>) => string;

export function formatMessage(message: string, ...args: Array<string | number>): string {
  return message.replace(/\{(\d+)\}/g, (placeholder, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? placeholder : String(value);
  });
}

let translate: Translate = formatMessage;

export function setTranslator(translator: Translate): void {
  translate = translator;
}

export function t(message: string, ...args: Array<string | number>): string {
  return translate(message, ...args);
}
