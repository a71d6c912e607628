import * as assert from 'node:assert/strict';
import { Frame } from 'playwright-core';
import { GREEN_API_ACTIVITY, Workbench, getCodeInPanel, openWorkbench } from './workbench';

const HEBREW = 'מכירות צפון';
const ARABIC = 'المبيعات';

function row(frame: Frame, name: string) {
  return frame.locator('li.row', { has: frame.locator('.name', { hasText: name }) });
}

/**
 * Names in right-to-left scripts inside the English workbench (issue 27, item 3): a Hebrew or
 * Arabic name reads right to left in its row without reordering the idInstance, host or phone
 * beside it, and the code is marked translate="no" so a browser translator leaves it alone.
 */
describe('instance names in Hebrew and Arabic, as a person reads them in the sidebar, the Link panel and the status bar', function () {
  this.timeout(180_000);
  let bench: Workbench;
  let frame: Frame;

  before(async () => {
    bench = await openWorkbench({
      instances: [{ name: HEBREW, state: 'authorized', phone: '972501234567' }, { name: ARABIC }],
    });
    await bench.page.locator(GREEN_API_ACTIVITY).click();
    frame = await bench.webviewFrame('#app ul.rows');
  });
  after(() => bench?.close());
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await bench?.screenshot(`failed-other-scripts-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}`);
    }
  });

  it('each name reads right to left in its row, while its host and phone stay left to right', async () => {
    await row(frame, HEBREW).locator('.phone', { hasText: '+972' }).waitFor({ timeout: 15_000 });
    await row(frame, ARABIC).locator('.badge', { hasText: 'Not linked' }).waitFor({ timeout: 15_000 });
    const directions = (await frame.evaluate(`(() => [...document.querySelectorAll('li.row')].map((row) => ({
      name: row.querySelector('.name').textContent,
      nameDirection: getComputedStyle(row.querySelector('.name bdi')).direction,
      gapAfterBadge: row.querySelector('.name bdi').getBoundingClientRect().left - row.querySelector('.badge').getBoundingClientRect().right,
      hostDirection: getComputedStyle(row.querySelector('.details bdi')).direction,
      phoneDirection: row.querySelector('.phone bdi') ? getComputedStyle(row.querySelector('.phone bdi')).direction : '',
    })))()`)) as Array<{
      name: string;
      nameDirection: string;
      gapAfterBadge: number;
      hostDirection: string;
      phoneDirection: string;
    }>;
    assert.deepEqual(
      directions
        .map(({ name, nameDirection, hostDirection }) => ({ name, nameDirection, hostDirection }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      [
        { name: ARABIC, nameDirection: 'rtl', hostDirection: 'ltr' },
        { name: HEBREW, nameDirection: 'rtl', hostDirection: 'ltr' },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    );
    assert.equal(directions.find((entry) => entry.name === HEBREW)?.phoneDirection, 'ltr');
    // The row is laid out left to right as every other: the name starts beside its badge, not at the far end.
    for (const entry of directions) {
      assert.ok(entry.gapAfterBadge >= 0 && entry.gapAfterBadge < 24, JSON.stringify(entry));
    }
    await bench.picture('other-scripts-rows');
  });

  it('the Link panel names the Arabic instance isolated, and its code, in the row, the panel and the status bar, is not for translating', async () => {
    await row(frame, ARABIC).getByRole('button', { name: 'Link phone', exact: true }).click();
    const panel = await bench.webviewFrame('#phone-input');
    assert.equal(await panel.locator('h1 bdi').textContent(), ARABIC);
    await getCodeInPanel(panel);
    assert.equal(await panel.locator('#code-value').getAttribute('translate'), 'no');
    const code = row(frame, ARABIC).locator('.code-value');
    await code.waitFor({ timeout: 10_000 });
    assert.equal(await code.getAttribute('translate'), 'no');
    const grouped = (await code.textContent()) ?? '';
    const item = bench.statusBarItem(new RegExp(grouped));
    await item.waitFor();
    // The name and the code both show: the right-to-left name does not swallow the code or the countdown.
    const text = (await item.textContent()) ?? '';
    // The name is isolated (U+2068 … U+2069), so its right-to-left run does not take the code and the countdown with it.
    assert.ok(text.includes(`\u2068${ARABIC}\u2069`), JSON.stringify(text));
    assert.match(text, new RegExp(`${grouped}.*\\d:\\d\\d`));
    await bench.picture('other-scripts-code');
  });
});
