import * as assert from 'node:assert/strict';
import { Frame } from 'playwright-core';
import { EmulatedInstance } from '../../emulator/instances';
import { waitFor } from '../harness/waitFor';
import { GREEN_API_ACTIVITY, Workbench, openWorkbench } from './workbench';

const INSTANCES = [
  { idInstance: '1101000021', name: 'Sales' },
  { idInstance: '1101000022', name: 'Support', state: 'authorized', phone: '441234567890' },
  { idInstance: '1101000023', name: 'Warehouse', state: 'yellowCard', phone: '79123456789' },
  { idInstance: '1101000024', name: 'Legacy', state: 'blocked' },
  { idInstance: '1101000025', name: 'Broken token' },
];
/** Restricted, banned and a failed check: the rows "Needs attention" shows. */
const NEEDS_ATTENTION = ['Broken token', 'Legacy', 'Warehouse'];

/** The names of the rows on screen (not hidden by the filter), in order. */
async function shownNames(frame: Frame): Promise<string[]> {
  return (await frame.evaluate(
    '[...document.querySelectorAll("li.row:not([hidden]) .name")].map((el) => el.textContent)',
  )) as string[];
}

describe('the Instances view state filter, from the keyboard, in the real workbench', function () {
  this.timeout(180_000);
  let bench: Workbench;
  let frame: Frame;

  before(async () => {
    bench = await openWorkbench({ instances: INSTANCES });
    (bench.emulator.store.get('1101000025') as EmulatedInstance).faults = [{ method: 'getStateInstance', status: 401 }];
    await bench.page.locator(GREEN_API_ACTIVITY).click();
    frame = await bench.webviewFrame('#app ul.rows');
  });
  after(() => bench?.close());

  it('counts each choice, and "Needs attention" chosen with the arrows shows only those rows and is announced', async () => {
    const attention = frame.locator('[role="radio"][data-filter="attention"]');
    await attention.locator('.count', { hasText: /^3$/ }).waitFor({ timeout: 30_000 });
    await frame
      .locator('.badge', { hasText: /Checking/ })
      .first()
      .waitFor({ state: 'detached', timeout: 15_000 });
    const counts = await frame.evaluate(
      '[...document.querySelectorAll("[role=radio]")].map((el) => el.textContent.replace(/\\s+/g, " ").trim())',
    );
    assert.deepEqual(counts, ['All 5', 'Linked 1', 'Not linked 1', 'Needs attention 3']);
    assert.equal(await frame.locator('[role="radiogroup"]').getAttribute('aria-label'), 'Show instances');
    // Tab reaches the chosen radio only; the arrows move the choice.
    await frame.locator('[role="radio"][aria-checked="true"]').focus();
    assert.equal(await frame.evaluate('document.activeElement.dataset.filter'), 'all');
    for (let i = 0; i < 3; i++) await bench.page.keyboard.press('ArrowRight');
    assert.equal(await attention.getAttribute('aria-checked'), 'true');
    assert.equal(await attention.getAttribute('tabindex'), '0');
    assert.equal(await frame.evaluate('document.activeElement.dataset.filter'), 'attention');
    assert.deepEqual(await shownNames(frame), NEEDS_ATTENTION);
    assert.equal(await frame.locator('[role="status"]').textContent(), '3 of 5 instances');
    await waitFor(
      'a picture with no row being checked',
      async () => {
        await frame
          .locator('.badge', { hasText: /Checking/ })
          .first()
          .waitFor({ state: 'detached', timeout: 15_000 });
        await bench.picture('sidebar-filter', 'sidebar-filter');
        return (await frame.locator('.badge', { hasText: /Checking/ }).count()) === 0 || undefined;
      },
      60_000,
    );
  });

  it("keeps the choice across a reload of the window (VS Code keeps the webview view's saved state)", async () => {
    // As a person reloads: the command lets the workbench save its state (a browser reload may not).
    await Promise.all([
      bench.page.waitForEvent('load', { timeout: 60_000 }),
      bench.runCommand('Developer: Reload Window'),
    ]);
    await bench.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The workbench may still be restoring its sidebar: a click on the activity icon then would
    // toggle the container shut, so focus the view by its command, which only ever opens it.
    await bench.runCommand('Focus on Instances View');
    frame = await bench.webviewFrame('#app ul.rows li.row');
    await frame.locator('[role="radio"][data-filter="attention"][aria-checked="true"]').waitFor({ timeout: 30_000 });
    await waitFor(
      'the rows drawn under the kept choice',
      async () => (await shownNames(frame)).length === NEEDS_ATTENTION.length || undefined,
      30_000,
    );
    assert.deepEqual(await shownNames(frame), NEEDS_ATTENTION);
    // Home goes back to All.
    await frame.locator('[role="radio"][aria-checked="true"]').focus();
    await bench.page.keyboard.press('Home');
    await waitFor(
      'every row shown again',
      async () => (await shownNames(frame)).length === INSTANCES.length || undefined,
      10_000,
    );
    assert.equal(await frame.locator('[role="status"]').textContent(), '5 of 5 instances');
  });
});
