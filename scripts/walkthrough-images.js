// Cuts the walkthrough's pictures out of the end-to-end run's screenshots (test-output/screenshots),
// so they show the real UI: run `npm test` (or the e2e suite) first, then this. Writes media/walkthrough/.
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { CHROMIUM_ARGS, chromiumPath } = require('../out/test/harness/codeServer');

const root = path.join(__dirname, '..');
const shots = path.join(root, 'test-output', 'screenshots');
const out = path.join(root, 'media', 'walkthrough');

/** Each picture: pieces of one screenshot (x, y, width, height), stacked top to bottom. */
const PICTURES = {
  'add-instance.png': [['add-instance-token.png', 341, 30, 600, 108]],
  'get-code.png': [['link-panel-phone.png', 360, 70, 620, 260]],
  'enter-code.png': [['link-panel-code.png', 360, 70, 480, 300], ['link-panel-code.png', 34, 778, 280, 22]],
  'authorized.png': [['linked.png', 48, 64, 300, 115], ['linked.png', 822, 736, 450, 42]],
};

async function main() {
  fs.mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const [name, pieces] of Object.entries(PICTURES)) {
      const width = Math.max(...pieces.map((piece) => piece[3]));
      const html = pieces
        .map(([file, x, y, w, h]) => {
          const data = fs.readFileSync(path.join(shots, file)).toString('base64');
          return `<div style="width:${w}px;height:${h}px;overflow:hidden;position:relative;margin-bottom:6px"><img src="data:image/png;base64,${data}" style="position:absolute;left:${-x}px;top:${-y}px"></div>`;
        })
        .join('');
      await page.setContent(`<body style="margin:0;background:#1f1f1f"><div id="picture" style="width:${width}px;padding:6px">${html}</div></body>`);
      await page.locator('#picture').screenshot({ path: path.join(out, name) });
      console.log(`${name}: ${(fs.statSync(path.join(out, name)).size / 1024).toFixed(1)} KB`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
