// Finds every user-facing message: the first argument of each t(...) or l10n.t(...) call
// in src/. Used by `npm run l10n` (writes the English bundle) and by the l10n unit test.
// A translator's note is a `// l10n: …` line comment right above the statement, property
// or list element that holds the t() call: it speaks for every t() call in it, and goes
// into the English bundle as the message's "comment" (the form @vscode/l10n-dev reads).
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.join(__dirname, '..');

function sourceFiles(dir = path.join(ROOT, 'src')) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const isT = (expression) =>
  (ts.isIdentifier(expression) && expression.text === 't') ||
  (ts.isPropertyAccessExpression(expression) &&
    expression.name.text === 't' &&
    expression.expression.getText().endsWith('l10n'));

/** True for literal text with words in it; codicons such as $(check) and the name GREEN-API are not words. */
function hasOwnWords(node) {
  const words = (text) => /[A-Za-z]/.test(text.replace(/\$\([a-z-]+\)/g, '').replace(/GREEN-API/g, ''));
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return words(node.text);
  if (ts.isTemplateExpression(node))
    return words(node.head.text) || node.templateSpans.some((span) => words(span.literal.text));
  return false;
}

/** The `// l10n:` note for a t() call: the nearest one in the leading comments of the call or of a statement, property or element that holds it. */
function noteFor(text, node) {
  // Up to the enclosing function or class: a note above a function does not speak for all of it.
  for (
    let n = node;
    n && !ts.isSourceFile(n) && !ts.isFunctionLike(n.parent ?? n) && !ts.isClassLike(n.parent ?? n);
    n = n.parent
  ) {
    const notes = (ts.getLeadingCommentRanges(text, n.pos) ?? [])
      .map((range) => /^\/\/ l10n: (.+)$/.exec(text.slice(range.pos, range.end))?.[1])
      .filter(Boolean);
    if (notes.length > 0) return notes[notes.length - 1].trim();
  }
  return undefined;
}

/** { messages: Map<message, [file:line]>, comments: Map<message, string[]>, problems: string[] } */
function extractMessages() {
  const messages = new Map();
  const comments = new Map();
  const problems = [];
  for (const file of sourceFiles()) {
    const text = fs.readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const where = (node) =>
      `${path.relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node) => {
      if (ts.isCallExpression(node)) {
        if (isT(node.expression) && !ts.isFunctionDeclaration(node.parent)) {
          const [first] = node.arguments;
          if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
            messages.set(first.text, [...(messages.get(first.text) ?? []), where(node)]);
            const note = noteFor(text, node);
            if (note && !(comments.get(first.text) ?? []).includes(note))
              comments.set(first.text, [...(comments.get(first.text) ?? []), note]);
          } else if (!(first && ts.isIdentifier(first) && first.text === 'message')) {
            problems.push(`${where(node)}: t() needs a literal message, so it can be translated`);
          }
        }
        // Messages shown to the user must go through t().
        const callee = node.expression;
        const name = ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : ts.isIdentifier(callee)
            ? callee.text
            : '';
        const shown = /^show(Information|Warning|Error)Message$|^setStatusBarMessage$|^reportArgumentProblem$/.test(
          name,
        );
        const argument = name === 'reportArgumentProblem' ? node.arguments[1] : node.arguments[0];
        if (shown && argument && hasOwnWords(argument)) {
          problems.push(`${where(node)}: ${name} is given text that does not go through t()`);
        }
      }
      if (
        ts.isPropertyAssignment(node) &&
        ts.isIdentifier(node.name) &&
        ['prompt', 'detail', 'tooltip', 'meaning'].includes(node.name.text)
      ) {
        const value = node.initializer;
        if ((ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) && / [a-z]/.test(value.text)) {
          problems.push(`${where(node)}: ${node.name.text} text does not go through t()`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { messages, comments, problems };
}

/** The {0}-style placeholders of a message, sorted. */
function placeholders(message) {
  return [...message.matchAll(/\{(\d+)\}/g)].map((match) => match[0]).sort();
}

/**
 * The display languages VS Code ships language packs for (Microsoft's, besides English): the
 * extension has a bundle and a manifest translation for each. Their ids are VS Code's own
 * (`vscode.env.language`), which name the files: l10n/bundle.l10n.<id>.json, package.nls.<id>.json.
 */
const LOCALES = ['cs', 'de', 'es', 'fr', 'it', 'ja', 'ko', 'pl', 'pt-br', 'ru', 'tr', 'zh-cn', 'zh-tw'];

module.exports = { extractMessages, placeholders, LOCALES, ROOT };

if (require.main === module) {
  const { messages, comments, problems } = extractMessages();
  for (const problem of problems) console.error(problem);
  const english = Object.fromEntries(
    [...messages.keys()]
      .sort()
      .map((message) => [message, comments.has(message) ? { message, comment: comments.get(message) } : message]),
  );
  fs.writeFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.json'), `${JSON.stringify(english, null, 2)}\n`);
  let untranslated = 0;
  for (const locale of LOCALES) {
    const file = path.join(ROOT, 'l10n', `bundle.l10n.${locale}.json`);
    const bundle = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
    const missing = [...messages.keys()].filter((message) => !(message in bundle));
    untranslated += missing.length;
    for (const message of missing) console.log(`  missing ${locale}: ${JSON.stringify(message)}`);
  }
  console.log(
    `${messages.size} messages; l10n/bundle.l10n.json written; ${untranslated} translations missing in ${LOCALES.length} languages.`,
  );
  process.exitCode = problems.length > 0 ? 1 : 0;
}
