// What a .vsix holds, as `unzip -v` lists it: shared by scripts/check-vsix.js and the bench.
'use strict';
const { execFileSync } = require('node:child_process');
const { LOCALES } = require('./l10n-extract');

/** Each entry's compressed size in bytes, by its path in the .vsix at `vsix` (unzip -v: third column, last). Throws when unzip cannot read it. */
function compressedSizes(vsix) {
  return new Map(
    execFileSync('unzip', ['-v', vsix], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((columns) => columns.length >= 8 && /^\d+$/.test(columns[2]))
      .map((columns) => [columns[columns.length - 1], Number(columns[2])]),
  );
}

/**
 * The compressed bytes of each language's translation in the .vsix at `vsix`: its
 * package.nls.<locale>.json and l10n/bundle.l10n.<locale>.json, for every one of LOCALES
 * (0 for a language it lacks). Returns [{ locale, bytes }] in LOCALES' order.
 */
function translationSizes(vsix) {
  const sizes = compressedSizes(vsix);
  return LOCALES.map((locale) => ({
    locale,
    bytes:
      (sizes.get(`extension/package.nls.${locale}.json`) ?? 0) +
      (sizes.get(`extension/l10n/bundle.l10n.${locale}.json`) ?? 0),
  }));
}

module.exports = { compressedSizes, translationSizes };
