import * as assert from 'node:assert/strict';
import { Frame } from 'playwright-core';
import { EmulatedInstance } from '../../emulator/instances';
import { GREEN_API_ACTIVITY, NAMED_API_HOST, Workbench, getCodeInPanel, openWorkbench, visibleText } from './workbench';

/** The status-bar item with a pending code: `Sales ABCD-EFGH 2:29` (see authorization.e2e.ts). */
const CODE_ITEM = /[A-Z0-9]{4}-[A-Z0-9]{4}[\u2066-\u2069]* \d:\d\d/;

/**
 * The themes the walkthrough has a picture for (package.json `walkthroughs` media: dark, also
 * shown in high contrast, and light, also shown in high contrast light), with the class VS Code
 * gives the workbench and a webview's body for each.
 */
const THEMES = [
  { theme: 'Default Dark Modern', slug: 'dark', workbenchClass: 'vs-dark', webviewClass: 'vscode-dark' },
  { theme: 'Default Light Modern', slug: 'light', workbenchClass: 'vs', webviewClass: 'vscode-light' },
] as const;

/**
 * The walkthrough's four steps done in each theme, each step's screenshot taken where the
 * walkthrough shows it (scripts/walkthrough-images.js cuts the pictures out of them). The
 * workbench and each webview are checked to wear the theme, every screenshot to show no test
 * address, and the linked row to name the instance's GREEN-API host.
 */
for (const look of THEMES) {
  describe(`the walkthrough's steps in ${look.theme}, as its pictures show them`, function () {
    this.timeout(180_000);
    let bench: Workbench;
    let instance: EmulatedInstance;
    /**
     * Screenshots the step once no frame (the workbench or a webview) shows the emulator's
     * loopback address, in its text or in a field, so no picture carries a test address.
     */
    async function shot(step: string, docsName?: string): Promise<void> {
      let framesRead = 0;
      for (const frame of bench.page.frames()) {
        const text = (await frame
          .evaluate(
            'document.body ? document.body.innerText + " " + [...document.querySelectorAll("input, textarea")].map((field) => field.value).join(" ") : null',
          )
          .catch(() => null)) as string | null;
        if (text === null) continue; // a frame that went away while it was read
        framesRead++;
        assert.doesNotMatch(text, /127\.0\.0\.1|localhost/, `a test address is on screen: ${text.slice(0, 200)}`);
      }
      assert.ok(framesRead > 0, 'no frame could be read');
      // README's light variants of the Link panel pictures (authorization.e2e.ts takes the dark ones).
      await bench.picture(`walkthrough-${look.slug}-${step}`, docsName && look.slug === 'light' ? docsName : undefined);
    }

    /** Waits until the webview that holds `marker` wears the theme, and returns its frame. */
    async function themedFrame(marker: string): Promise<Frame> {
      const frame = await bench.webviewFrame(marker);
      await frame.waitForFunction(`document.body.classList.contains(${JSON.stringify(look.webviewClass)})`, undefined, {
        timeout: 30_000,
      });
      return frame;
    }

    before(async () => {
      bench = await openWorkbench({ theme: look.theme });
      instance = bench.emulator.store.add({ name: 'Sales' });
    });
    after(() => bench?.close());
    afterEach(async function () {
      if (this.currentTest?.state === 'failed') {
        await bench?.screenshot(
          `failed-walkthrough-${look.slug}-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}`,
        );
      }
    });

    it('add an instance: the form, in the theme', async () => {
      // The theme is applied a moment after the workbench appears.
      await bench.page.locator(`.monaco-workbench.${look.workbenchClass}`).waitFor({ timeout: 30_000 });
      await bench.page.locator(GREEN_API_ACTIVITY).click();
      await themedFrame('#app .empty-state');
      await bench.runCommand('GREEN-API: Add Instance');
      // The picture: step 1 with the apiUrl pasted, beside the empty view's Add instance and imports.
      const widget = bench.page.locator('.quick-input-widget:visible');
      await widget.locator('.quick-input-title', { hasText: '(1/4): apiUrl' }).waitFor();
      await widget.locator('input').fill(bench.apiUrl);
      await shot('add-instance');
      await bench.answer(bench.apiUrl);
      await bench.answer(instance.idInstance);
      await bench.answer(instance.apiTokenInstance);
      await bench.answer('Sales');
    });

    it('get a code: the Link panel refuses a bad number inline', async () => {
      const frame = await themedFrame('#phone-input');
      await frame.locator('#phone-input').fill('+44 12AB');
      await frame.locator('#phone-problem', { hasText: /"A" has no place/ }).waitFor();
      await shot('get-code', 'link-panel-phone-light');
    });

    it('enter the code: large in the panel, and in the status bar', async () => {
      await getCodeInPanel(await themedFrame('#phone-input'));
      const code = instance.pendingCode?.code ?? '';
      assert.match(
        visibleText(await bench.statusBarItem(CODE_ITEM).textContent()),
        new RegExp(`Sales ${code.slice(0, 4)}-${code.slice(4)}`),
      );
      await shot('enter-code', 'link-panel-code-light');
    });

    it('linked: the row says Authorized under its GREEN-API host, and the notice says so', async () => {
      assert.ok(bench.emulator.store.link(instance.idInstance, instance.pendingCode?.code ?? '').ok);
      await bench.notification(/Sales is now authorized/).waitFor({ timeout: 15_000 });
      const frame = await themedFrame('#app');
      const row = frame.locator('li.row', { hasText: 'Sales' });
      await row.locator('.badge', { hasText: 'Authorized' }).waitFor({ timeout: 15_000 });
      await row.locator('.phone', { hasText: 'linked to' }).waitFor();
      assert.match(
        (await row.textContent()) ?? '',
        new RegExp(`${instance.idInstance} · ${NAMED_API_HOST.replace(/\./g, '\\.')}`),
      );
      await shot('authorized', 'linked-light');
    });

    it("the walkthrough itself shows this theme's picture", async () => {
      await bench.runCommand('Welcome: Open Walkthrough...');
      await bench.page.locator('.quick-input-list .monaco-list-row', { hasText: 'GREEN-API' }).first().click();
      // The open step's picture is the variant package.json names for this theme, and it loaded.
      const picture = bench.page.locator(`.getting-started-media img[srcset*="-${look.slug}.webp"]`);
      await picture.waitFor({ timeout: 30_000 });
      await bench.page.waitForFunction(
        `[...document.querySelectorAll('.getting-started-media img')].some((image) => (image.getAttribute('srcset') || '').includes('-${look.slug}.webp') && image.complete && image.naturalWidth > 0)`,
        undefined,
        { timeout: 30_000 },
      );
      assert.ok(((await picture.getAttribute('alt')) ?? '').length > 20, 'the picture has no alt text');
    });
  });
}
