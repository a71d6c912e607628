#!/usr/bin/env node
// Renders media/icon.svg to media/icon.png at 256×256 (the Marketplace's size for the extension icon)
// in Debian's Chromium through playwright-core, the browser the tests already use: no image library needed.
'use strict';
const { Buffer } = require('node:buffer');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const SIZE = 256;
const media = path.join(__dirname, '..', 'media');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

async function main() {
  const svg = fs.readFileSync(path.join(media, 'icon.svg'), 'utf8');
  const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (p) => p && fs.existsSync(p),
  );
  if (!executablePath)
    throw new Error('Chromium is missing: install Debian\'s "chromium" package (or set CHROMIUM_PATH).');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
    const data = Buffer.from(svg).toString('base64');
    await page.setContent(
      `<body style="margin:0;background:transparent"><img src="data:image/svg+xml;base64,${data}" width="${SIZE}" height="${SIZE}" style="display:block"></body>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({
      path: path.join(media, 'icon.png'),
      omitBackground: true,
      clip: { x: 0, y: 0, width: SIZE, height: SIZE },
    });
  } finally {
    await browser.close();
  }
  console.log(`media/icon.png: ${SIZE}×${SIZE}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
