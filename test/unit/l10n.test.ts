import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatMessage, setTranslator, t } from '../../src/core/l10n';

interface Extractor {
  extractMessages(): { messages: Map<string, string[]>; comments: Map<string, string[]>; problems: string[] };
  placeholders(message: string): string[];
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

  it('translates every message into Russian, with the same placeholders', () => {
    const russian = read('l10n/bundle.l10n.ru.json');
    for (const [message, places] of messages) {
      const translated = russian[message];
      assert.ok(translated, `no Russian for ${JSON.stringify(message)} (${places.join(', ')})`);
      assert.deepEqual(
        extractor.placeholders(translated),
        extractor.placeholders(message),
        `placeholders differ for ${JSON.stringify(message)}`,
      );
      // A message of placeholders (and the brand) only, which joins sentences, has no words to translate.
      if (/[a-z]/i.test(message.replace(/\{\d+\}|GREEN-API/g, ''))) {
        assert.match(translated, CYRILLIC, `not translated: ${JSON.stringify(message)}`);
      }
    }
    const stale = Object.keys(russian).filter((message) => !messages.has(message));
    assert.deepEqual(stale, [], 'Russian entries for messages the code no longer has');
  });

  it('translates the manifest: every key in Russian, same placeholders and command links', () => {
    const english = read('package.nls.json');
    const russian = read('package.nls.ru.json');
    assert.deepEqual(Object.keys(russian).sort(), Object.keys(english).sort());
    const links = (text: string): string[] => [...text.matchAll(/\(command:[\w.]+\)/g)].map((match) => match[0]);
    for (const [key, text] of Object.entries(english)) {
      const translated = russian[key] ?? '';
      assert.deepEqual(extractor.placeholders(translated), extractor.placeholders(text), key);
      assert.deepEqual(links(translated), links(text), `${key}: command links differ`);
      assert.match(translated, CYRILLIC, `${key} is not translated`);
    }
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
