import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatMessage, setTranslator, t } from '../../src/core/l10n';

interface Extractor {
  extractMessages(): { messages: Map<string, string[]>; comments: Map<string, string[]>; problems: string[] };
  placeholders(message: string): string[];
  LOCALES: string[];
  ROOT: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const extractor = require('../../../scripts/l10n-extract.js') as Extractor;
const read = (file: string): Record<string, string> =>
  JSON.parse(fs.readFileSync(path.join(extractor.ROOT, file), 'utf8')) as Record<string, string>;
/** An English bundle entry: the message itself, or { message, comment } when it has a translator's note. */
type EnglishEntry = string | { message: string; comment: string[] };
const CYRILLIC = /[а-яё]/i;

describe('localization', () => {
  const { messages, comments, problems } = extractor.extractMessages();

  it('routes every message shown to the user through t(), with a literal message', () => {
    assert.deepEqual(problems, []);
    assert.ok(messages.size > 200, `only ${messages.size} messages found`);
  });

  it('has an English bundle with exactly the messages in the code (run `npm run l10n` after changing one)', () => {
    const english = read('l10n/bundle.l10n.json') as unknown as Record<string, EnglishEntry>;
    const expected = (message: string): EnglishEntry =>
      comments.has(message) ? { message, comment: comments.get(message)! } : message;
    const missing = [...messages.keys()].filter(
      (message) => JSON.stringify(english[message]) !== JSON.stringify(expected(message)),
    );
    const stale = Object.keys(english).filter((message) => !messages.has(message));
    assert.deepEqual({ missing, stale }, { missing: [], stale: [] });
  });

  it('gives the translator a note (`// l10n: …` above the call) for every fragment: a message that starts in lower case goes inside another text or a row', () => {
    const fragments = [...messages.keys()].filter((message) => /^[a-z\s]/.test(message));
    assert.ok(fragments.length > 20, `only ${fragments.length} fragments found`);
    const without = fragments
      .filter((message) => !comments.has(message))
      .map((message) => `${JSON.stringify(message)} (${messages.get(message)!.join(', ')})`);
    assert.deepEqual(without, []);
  });

  /** Markup a translation must carry exactly as the English does: icons, command links, bold, code, links, tags. */
  const markup = (text: string): string[] =>
    [...text.matchAll(/\$\([a-z0-9~-]+\)|\(command:[\w.]+\)|\*\*|`|\](?=\()|<\/?[a-z]/gi)]
      .map((match) => match[0])
      .sort();
  /** Words that stay in English in every language: names of things, the API's own words, units. */
  const VERBATIM =
    /GREEN-API|WhatsApp|VS Code|MAX|Telegram|\.env|idInstance|apiTokenInstance|apiUrl|stateInstance|partnerToken|partnerApiUrl|getAuthorizationCode|getStateInstance|authorized|notAuthorized|yellowCard|starting|blocked|sleepMode|suspended|https?:\/\/\S+|greenApi\.\w+|\$\([a-z-]+\)|\{\d+\}|\b(ms|s|KB|MB|QR|URL|ID|OK)\b/g;
  const hasWords = (text: string): boolean => /[a-z]{2}/i.test(text.replace(VERBATIM, ''));
  /** Each language's own letters, where its script is not Latin: a translation with words has some. */
  const SCRIPT: Record<string, RegExp> = {
    ru: CYRILLIC,
    ja: /[\u3040-\u30ff\u4e00-\u9fff]/,
    ko: /[\uac00-\ud7af]/,
    'zh-cn': /[\u4e00-\u9fff]/,
    'zh-tw': /[\u4e00-\u9fff]/,
  };
  /** What is wrong with `translated` as the `locale` translation of `english`, or undefined. */
  const problemWith = (locale: string, english: string, translated: string | undefined): string | undefined => {
    if (typeof translated !== 'string' || translated.trim() === '') return 'missing or empty';
    if (JSON.stringify(extractor.placeholders(translated)) !== JSON.stringify(extractor.placeholders(english))) {
      return `placeholders ${extractor.placeholders(translated).join()} instead of ${extractor.placeholders(english).join()}`;
    }
    if (JSON.stringify(markup(translated)) !== JSON.stringify(markup(english))) {
      return `markup ${JSON.stringify(markup(translated))} instead of ${JSON.stringify(markup(english))}`;
    }
    // A fragment's spaces join it to the text around it.
    if (/^\s/.test(english) !== /^\s/.test(translated) || /\s$/.test(english) !== /\s$/.test(translated)) {
      return 'leading or trailing space differs';
    }
    if (!hasWords(english)) return undefined;
    if (translated === english) return 'the English left untranslated';
    const script = SCRIPT[locale];
    return script && !script.test(translated) ? "not in the language's own script" : undefined;
  };

  it('ships a bundle and a manifest translation for each of the 13 languages VS Code has language packs for', () => {
    assert.equal(extractor.LOCALES.length, 13);
    const shipped = fs
      .readdirSync(path.join(extractor.ROOT, 'l10n'))
      .map((name) => /^bundle\.l10n\.(.+)\.json$/.exec(name)?.[1])
      .filter((locale): locale is string => locale !== undefined)
      .sort();
    assert.deepEqual(shipped, [...extractor.LOCALES].sort());
  });

  for (const locale of extractor.LOCALES) {
    it(`translates every message into ${locale}: each one there, the same placeholders and markup, none left in English`, () => {
      const bundle = read(`l10n/bundle.l10n.${locale}.json`);
      const problems = [...messages.keys()].flatMap((message) => {
        const problem = problemWith(locale, message, bundle[message]);
        return problem ? [`${JSON.stringify(message)}: ${problem}`] : [];
      });
      const stale = Object.keys(bundle).filter((message) => !messages.has(message));
      assert.deepEqual({ problems, stale }, { problems: [], stale: [] });
    });

    it(`translates the manifest into ${locale}: every key, the same placeholders, command links and markup`, () => {
      const english = read('package.nls.json');
      const translated = read(`package.nls.${locale}.json`);
      assert.deepEqual(Object.keys(translated).sort(), Object.keys(english).sort());
      const problems = Object.entries(english).flatMap(([key, text]) => {
        const problem = problemWith(locale, text, translated[key]);
        return problem ? [`${key}: ${problem}`] : [];
      });
      assert.deepEqual(problems, []);
    });
  }

  it('finds a translation that lost a placeholder, kept the English, broke a link or went into the wrong script', () => {
    assert.match(problemWith('de', 'Log out {0}?', 'Abmelden?') ?? '', /placeholders/);
    assert.match(problemWith('de', 'Copy code', 'Copy code') ?? '', /untranslated/);
    assert.match(
      problemWith('fr', '[Add](command:greenApi.addInstance)', '[Ajouter](command:greenApi.add)') ?? '',
      /markup/,
    );
    assert.match(problemWith('fr', 'Copy', '**Copier**') ?? '', /markup/);
    assert.match(problemWith('ja', 'Copy code', 'Kopieren') ?? '', /script/);
    assert.match(problemWith('pl', ' and ', 'i') ?? '', /space/);
    assert.equal(problemWith('de', 'idInstance', 'idInstance'), undefined);
    assert.equal(problemWith('ko', '{0} ({1})', '{0} ({1})'), undefined);
  });

  it('leaves no user-facing manifest text outside package.nls.json', () => {
    const english = read('package.nls.json');
    const manifest = JSON.parse(fs.readFileSync(path.join(extractor.ROOT, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const keysToCheck = new Set(['displayName', 'description', 'title', 'markdownDescription', 'name', 'altText']);
    const brand = new Set(['GREEN-API', 'green-api-link']);
    const walk = (value: unknown, where: string): void => {
      if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${where}[${index}]`));
      else if (value && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          if (typeof inner === 'string' && keysToCheck.has(key) && !brand.has(inner)) {
            const match = /^%(.+)%$/.exec(inner);
            assert.ok(
              match && english[match[1] ?? ''] !== undefined,
              `${where}.${key} = ${JSON.stringify(inner)} is not a package.nls.json key`,
            );
          } else walk(inner, `${where}.${key}`);
        }
      }
    };
    walk(
      { displayName: manifest.displayName, description: manifest.description, contributes: manifest.contributes },
      'package.json',
    );
  });

  it('formats placeholders and uses the translator the extension plugs in', () => {
    assert.equal(formatMessage('{1} before {0}, {2} stays', 'a', 'b'), 'b before a, {2} stays');
    const russian = read('l10n/bundle.l10n.ru.json');
    setTranslator((message, ...args) => formatMessage(russian[message] ?? message, ...args));
    try {
      assert.equal(
        t('{0} is now authorized: WhatsApp is linked.', 'Продажи'),
        'Продажи авторизован: WhatsApp привязан.',
      );
    } finally {
      setTranslator(formatMessage);
    }
  });
});
