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
      const messages = [...result.errors.map((m) => ['✘ [ERROR]', m]), ...result.warnings.map((m) => ['▲ [WARNING]', m])];
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

/** The webview's own files: its stylesheet and the codicons font (the .vsix carries no node_modules). */
function copyWebviewAssets() {
  const target = path.join(__dirname, 'dist', 'webview');
  fs.mkdirSync(path.join(target, 'codicons'), { recursive: true });
  for (const css of ['sidebar.css', 'panel.css', 'qr.css', 'link.css']) fs.copyFileSync(path.join(__dirname, 'media', css), path.join(target, css));
  const codicons = path.join(path.dirname(require.resolve('@vscode/codicons/package.json')), 'dist');
  for (const file of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(codicons, file), path.join(target, 'codicons', file));
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
      const text = JSON.stringify(JSON.parse(await fs.promises.readFile(args.path.replace(/\.js$/, ''), 'utf8')));
      return { contents: `export default JSON.parse(${JSON.stringify(text)});`, loader: 'js' };
    });
  },
};

async function main() {
  copyWebviewAssets();
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
    entryPoints: { sidebar: 'src/webview/main.ts', qr: 'src/webview/qr.ts', link: 'src/webview/link.ts' },
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    outdir: 'dist/webview',
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
    plugins: [...shared.plugins, jsonAsParse],
    // See src/shims/whatwg-url.ts: node-fetch only needs Node's own URL.
    alias: { 'whatwg-url': path.resolve(__dirname, 'src/shims/whatwg-url.ts') },
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
