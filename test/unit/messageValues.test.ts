import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatMessage, setTranslator, t } from '../../src/core/l10n';
import { neutralizeValue } from '../../src/base/neutralize';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const extractor = require('../../../scripts/l10n-extract.js') as {
  placeholders(message: string): string[];
  ROOT: string;
};

/**
 * VS Code's own link pattern for notification text, copied from LINK_REGEX in
 * src/vs/base/common/linkedText.ts (microsoft/vscode): what matches it is rendered as a
 * link that a click opens, `command:` links with arguments included.
 */
// eslint-disable-next-line no-useless-escape -- copied verbatim from VS Code
const LINK_REGEX = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^\)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
/** `$(icon)` as VS Code's label parser reads it, and a `<scheme:…>` autolink. */
const CODICON = /\$\(/;
const AUTOLINK = /<[a-z][a-z0-9+.-]*:/i;

/** The file name of the 2026-12-07 review's H1: a `.env` file whose name is a command link. */
const H1_FILE = '[.env](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22x%22%7D).env';
const HOSTILE = [
  H1_FILE,
  '$(alert) Sales',
  '<command:workbench.action.terminal.new>',
  'Sales \u202etxt.exe',
  '![x](https://evil.example/x.png)',
  'a\u200b[b](file:///etc/passwd)',
];
/** Two values that make a link only when one message puts them side by side. */
const HALVES: Array<[string, string]> = [
  ['[.env]', '(command:x)'],
  ['[.env', '](command:x)'],
  ['$', '(alert)'],
  ['<', 'command:x>'],
];

const L10N = path.join(extractor.ROOT, 'l10n');
const bundleFiles = fs
  .readdirSync(L10N)
  .filter((file) => /^bundle\.l10n(\.[\w-]+)?\.json$/.test(file))
  .sort();
const english = JSON.parse(fs.readFileSync(path.join(L10N, 'bundle.l10n.json'), 'utf8')) as Record<
  string,
  string | { message: string }
>;
const keys = Object.keys(english);

function readBundle(file: string): Record<string, string> {
  const raw = JSON.parse(fs.readFileSync(path.join(L10N, file), 'utf8')) as Record<
    string,
    string | { message: string }
  >;
  return Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [key, typeof value === 'string' ? value : value.message]),
  );
}

function markupIn(text: string): string | undefined {
  LINK_REGEX.lastIndex = 0;
  if (LINK_REGEX.test(text)) return 'a link';
  if (CODICON.test(text)) return '$( icon syntax';
  if (AUTOLINK.test(text)) return 'an autolink';
  return undefined;
}

describe('message values cannot become markup (review 2026-12-07 H1, I6)', () => {
  afterEach(() => setTranslator(formatMessage));

  it('finds the bundles and the English messages', () => {
    assert.ok(bundleFiles.includes('bundle.l10n.json') && bundleFiles.length >= 2, bundleFiles.join(', '));
    assert.ok(keys.length > 200, `only ${keys.length} messages`);
    assert.ok(markupIn(H1_FILE), 'the copied LINK_REGEX must match the H1 file name');
  });

  for (const file of bundleFiles) {
    it(`${file}: no message filled with hostile values, through t(), makes a link, an icon or an autolink`, () => {
      const bundle = readBundle(file);
      setTranslator((message, ...args) => formatMessage(bundle[message] ?? message, ...args));
      const found: string[] = [];
      for (const key of keys) {
        const count = new Set(extractor.placeholders(key)).size;
        if (count === 0) continue;
        const fills: string[][] = HOSTILE.map((value) => Array.from({ length: count }, () => value));
        if (count >= 2) for (const [a, b] of HALVES) fills.push([a, b, ...Array.from({ length: count - 2 }, () => b)]);
        for (const args of fills) {
          const text = t(key, ...args);
          const problem = markupIn(text);
          if (problem) found.push(`${problem}: ${JSON.stringify(text)}`);
          if (/[\u202a-\u202e\u2066-\u2069\u200b]/.test(text)) found.push(`an invisible mark: ${JSON.stringify(text)}`);
        }
      }
      assert.deepEqual(found, []);
    });

    it(`${file}: carries no link, icon or autolink syntax of its own beyond the English`, () => {
      const bundle = readBundle(file);
      const extra = Object.entries(bundle).filter(
        ([key, value]) =>
          (/\]\(/.test(value) && !/\]\(/.test(key)) || (markupIn(value) !== undefined && markupIn(key) === undefined),
      );
      assert.deepEqual(extra, []);
    });
  }

  it('a hostile translation that adds a link is broken by t() all the same', () => {
    setTranslator(() => 'Click [here](command:workbench.action.terminal.sendSequence?%7B%7D) or $(alert) <command:x>');
    assert.equal(markupIn(t('Add Instance')), undefined);
  });

  it('keeps a value readable and true: the file name stays recognisable, line breaks of nested sentences stay, numbers pass', () => {
    assert.equal(
      neutralizeValue(H1_FILE),
      '[.env] (command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22x%22%7D).env',
    );
    assert.equal(neutralizeValue('first line.\nsecond (line).'), 'first line.\nsecond (line).');
    assert.equal(neutralizeValue('tab\there \u202eevil'), 'tab here  evil');
    assert.equal(neutralizeValue(42), 42);
    const nested = t(
      "Imported {0} from {1} into VS Code's secret storage. The token still sits in that file: remove it there if it should live only in VS Code.",
      'Sales (1101000001)',
      'app/.env',
    );
    assert.equal(t('{0}{1}', nested, ''), nested);
    assert.equal(neutralizeValue(neutralizeValue(H1_FILE)), neutralizeValue(H1_FILE));
  });
});
