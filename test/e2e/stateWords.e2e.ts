import * as assert from 'node:assert/strict';
import { GREEN_API_ACTIVITY, Workbench, openWorkbench, visibleText } from './workbench';

/** Every row's text in the quick pick that is open, separators included, top to bottom. */
async function pickRows(bench: Workbench): Promise<string[]> {
  const rows = bench.page.locator('.quick-input-widget:visible .quick-input-list .monaco-list-row');
  await rows.first().waitFor({ timeout: 30_000 });
  return (await rows.allInnerTexts()).map((text) => visibleText(text).replace(/\s+/g, ' ').trim());
}

/** The row the quick pick has active (Enter would choose it). */
async function activeRow(bench: Workbench): Promise<string> {
  const row = bench.page.locator('.quick-input-widget:visible .quick-input-list .monaco-list-row.focused');
  await row.waitFor({ timeout: 30_000 });
  return visibleText(await row.innerText()).replace(/\s+/g, ' ');
}

/**
 * One vocabulary of states (issue 30, item 8): the Get Code picker, Show State History and the
 * badge's tooltip say a state as the sidebar's badge does, GREEN-API's name in parentheses; the
 * Get Code picker puts the instance a code can link first, with states checked before it shows;
 * a stored idInstance is caught at Add Instance's step 2 with Replace there. On the old code the
 * picker listed Alpha (authorized) first with "authorized" or "state not checked yet", the history
 * read "notAuthorized", and a stored idInstance went on to step 3 unnoticed.
 */
describe('states in the sidebar words, the code picker, and a stored idInstance at step 2', function () {
  this.timeout(180_000);
  let bench: Workbench;
  let alpha: string;

  before(async () => {
    bench = await openWorkbench({
      instances: [
        { name: 'Alpha', state: 'authorized', phone: '447911123456' },
        { name: 'Beta' },
        { name: 'Gamma', state: 'sleepMode' },
      ],
    });
    const byName = (name: string): string =>
      bench.emulator.store.list().find((instance) => instance.name === name)?.idInstance ?? '';
    alpha = byName('Alpha');
  });
  after(() => bench?.close());
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await bench?.screenshot(`failed-state-words-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}`);
    }
  });

  it('the Get Code picker, before any check, shows current states and has the not-linked instance active', async () => {
    // The Instances view was never opened: nothing has checked a state yet.
    await bench.runCommand('GREEN-API: Get Authorization Code');
    const rows = await pickRows(bench);
    assert.match(rows.join('\n'), /Beta.*Not linked \(notAuthorized\)/);
    assert.match(rows.join('\n'), /Alpha.*Authorized \(authorized\)/);
    assert.match(rows.join('\n'), /Gamma.*Phone offline \(sleepMode\)/);
    assert.doesNotMatch(rows.join('\n'), /not checked/i);
    assert.match(await activeRow(bench), /Beta/);
    await bench.picture('state-words-get-code-picker');
    await bench.page.keyboard.press('Escape');
  });

  it("Show State History and the badge's tooltip say states in the sidebar's words", async () => {
    await bench.runCommand('GREEN-API: Show State History');
    await bench.page.locator('.quick-input-widget:visible .quick-input-list .monaco-list-row').first().waitFor();
    await bench.page.keyboard.type('Beta');
    await bench.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Beta' }).waitFor();
    await bench.page.keyboard.press('Enter');
    await bench.page.locator('.quick-input-widget:visible .quick-input-title', { hasText: 'State history' }).waitFor();
    const rows = await pickRows(bench);
    assert.match(rows[0] ?? '', /^Not linked.*\(notAuthorized\)$/);
    await bench.picture('state-words-history');
    await bench.page.keyboard.press('Escape');

    await bench.page.locator(GREEN_API_ACTIVITY).click();
    const view = await bench.webviewFrame('#app li.row');
    const badge = view.locator('li.row', { hasText: 'Beta' }).locator('.badge');
    await badge.waitFor();
    assert.match(
      (await badge.getAttribute('title')) ?? '',
      /State history \(newest first\):\nNot linked \(notAuthorized\) · /,
    );
  });

  it("catches a stored idInstance at Add Instance's step 2 and asks Replace there", async () => {
    await bench.runCommand('GREEN-API: Add Instance');
    await bench.answer(bench.apiUrl);
    const widget = bench.page.locator('.quick-input-widget:visible');
    await widget.locator('.quick-input-title', { hasText: '(2/4): idInstance' }).waitFor();
    await widget.locator('input').fill(alpha);
    await widget.locator('.quick-input-message', { hasText: `Instance ${alpha} (Alpha) is already stored` }).waitFor();
    await bench.page.keyboard.press('Enter');
    const dialog = bench.page.locator('.monaco-dialog-box', { hasText: 'is already stored. Replace' });
    await dialog.waitFor({ timeout: 15_000 });
    await bench.picture('state-words-replace-at-step-2');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Cancel stays at step 2, the value kept; Replace goes on to the token.
    await widget.locator('.quick-input-title', { hasText: '(2/4): idInstance' }).waitFor();
    assert.equal(await widget.locator('input').inputValue(), alpha);
    await widget.locator('input').focus();
    await bench.page.keyboard.press('Enter');
    await dialog.waitFor({ timeout: 15_000 });
    await dialog.getByRole('button', { name: 'Replace' }).click();
    await widget.locator('.quick-input-title', { hasText: '(3/4): apiTokenInstance' }).waitFor({ timeout: 15_000 });
    await bench.page.keyboard.press('Escape');
  });
});
