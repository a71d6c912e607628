/**
 * User-facing text for the modules that must not import `vscode`. The extension
 * plugs in `vscode.l10n.t` at activation; plain Node (the unit tests, the emulator)
 * gets the English source text. Messages use `{0}`-style placeholders, as
 * `vscode.l10n.t` does, and the English text is the key in the bundles under l10n/.
 */
import { breakMarkupSyntax, neutralizeValue } from '../base/neutralize';

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

/**
 * The one way user-facing text is made: `message` (the English key) translated, each `{n}` from
 * `args`. String arguments are data, neutralized first ({@link neutralizeValue}); then the
 * result's link, icon and autolink syntax is broken, which also holds against a hostile
 * translation. Numbers pass unchanged. Safe for show*Message, quick picks, boxes and tooltips.
 */
export function t(message: string, ...args: Array<string | number>): string {
  return breakMarkupSyntax(translate(message, ...args.map((arg) => neutralizeValue(arg))));
}

let pluralRules = new Intl.PluralRules('en');

/** The display language (`vscode.env.language`, a BCP 47 tag) whose plural rules {@link pluralCategory} follows; English when unknown. */
export function setPluralLocale(locale: string): void {
  try {
    pluralRules = new Intl.PluralRules(locale);
  } catch {
    pluralRules = new Intl.PluralRules('en');
  }
}

/**
 * The CLDR plural category of `count` in the display language (`Intl.PluralRules.select`): English
 * has `one` and `other`, Russian `one` (1, 21…), `few` (2–4, 22–24…) and `many` (5–20, 25…). A
 * counted message keeps one English text per category that some language uses, each its own key.
 */
export function pluralCategory(count: number): Intl.LDMLPluralRule {
  return pluralRules.select(count);
}
