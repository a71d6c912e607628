import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Frame } from 'playwright-core';
import { GREEN_API_ACTIVITY, Workbench, getCodeInPanel, openWorkbench, instanceRow as row } from './workbench';

const ROOT = path.join(__dirname, '..', '..', '..');
/** VS Code's pseudo-locale id; its bundle is generated here for the run and removed after. */
const PSEUDO = 'qps-ploc';
const OPEN = '⟦';
const CLOSE = '⟧';
const BUNDLE = path.join(ROOT, 'l10n', `bundle.l10n.${PSEUDO}.json`);
const MANIFEST = path.join(ROOT, `package.nls.${PSEUDO}.json`);

/** Every English message between ⟦ and ⟧, placeholders and markup untouched. */
function writePseudoBundles(): void {
  const english = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<
    string,
    string | { message: string }
  >;
  const pseudo = Object.fromEntries(Object.keys(english).map((message) => [message, `${OPEN}${message}${CLOSE}`]));
  fs.writeFileSync(BUNDLE, JSON.stringify(pseudo));
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
  fs.writeFileSync(
    MANIFEST,
    JSON.stringify(Object.fromEntries(Object.entries(manifest).map(([key, text]) => [key, `${OPEN}${text}${CLOSE}`]))),
  );
}

function removePseudoBundles(): void {
  fs.rmSync(BUNDLE, { force: true });
  fs.rmSync(MANIFEST, { force: true });
}

/**
 * Words in `frame` that did not come through `t()`: each text with letters whose element (up to
 * its block) holds no ⟦ of the pseudo bundle, and each title, aria-label or placeholder without
 * one. The user's own data is left out: names, idInstances and hosts, the code, times.
 */
async function untranslated(frame: Frame): Promise<string[]> {
  return (await frame.evaluate(`(() => {
    const DATA = 'bdi, .name, .details, .code-value, .countdown, .count, script, style, [hidden]';
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      if (!/[A-Za-z]{2}/.test(text.replace(/GREEN-API|WhatsApp|QR|idInstance|apiTokenInstance|apiUrl/g, ''))) continue;
      const element = node.parentElement;
      if (!element || element.closest(DATA)) continue;
      const block = element.closest('li, p, h1, h2, button, label, div, section, span') || element;
      if (!block.textContent.includes('${OPEN}')) out.push('text: ' + text.slice(0, 80));
    }
    for (const element of document.querySelectorAll('[title], [aria-label], [placeholder]')) {
      if (element.closest('[hidden]')) continue;
      for (const attribute of ['title', 'aria-label', 'placeholder']) {
        const value = element.getAttribute(attribute);
        if (value === null || !/[A-Za-z]{2}/.test(value) || element.matches('.name, .details')) continue;
        if (!value.includes('${OPEN}')) out.push(attribute + ' of ' + element.tagName.toLowerCase() + '.' + element.className + ': ' + value.slice(0, 80));
      }
    }
    return out;
  })()`)) as string[];
}

/**
 * The pseudo-locale run (issue 27, item 2): every English message is given as ⟦message⟧, so any
 * words the user sees without the brackets were shown without `t()`. Covers the Instances view
 * with rows in several states and a code pending, the Link panel with a code, and the status bar.
 */
describe('the pseudo-locale: no text in the webviews or the status bar is shown without t()', function () {
  this.timeout(180_000);
  let bench: Workbench;
  let sidebar: Frame;

  before(async () => {
    writePseudoBundles();
    bench = await openWorkbench({
      locale: PSEUDO,
      instances: [
        { name: 'Sales' },
        { name: 'Support', state: 'authorized', phone: '441234567890' },
        { name: 'Warehouse', state: 'yellowCard', phone: '79123456789' },
        { name: 'Marketing', state: 'sleepMode' },
      ],
    });
    await bench.page.locator(GREEN_API_ACTIVITY).click();
    await bench.page.mouse.move(800, 500);
    sidebar = await bench.webviewFrame('#app ul.rows');
  });
  after(async () => {
    removePseudoBundles();
    await bench?.close();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await bench?.screenshot(`failed-pseudo-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}`);
    }
  });

  it('the Instances view, the Link panel with a code and the status-bar item hold only translated words', async () => {
    await row(sidebar, 'Support')
      .locator('.badge', { hasText: `${OPEN}Authorized${CLOSE}` })
      .waitFor({ timeout: 15_000 });
    await sidebar.locator('.badge', { hasText: 'Checking' }).first().waitFor({ state: 'detached', timeout: 15_000 });
    await row(sidebar, 'Sales').locator('button.main').click();
    const panel = await bench.webviewFrame('#phone-input');
    await getCodeInPanel(panel);
    await row(sidebar, 'Sales').locator('.code').waitFor({ timeout: 10_000 });
    assert.deepEqual(await untranslated(sidebar), [], 'the Instances view');
    assert.deepEqual(await untranslated(panel), [], 'the Link panel');
    const item = bench.page.locator('.statusbar-item', { has: bench.page.locator('.codicon-key') }).first();
    await item.waitFor();
    const label =
      ((await item.evaluate(
        (element) =>
          (element as unknown as { querySelector(selector: string): { getAttribute(name: string): string } | null })
            .querySelector('[aria-label]')
            ?.getAttribute('aria-label') ??
          (element as unknown as { getAttribute(name: string): string | null }).getAttribute('aria-label'),
      )) as string | null) ?? '';
    assert.ok(label.includes(OPEN), `the status-bar item's accessible label: ${label}`);
    await bench.picture('pseudo-locale');
  });
});
