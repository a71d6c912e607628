// Bundles the extension into dist/extension.js: one file, so the .vsix carries no node_modules.
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * Prints what the "watch" task's problem matcher (.vscode/tasks.json) reads, so `npm run watch` can be a
 * background task: one "build started" / "build finished" pair around the builds of both bundles (a launch
 * waits for "finished", so it must not come while the other bundle is still building), and each message as
 * "✘ [ERROR] text" or "▲ [WARNING] text" (esbuild's own marks) with "file:line:column:" under it
 * (esbuild's columns are 0-based; editors count from 1).
 */
let buildsRunning = 0;
const problemMatcherLog = {
  name: 'problem-matcher-log',
  setup(build) {
    if (!watch) return;
    build.onStart(() => {
      if (buildsRunning++ === 0) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      const messages = [
        ...result.errors.map((m) => ['✘ [ERROR]', m]),
        ...result.warnings.map((m) => ['▲ [WARNING]', m]),
      ];
      for (const [mark, { text, location }] of messages) {
        console.error(`${mark} ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column + 1}:`);
      }
      if (--buildsRunning === 0) console.log('[watch] build finished');
    });
  },
};

/**
 * Writes each build's esbuild metafile to out/esbuild-meta/<first entry>.json, outside dist/ so
 * that it never ships; bench/bundles.ts reads them to prove no module sits in two bundles.
 */
const metafileWriter = {
  name: 'metafile-writer',
  setup(build) {
    const name = Object.keys(build.initialOptions.entryPoints)[0];
    build.onEnd((result) => {
      if (!result.metafile) return;
      const folder = path.join(__dirname, 'out', 'esbuild-meta');
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, `${name}.json`), JSON.stringify(result.metafile));
    });
  },
};

/** The webview's own files: its stylesheets, and the codicons it uses (the .vsix carries no node_modules). */
async function copyWebviewAssets() {
  const target = path.join(__dirname, 'dist', 'webview');
  fs.mkdirSync(path.join(target, 'codicons'), { recursive: true });
  for (const css of ['instances.css', 'panel.css', 'qr.css', 'link.css'])
    fs.copyFileSync(path.join(__dirname, 'media', css), path.join(target, css));
  await writeCodiconSubset(path.join(target, 'codicons'));
}

/** Every file under a folder whose name ends in one of the extensions. */
function filesUnder(folder, extensions) {
  return fs
    .readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && extensions.some((extension) => entry.name.endsWith(extension)))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
}

/**
 * Writes codicon.css and codicon.ttf holding only the icons our code names: the full font is
 * 126 KB for about 650 icons, and every webview loads it before its first frame. An icon is kept
 * when its name appears in src/ or media/ as `codicon-<name>` or as a quoted string (the badges
 * and row actions pass bare names such as 'pass-filled'); a common word that is also an icon
 * name only keeps one glyph too many. Uses subset-font (HarfBuzz) rather than code of our own.
 */
async function writeCodiconSubset(target) {
  const subsetFont = require('subset-font');
  const source = path.join(path.dirname(require.resolve('@vscode/codicons/package.json')), 'dist');
  const css = fs.readFileSync(path.join(source, 'codicon.css'), 'utf8');
  const rule = /^\.codicon-([a-z0-9-]+):before \{ content: "\\([0-9a-f]+)" \}$/gm;
  const icons = new Map(
    [...css.matchAll(rule)].map(([line, name, codepoint]) => [
      name,
      { line, codepoint: Number.parseInt(codepoint, 16) },
    ]),
  );
  const named = new Set();
  for (const file of [
    ...filesUnder(path.join(__dirname, 'src'), ['.ts']),
    ...filesUnder(path.join(__dirname, 'media'), ['.css']),
  ]) {
    const text = fs.readFileSync(file, 'utf8');
    for (const [, name] of text.matchAll(/codicon-([a-z0-9-]+)/g)) named.add(name);
    for (const [, name] of text.matchAll(/['"`]([a-z0-9-]+)['"`]/g)) named.add(name);
  }
  const used = [...icons].filter(([name]) => named.has(name));
  if (used.length === 0) throw new Error('no codicon is named in src/ or media/: the icon scan is broken');
  // The stylesheet up to its icon rules (the @font-face, the .codicon base and the spin modifier), then ours.
  const head = css.slice(0, css.search(rule));
  const text = String.fromCodePoint(...new Set(used.map(([, icon]) => icon.codepoint)));
  const font = await subsetFont(fs.readFileSync(path.join(source, 'codicon.ttf')), text, { targetFormat: 'truetype' });
  fs.writeFileSync(path.join(target, 'codicon.ttf'), font);
  // The font's URL carries a hash of the full font; ours names the subset, so no cache keeps an older one.
  const hash = require('node:crypto').createHash('sha256').update(font).digest('hex').slice(0, 32);
  fs.writeFileSync(
    path.join(target, 'codicon.css'),
    `${head.replace(/codicon\.ttf\?[0-9a-f]+/, `codicon.ttf?${hash}`)}${used.map(([, icon]) => icon.line).join('\n')}\n`,
  );
}

/**
 * Bundles libphonenumber-js's metadata (an 80 KB JSON file) as `JSON.parse('…')` rather than as an
 * object literal: V8 reads a JSON string in one fast pass, while a literal that size goes through
 * the full JavaScript parser, and the phone library's first load is a bench row (bench/phoneNumber.ts).
 */
const jsonAsParse = {
  name: 'json-as-parse',
  setup(build) {
    // The ES module entry that `libphonenumber-js/min` imports; its data is the .json beside it.
    build.onLoad({ filter: /libphonenumber-js[\\/]metadata\.min\.json\.js$/ }, async (args) => {
      const data = JSON.parse(await fs.promises.readFile(args.path.replace(/\.js$/, ''), 'utf8'));
      // The .js stands in for the .json beside it; should a release make them differ, stop.
      const module = await fs.promises.readFile(args.path, 'utf8');
      const literal = module
        .slice(module.indexOf('export default') + 'export default'.length)
        .trim()
        .replace(/;$/, '');
      if (JSON.stringify(JSON.parse(literal)) !== JSON.stringify(data))
        throw new Error(`${args.path} no longer holds the data of the .json beside it`);
      return { contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(data))});`, loader: 'js' };
    });
  },
};

/**
 * In `npm run watch`: copies the webview's stylesheets and writes its codicon subset at the
 * start of every rebuild of either bundle (an icon may be named in the webview's code or in
 * HTML the host builds), so a new icon name is picked up. Builds that start together share
 * one run. esbuild does not watch media/*.css: a change there is copied with the next rebuild.
 * A one-off build does this once, in main().
 */
let webviewAssetsRun;
const webviewAssets = {
  name: 'webview-assets',
  setup(build) {
    if (!watch) return;
    build.onStart(async () => {
      webviewAssetsRun ??= copyWebviewAssets().finally(() => {
        webviewAssetsRun = undefined;
      });
      try {
        await webviewAssetsRun;
      } catch (error) {
        return { errors: [{ text: `webview assets: ${error.message}` }] };
      }
      return undefined;
    });
  },
};

async function main() {
  if (!watch) await copyWebviewAssets();
  // What every bundle shares: minified for release, source maps for development, quiet (the matcher plugin reports).
  const shared = {
    bundle: true,
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'silent',
    // What went into which bundle, for the bench's one-copy-of-every-module row (bench/bundles.ts).
    metafile: true,
    plugins: [problemMatcherLog, metafileWriter],
  };
  const webview = await esbuild.context({
    ...shared,
    entryPoints: { instances: 'src/webview/instances/main.ts', qr: 'src/webview/qr.ts', link: 'src/webview/link.ts' },
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    outdir: 'dist/webview',
    plugins: [...shared.plugins, webviewAssets],
  });
  // Two CommonJS bundles for the extension host: the extension (one copy of every module, one
  // socket pool), and the phone-number library with its metadata, loaded on the first number
  // read (src/core/phoneNumber.ts requires dist/phoneLibrary.js by a computed path).
  const extension = await esbuild.context({
    ...shared,
    entryPoints: { extension: 'src/extension.ts', phoneLibrary: 'src/core/phoneLibrary.ts' },
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    outdir: 'dist',
    external: ['vscode'],
    plugins: [...shared.plugins, jsonAsParse, webviewAssets],
    // See src/platform/shims/whatwg-url.ts: node-fetch only needs Node's own URL.
    alias: { 'whatwg-url': path.resolve(__dirname, 'src/platform/shims/whatwg-url.ts') },
  });
  for (const context of [extension, webview]) {
    if (watch) {
      await context.watch();
    } else {
      await context.rebuild();
      await context.dispose();
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
