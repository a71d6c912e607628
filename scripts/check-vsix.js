#!/usr/bin/env node
// Checks what the .vsix carries: the bundle and media in; sources, tests, the
// emulator, CI files and node_modules out; and its size under the budget.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');

const vsix = process.argv[2] ?? 'green-api-link.vsix';
const MAX_BYTES = 300 * 1024;
const files = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).trim().split('\n');
const size = fs.statSync(vsix).size;
const problems = [];
// vsce lower-cases readme.md and changelog.md.
const must = ['extension/dist/extension.js', 'extension/dist/webview/sidebar.js', 'extension/dist/webview/qr.js', 'extension/package.json', 'extension/package.nls.json', 'extension/package.nls.ru.json', 'extension/l10n/bundle.l10n.ru.json', 'extension/media/walkthrough/get-code.png', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt'];
const present = new Set(files.map((f) => f.toLowerCase()));
for (const file of must) if (!present.has(file.toLowerCase())) problems.push(`missing ${file}`);
if (!files.some((f) => f.startsWith('extension/media/'))) problems.push('missing extension/media/');
const forbidden = [/^extension\/src\//, /^extension\/test\//, /^extension\/node_modules\//, /^extension\/emulator\//, /^extension\/\.ci\//, /^extension\/out\//, /^extension\/bench\//, /^extension\/scripts\//, /\.map$/, /\.ts$/];
for (const file of files) for (const pattern of forbidden) if (pattern.test(file)) problems.push(`should not carry ${file}`);
if (size > MAX_BYTES) problems.push(`${size} bytes is over the ${MAX_BYTES}-byte budget`);
console.log(`${vsix}: ${files.length} files, ${(size / 1024).toFixed(1)} KB`);
for (const file of files) console.log(`  ${file}`);
if (problems.length > 0) {
  console.error(problems.map((p) => `vsix: ${p}`).join('\n'));
  process.exit(1);
}
console.log('vsix contents: ok');
