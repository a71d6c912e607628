/**
 * Text a server (or a file) wrote is data, never markup: VS Code renders `[label](command:…)` in
 * notifications as a link that runs a command, `$(name)` as an icon and Markdown in tooltips, and
 * a hostile GREEN-API-compatible server controls every string it answers. Everything it says
 * passes through here once, where the answer is parsed.
 */

/** Cap for a state, an instance name or another one-word value (characters). */
export const MAX_SERVER_NAME_LENGTH = 80;
/** Cap for a sentence such as a 400 or 466 description (characters). */
export const MAX_SERVER_MESSAGE_LENGTH = 200;

/**
 * C0 and C1 controls (tabs and line breaks among them: shown text is one line), the
 * invisible formatting marks that reorder or hide text (bidi embeddings, overrides
 * and isolates, zero-width characters, the soft hyphen, the BOM), and the line and
 * paragraph separators.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- the class names the control characters it removes
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;
/** `![alt](target)` and `[label](target)`, with one level of nested brackets or parentheses. */
const MARKDOWN_LINK = /!?\[((?:[^[\]]|\[[^[\]]*\])*)\]\s*\((?:[^()]|\([^()]*\))*\)/g;
/** Reference-style links: `[label][ref]` and `[label]: target` definitions. */
const MARKDOWN_REFERENCE = /!?\[([^[\]]*)\]\s*\[[^[\]]*\]/g;
const MARKDOWN_DEFINITION = /\[([^[\]]*)\]:\s*\S+/g;
/** `<scheme:...>` autolinks. */
const AUTOLINK = /<([a-z][a-z0-9+.-]*:[^<>\s]*)>/gi;
/** An HTML tag such as `<b>` or `</div>`; `<https://…>` (an autolink) is not one. */
const HTML_TAG = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi;

/**
 * Text that is neutral as it stands: words of ASCII letters, digits and punctuation that no
 * pattern here reads (no brackets, parentheses, backticks, `<`, `>` or `$`), one space
 * between words and none at the ends. The passes below return such text unchanged.
 */
const PLAIN_WORDS = /^[A-Za-z0-9_.,:;!?'"%+=/@#&*-]+(?: [A-Za-z0-9_.,:;!?'"%+=/@#&*-]+)*$/;

/** `$(icon)` and `$(icon~spin)` codicon syntax, as VS Code's label parser reads it. */
const CODICON = /\$\(([^()\s]*)\)/g;

/**
 * `text` (a non-string gives '') as plain words no VS Code surface reads as markup: links and
 * images keep their label, autolinks lose their brackets; backticks, `$(codicon)`, control and
 * bidi characters go; blanks collapse; at most `maxLength` code points (≥ 2; 80 for a name, 200
 * for a message), cut on a whole word with `…`. Idempotent. May be '' (the caller decides).
 */
export function neutralizeServerText(text: string, maxLength: number): string {
  if (typeof text !== 'string') return '';
  // Most answers are a state or a name in plain words, which the passes below would leave as
  // they are; returning them at once keeps the check off every getStateInstance's cost.
  if (text.length <= maxLength && PLAIN_WORDS.test(text)) return text;
  // Work on a bounded prefix: a 2 MB description must not cost 2 MB of regex work.
  // Code-span backticks go first, so that nothing removed later can join new syntax.
  let result = text
    .slice(0, Math.max(maxLength * 4, 1024))
    .replace(INVISIBLE, ' ')
    .replace(/`+/g, '');
  // Nested syntax unwraps one level per pass; the length bound keeps the passes few.
  for (let pass = 0; pass < 8; pass++) {
    const before = result;
    result = result
      .replace(MARKDOWN_LINK, '$1')
      .replace(MARKDOWN_REFERENCE, '$1')
      .replace(MARKDOWN_DEFINITION, '$1')
      .replace(AUTOLINK, '$1')
      .replace(CODICON, '$1')
      // HTML tags (a proxy's error page) go in every pass: unwrapping an icon can join one.
      .replace(HTML_TAG, ' ');
    if (result === before) break;
  }
  // Whatever the passes left can no longer form a link, an autolink or an icon: these
  // only insert a space, so they cannot join new syntax either.
  result = result
    .replace(/\](?=[([])/g, '] ')
    .replace(/<(?=[a-z][a-z0-9+.-]*:)/gi, '< ')
    .replace(/\$\(/g, '$ (')
    .replace(/\s+/g, ' ')
    .trim();
  return capLength(result, Math.max(2, Math.floor(maxLength)));
}

/** Shortens to `max` code points, cutting at the last word boundary and adding `…`. */
function capLength(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const kept = chars.slice(0, max - 1).join('');
  const lastSpace = kept.lastIndexOf(' ');
  // A single long word is cut where it must; otherwise the cut lands between words.
  const cut = lastSpace >= kept.length / 2 ? kept.slice(0, lastSpace) : kept;
  return `${cut.replace(/[\s.,;:!?-]+$/, '')}…`;
}

/**
 * Server text to end one of our sentences: neutralized ({@link neutralizeServerText}), then
 * its own closing stops dropped so the sentence ends with exactly one full stop (or its own
 * "?" or "!"); a shortened text keeps its ellipsis. '' when nothing is left.
 * @param maxLength characters kept before the cut, {@link MAX_SERVER_MESSAGE_LENGTH} by default.
 */
export function serverSentence(text: string, maxLength: number = MAX_SERVER_MESSAGE_LENGTH): string {
  const plain = neutralizeServerText(text, maxLength).replace(/[\s.:;,。]+$/u, '');
  if (plain === '' || plain.endsWith('…') || /[?!]$/.test(plain)) return plain;
  return `${plain}.`;
}

/** Cap for one value put into a message (characters): long enough for our own nested sentences. */
export const MAX_MESSAGE_VALUE_LENGTH = 4000;

/** Controls and invisible marks as in INVISIBLE, but the line break stays (modal details nest sentences on lines). */
const INVISIBLE_BUT_NEWLINE =
  // eslint-disable-next-line no-control-regex -- the class names the control characters it removes
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

/**
 * Breaks the syntax VS Code reads in notifications, quick picks and labels: `[label](command:…)`
 * links (its `LINK_REGEX`, linkedText.ts, needs `](` adjacent), `![alt](…)` images, `$(codicon)`
 * icons and `<scheme:…>` autolinks, each by one inserted space, so the text still says what it
 * said ("[.env] (command:…).env"). Idempotent.
 */
export function breakMarkupSyntax(text: string): string {
  return text
    .replace(/\](?=\()/g, '] ')
    .replace(/\$\(/g, '$ (')
    .replace(/<(?=[a-z][a-z0-9+.-]*:)/gi, '< ');
}

/**
 * A value (path, name, server text, a nested sentence) as `t()` puts it in a message: control and
 * bidi characters become a space (a line break stays), markup syntax is broken
 * ({@link breakMarkupSyntax}), at most {@link MAX_MESSAGE_VALUE_LENGTH} characters; every other
 * character stays, so a file name is recognisable. Non-strings and neutral text pass unchanged.
 */
export function neutralizeValue<T>(value: T): T | string {
  if (typeof value !== 'string') return value;
  const plain = breakMarkupSyntax(value.replace(INVISIBLE_BUT_NEWLINE, ' '));
  return capLength(plain, MAX_MESSAGE_VALUE_LENGTH);
}
