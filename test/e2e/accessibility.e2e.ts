import * as assert from 'node:assert/strict';
import { Frame } from 'playwright-core';
import { axeViolations } from './axe';
import { GREEN_API_ACTIVITY, Workbench, getCodeInPanel, openWorkbench, instanceRow as row } from './workbench';

/**
 * axe over every webview, in the four themes VS Code ships (issue 27, item 4): the Instances
 * view with rows in every kind of state and a code pending, the Link panel showing a code, and
 * the QR panel showing a QR code. The test fails on any violation of WCAG 2.1 A and AA, or of
 * Label in Name, and prints each.
 */
for (const theme of [
  'Default Dark Modern',
  'Default Light Modern',
  'Default High Contrast',
  'Default High Contrast Light',
]) {
  describe(`accessibility scan (axe, WCAG 2.1 A and AA, Label in Name) in ${theme}`, function () {
    this.timeout(240_000);
    let bench: Workbench;
    let sidebar: Frame;

    before(async () => {
      bench = await openWorkbench({
        theme,
        instances: [
          { name: 'Sales' },
          { name: 'Support', state: 'authorized', phone: '441234567890' },
          { name: 'Warehouse', state: 'yellowCard', phone: '79123456789' },
          { name: 'Marketing', state: 'sleepMode' },
          { name: 'Scanner' },
        ],
      });
      await bench.page.locator(GREEN_API_ACTIVITY).click();
      sidebar = await bench.webviewFrame('#app ul.rows');
      // The activity bar's hover would lie over the view; rows settle (sorted by state) once all are checked.
      await bench.page.mouse.move(800, 500);
      for (const [name, badge] of [
        ['Sales', 'Not linked'],
        ['Support', 'Authorized'],
        ['Warehouse', 'Restricted'],
        ['Marketing', 'Phone offline'],
        ['Scanner', 'Not linked'],
      ]) {
        await row(sidebar, name as string)
          .locator('.badge', { hasText: badge })
          .waitFor({ timeout: 15_000 });
      }
      await sidebar
        .locator('.badge', { hasText: /Checking/ })
        .first()
        .waitFor({ state: 'detached', timeout: 15_000 });
    });
    after(() => bench?.close());
    afterEach(async function () {
      if (this.currentTest?.state === 'failed') {
        await bench?.screenshot(
          `failed-axe-${theme.replace(/\W+/g, '-')}-${this.currentTest.title.slice(0, 20).replace(/\W+/g, '-')}`,
        );
      }
    });

    it('the Link panel showing a code, and the Instances view with that code pending, have no violations', async () => {
      await row(sidebar, 'Sales').getByRole('button', { name: 'Link phone', exact: true }).click();
      const panel = await bench.webviewFrame('#phone-input');
      await getCodeInPanel(panel);
      await row(sidebar, 'Sales').locator('.code').waitFor({ timeout: 10_000 });
      assert.deepEqual(await axeViolations(bench.page, panel, '--vscode-editor-background'), [], 'the Link panel');
      assert.deepEqual(
        await axeViolations(bench.page, sidebar, '--vscode-sideBar-background'),
        [],
        'the Instances view',
      );
    });

    it('the QR panel showing a QR code has no violations', async () => {
      // The QR panel on its own, as a person opens it from the row once the Link panel is done with.
      await bench.runCommand('View: Close All Editors');
      await bench.page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 15_000 });
      await row(sidebar, 'Scanner').getByRole('button', { name: 'Link with a QR code instead' }).click();
      const panel = await bench.webviewFrame('#qr');
      await panel.locator('#frame:not([hidden]) img#qr').waitFor({ timeout: 20_000 });
      assert.deepEqual(await axeViolations(bench.page, panel, '--vscode-editor-background'), [], 'the QR panel');
    });
  });
}
