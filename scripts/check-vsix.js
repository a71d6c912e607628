#!/usr/bin/env node
// Checks what the .vsix carries: the bundle and media in; sources, tests, the
// emulator, CI files, the contributor's files and node_modules out; its size under
// the budget; a 256×256 icon; and a keyword list the Marketplace takes as it is.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const { LOCALES } = require('./l10n-extract');
const { translationSizes } = require('./vsix-contents');

const vsix = process.argv[2] ?? 'green-api-link.vsix';
// The budget holds the code and the media; the translations have their own, per language: VS Code
// loads only the display language's bundle, whose keys are the English messages themselves.
const MAX_BYTES = 300 * 1024;
const MAX_TRANSLATION_BYTES = 24 * 1024;
const files = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).trim().split('\n');
const size = fs.statSync(vsix).size;
const problems = [];
// vsce lower-cases readme.md and changelog.md.
const must = [
  'extension/dist/extension.js',
  'extension/dist/webview/instances.js',
  'extension/dist/webview/qr.js',
  'extension/package.json',
  'extension/package.nls.json',
  ...LOCALES.flatMap((locale) => [`extension/package.nls.${locale}.json`, `extension/l10n/bundle.l10n.${locale}.json`]),
  'extension/media/walkthrough/get-code-dark.webp',
  'extension/media/walkthrough/get-code-light.webp',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
];
const present = new Set(files.map((f) => f.toLowerCase()));
for (const file of must) if (!present.has(file.toLowerCase())) problems.push(`missing ${file}`);
if (!files.some((f) => f.startsWith('extension/media/'))) problems.push('missing extension/media/');
const forbidden = [
  /^extension\/\.vscode\//,
  /^extension\/contributing\.md$/i,
  /^extension\/media\/icon\.svg$/,
  /^extension\/src\//,
  /^extension\/test\//,
  /^extension\/node_modules\//,
  /^extension\/emulator\//,
  /^extension\/\.ci\//,
  /^extension\/out\//,
  /^extension\/bench\//,
  /^extension\/scripts\//,
  /\.map$/,
  /\.ts$/,
];
for (const file of files)
  for (const pattern of forbidden) if (pattern.test(file)) problems.push(`should not carry ${file}`);
let translationBytes = 0;
for (const { locale, bytes } of translationSizes(vsix)) {
  translationBytes += bytes;
  if (bytes > MAX_TRANSLATION_BYTES) {
    problems.push(`the ${locale} translation takes ${bytes} bytes, over its ${MAX_TRANSLATION_BYTES}-byte budget`);
  }
}
if (size - translationBytes > MAX_BYTES) {
  problems.push(`${size - translationBytes} bytes without the translations is over the ${MAX_BYTES}-byte budget`);
}

// The Marketplace shows the icon at 128 px, doubled on high-density screens: it asks for 256×256.
const manifest = JSON.parse(execFileSync('unzip', ['-p', vsix, 'extension/package.json'], { encoding: 'utf8' }));
const icon = execFileSync('unzip', ['-p', vsix, `extension/${manifest.icon}`], { maxBuffer: 1024 * 1024 });
// A PNG starts with its 8-byte signature and the IHDR chunk: width and height, big-endian, at bytes 16 and 20.
const isPng = icon.subarray(1, 4).toString('latin1') === 'PNG';
const [width, height] = isPng ? [icon.readUInt32BE(16), icon.readUInt32BE(20)] : [0, 0];
if (width !== 256 || height !== 256)
  problems.push(`the icon ${manifest.icon} is ${isPng ? `${width}×${height}` : 'not a PNG'}, not 256×256`);

// Keywords: the Marketplace's documented limit was 5 for years (30 since 2025), and in January 2023 it
// briefly refused uploads with more than 10 tags, counting the tags vsce adds by itself. Staying within
// both smaller limits means no version of it trims or refuses the list.
const MAX_KEYWORDS = 5;
const MAX_TAGS = 10;
const keywords = manifest.keywords ?? [];
if (keywords.length > MAX_KEYWORDS) problems.push(`${keywords.length} keywords, over ${MAX_KEYWORDS}`);
const vsixManifest = execFileSync('unzip', ['-p', vsix, 'extension.vsixmanifest'], { encoding: 'utf8' });
const tags = (/<Tags>([^<]*)<\/Tags>/.exec(vsixManifest)?.[1] ?? '').split(',').filter(Boolean);
if (tags.length > MAX_TAGS) problems.push(`${tags.length} Marketplace tags (${tags.join(', ')}), over ${MAX_TAGS}`);
if (manifest.preview !== true && /^0\./.test(manifest.version))
  problems.push(`version ${manifest.version} is 0.x but "preview" is not true`);
console.log(
  `${vsix}: ${files.length} files, ${(size / 1024).toFixed(1)} KB (${((size - translationBytes) / 1024).toFixed(1)} KB without the ${LOCALES.length} translations); icon ${width}×${height}; tags: ${tags.join(', ')}`,
);
for (const file of files) console.log(`  ${file}`);
if (problems.length > 0) {
  console.error(problems.map((p) => `vsix: ${p}`).join('\n'));
  process.exit(1);
}
console.log('vsix contents: ok');
