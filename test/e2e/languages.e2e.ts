import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Frame } from 'playwright-core';
import { GREEN_API_ACTIVITY, Workbench, getCodeInPanel, openWorkbench, instanceRow as row } from './workbench';

const ROOT = path.join(__dirname, '..', '..', '..');
const bundleOf = (locale: string): Record<string, string> =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', `bundle.l10n.${locale}.json`), 'utf8')) as Record<string, string>;
const manifestOf = (locale: string): Record<string, string> =>
  JSON.parse(fs.readFileSync(path.join(ROOT, `package.nls.${locale}.json`), 'utf8')) as Record<string, string>;

/**
 * What a control cut short or pushed out: every button, badge and line of text in `frame` whose
 * text is wider than its box (an instance name, which ends in an ellipsis by design, is left out),
 * or whose box reaches past the page's right edge. Each as "tag.class: text (scroll > client)".
 */
async function clipped(frame: Frame): Promise<string[]> {
  return (await frame.evaluate(`(() => {
    const out = [];
    const right = document.documentElement.clientWidth;
    for (const element of document.querySelectorAll('button, .badge, .details, .reason, .checked, .code, h1, li, p, label')) {
      if (element.closest('[hidden]') || element.getClientRects().length === 0) continue;
      if (element.classList.contains('name')) continue;
      const box = element.getBoundingClientRect();
      const cut = element.scrollWidth > element.clientWidth + 1;
      if (cut || box.right > right + 1) {
        out.push(element.tagName.toLowerCase() + '.' + element.className + ': ' + element.textContent.trim().slice(0, 60) + ' (' + element.scrollWidth + ' > ' + element.clientWidth + ', right ' + Math.round(box.right) + ' of ' + right + ')');
      }
    }
    return out;
  })()`)) as string[];
}

/**
 * The extension in German and Polish, its longest languages (issue 27, item 2): the Instances
 * view, the Link panel and the status bar speak the language of the display, with nothing cut
 * short or pushed out of its box. VS Code's own strings stay English (no language pack offline).
 */
for (const locale of ['de', 'pl']) {
  describe(`the extension in the ${locale} display language, as a person sees it`, function () {
    this.timeout(180_000);
    const bundle = bundleOf(locale);
    const manifest = manifestOf(locale);
    let bench: Workbench;
    let sidebar: Frame;

    before(async () => {
      bench = await openWorkbench({
        locale,
        instances: [
          { name: 'Vertrieb' },
          { name: 'Support', state: 'authorized', phone: '441234567890' },
          { name: 'Lager', state: 'yellowCard', phone: '79123456789' },
        ],
      });
      await bench.page.locator(GREEN_API_ACTIVITY).click();
      await bench.page.mouse.move(800, 500);
      sidebar = await bench.webviewFrame('#app ul.rows');
    });
    after(() => bench?.close());
    afterEach(async function () {
      if (this.currentTest?.state === 'failed') {
        await bench?.screenshot(
          `failed-languages-${locale}-${this.currentTest.title.slice(0, 20).replace(/\W+/g, '-')}`,
        );
      }
    });

    it('titles the view and words every row in the language, with no button or badge cut short', async () => {
      await bench.page
        .locator('.pane-header, .composite.title', { hasText: new RegExp(manifest['view.instances.name'] ?? '', 'i') })
        .first()
        .waitFor({ timeout: 15_000 });
      await row(sidebar, 'Vertrieb').locator('.badge', { hasText: bundle['Not linked'] }).waitFor({ timeout: 15_000 });
      await row(sidebar, 'Support').locator('.badge', { hasText: bundle['Authorized'] }).waitFor();
      await row(sidebar, 'Lager').locator('.badge', { hasText: bundle['Restricted'] }).waitFor();
      await sidebar
        .locator('.badge', { hasText: bundle['Checking…'] })
        .first()
        .waitFor({ state: 'detached', timeout: 15_000 });
      await row(sidebar, 'Vertrieb').getByRole('button', { name: bundle['Link phone'], exact: true }).waitFor();
      assert.deepEqual(await clipped(sidebar), []);
      await bench.picture(`languages-${locale}-sidebar`);
    });

    it('the Link panel and the status bar show the code in the language, nothing cut short', async () => {
      await row(sidebar, 'Vertrieb').getByRole('button', { name: bundle['Link phone'], exact: true }).click();
      const panel = await bench.webviewFrame('#phone-input');
      await panel
        .locator('h1', { hasText: (bundle['Link {0} with a phone number'] ?? '').split('{0}')[0]?.trim() ?? '' })
        .waitFor();
      const code = await getCodeInPanel(panel);
      const grouped = (await code.textContent()) ?? '';
      await panel.getByRole('button', { name: bundle['Copy'], exact: true }).waitFor();
      assert.deepEqual(await clipped(panel), [], 'the Link panel');
      await row(sidebar, 'Vertrieb').locator('.code').waitFor({ timeout: 10_000 });
      assert.deepEqual(await clipped(sidebar), [], 'the Instances view with a code');
      const item = bench.statusBarItem(new RegExp(grouped));
      await item.waitFor();
      const cut = await item.evaluate(
        (element) =>
          (element as unknown as { scrollWidth: number }).scrollWidth >
          (element as unknown as { clientWidth: number }).clientWidth + 1,
      );
      assert.equal(cut, false, 'the status-bar item is cut short');
      await bench.picture(`languages-${locale}-link-panel`);
    });
  });
}
