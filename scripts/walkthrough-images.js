// Cuts the walkthrough's pictures out of the end-to-end run's screenshots (test-output/screenshots,
// taken by test/e2e/walkthrough.e2e.ts in a dark and a light theme), so they show the real UI: run
// `npm test` (or the e2e suite) first, then this. Writes media/walkthrough/<step>-<theme>.webp, the
// variants that package.json's walkthrough steps name (high contrast shows the dark one, high
// contrast light the light one). Lossless WebP: a quarter to a third smaller than PNG, which keeps
// the .vsix in its budget (scripts/check-vsix.js), and VS Code's webviews show it.
/* global Image, document -- the picture is drawn by a function that runs in the page */
const { Buffer } = require('node:buffer');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { CHROMIUM_ARGS, chromiumPath } = require('../out/test/harness/codeServer');

const root = path.join(__dirname, '..');
const shots = path.join(root, 'test-output', 'screenshots');
const out = path.join(root, 'media', 'walkthrough');

/** Each step's picture: pieces of its screenshot (x, y, width, height), stacked top to bottom. */
const PICTURES = {
  // The form's first step with the apiUrl pasted, then the empty Instances view's ways in.
  'add-instance': [
    [341, 30, 600, 125],
    [48, 74, 286, 222],
  ],
  'get-code': [[360, 70, 620, 260]],
  'enter-code': [
    [360, 70, 480, 300],
    [34, 778, 280, 22],
  ],
  authorized: [
    [48, 64, 300, 115],
    [820, 724, 454, 54],
  ],
};

/** Each theme's screenshot name and the background of the picture's margin (its editor background). */
const THEMES = { dark: '#1f1f1f', light: '#ffffff' };

const MARGIN = 6;

async function main() {
  fs.mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    for (const [step, pieces] of Object.entries(PICTURES)) {
      for (const [theme, background] of Object.entries(THEMES)) {
        const name = `${step}-${theme}.webp`;
        const screenshot = `data:image/png;base64,${fs.readFileSync(path.join(shots, `walkthrough-${theme}-${step}.png`)).toString('base64')}`;
        const dataUrl = await page.evaluate(
          async ({ screenshot, pieces, background, margin }) => {
            const image = new Image();
            image.src = screenshot;
            await image.decode();
            const canvas = document.createElement('canvas');
            canvas.width = Math.max(...pieces.map((piece) => piece[2])) + 2 * margin;
            canvas.height = pieces.reduce((sum, piece) => sum + piece[3] + margin, margin);
            const context = canvas.getContext('2d');
            context.fillStyle = background;
            context.fillRect(0, 0, canvas.width, canvas.height);
            let top = margin;
            for (const [x, y, w, h] of pieces) {
              context.drawImage(image, x, y, w, h, margin, top, w, h);
              top += h + margin;
            }
            // Quality 1 is Chromium's lossless WebP.
            return canvas.toDataURL('image/webp', 1);
          },
          { screenshot, pieces, background, margin: MARGIN },
        );
        if (!dataUrl.startsWith('data:image/webp;')) throw new Error('this Chromium cannot write WebP');
        fs.writeFileSync(path.join(out, name), Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
        console.log(`${name}: ${(fs.statSync(path.join(out, name)).size / 1024).toFixed(1)} KB`);
      }
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
