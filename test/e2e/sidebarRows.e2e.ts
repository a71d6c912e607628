import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';
import { instanceOrder } from '../../src/core/instanceOrder';
import { InstanceRow } from '../../src/views/instances/protocol';
import { CHROMIUM_ARGS, REPO_ROOT, chromiumPath } from '../harness/codeServer';
import { waitFor } from '../harness/waitFor';
import { WindowedRow, readWindowedRows } from './workbench';

/** The Instances view's own bundle, as the webview gets it, with a stand-in for acquireVsCodeApi; served by routing, no network. */
const ORIGIN = 'http://webview.test';
const PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><link href="instances.css" rel="stylesheet"></head>
<body style="width:300px"><main id="app"></main>
<script>window.posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push(m), getState: () => undefined, setState: () => undefined });</script>
<script src="instances.js"></script></body></html>`;

/** Rows as the host sends them: in the list's order (InstanceRegistry.list sorts with instanceOrder). */
function makeRows(count: number, now: number): InstanceRow[] {
  return Array.from({ length: count }, (_, i): InstanceRow => ({
    idInstance: String(1101000000 + i),
    name: `Instance ${String(count - i).padStart(5, '0')}`,
    host: '1103.api.greenapi.com',
    shared: false,
    status: { kind: 'state', state: i % 2 ? 'authorized' : 'notAuthorized' },
    phoneMasked: undefined,
    checkedAt: now,
    code: undefined,
    dropped: false,
    history: [],
  })).sort(instanceOrder('en'));
}

/**
 * The whole list as a person reads it (readWindowedRows: scrolled through a view at a time, the
 * list is windowed). Fails when a place is read twice with another row, is missing, or gives a
 * set size other than the rows read.
 */
async function scrollThrough(page: Page): Promise<WindowedRow[]> {
  const { rows: read, moved } = await readWindowedRows(page);
  assert.deepEqual(moved, [], 'a place held one row, then another');
  read.forEach((row, i) => {
    assert.equal(row.at, i + 1, `place ${i + 1} was never drawn`);
    assert.equal(row.size, read.length, `${row.name} says ${row.size} rows, the list held ${read.length}`);
  });
  return read;
}

const byName = (a: string, b: string): number => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });

describe('the Instances view with 10,000 instances (the real webview bundle in Chromium)', function () {
  this.timeout(180_000);
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 300, height: 900 } });
    const root = path.join(REPO_ROOT, 'dist', 'webview');
    await page.route(`${ORIGIN}/**`, (route) => {
      const name = new URL(route.request().url()).pathname;
      if (name === '/') return route.fulfill({ contentType: 'text/html', body: PAGE });
      const file = path.join(root, path.normalize(name));
      return file.startsWith(root) && fs.existsSync(file)
        ? route.fulfill({ path: file })
        : route.fulfill({ status: 404 });
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction('window.posted.length > 0');
  });
  after(() => browser?.close());

  it('draws only the rows near the view, and scrolled through shows every row in order, with updates and removals of rows far down landing right', async () => {
    const rows = makeRows(10_000, Date.now());
    const drawnAtOnce = (await page.evaluate(`(() => {
      window.dispatchEvent(new MessageEvent('message', { data: { type: 'init', rows: ${JSON.stringify(rows)}, problems: [] } }));
      return document.querySelectorAll('li.row').length;
    })()`)) as number;
    assert.ok(drawnAtOnce > 0 && drawnAtOnce <= 100, `${drawnAtOnce} rows were drawn in the first frame`);
    // Rows far down the list: rename one to sort first, update another, remove a third.
    const renamed = { ...rows[9_000], name: 'Aardvark' } as InstanceRow;
    const updated = { ...rows[9_005], status: { kind: 'state', state: 'blocked' } } as InstanceRow;
    await page.evaluate(`(() => {
      window.dispatchEvent(new MessageEvent('message', { data: { type: 'rows', rows: ${JSON.stringify([renamed, updated])} } }));
      window.dispatchEvent(new MessageEvent('message', { data: { type: 'removeRow', idInstance: '${rows[9_009]?.idInstance}' } }));
    })()`);
    assert.ok((await page.locator('li.row').count()) <= 100, 'the list stays windowed');
    const read = await scrollThrough(page);
    const names = read.map((row) => row.name);
    assert.equal(names.length, 9_999);
    assert.equal(names[0], 'Aardvark', 'the renamed row moved to the top');
    const rest = names.slice(1);
    assert.deepEqual(rest, [...rest].sort(byName), 'the rows are in order');
    assert.equal(new Set(names).size, names.length, 'no row is read twice');
    assert.ok(!names.includes(rows[9_009]?.name ?? ''), 'the removed row is gone');
    assert.match(read.find((row) => row.id === updated.idInstance)?.badge ?? '', /Blocked/);
  });

  it('shows the state choices and the text filter from the first row, and narrows a 10,000-row list sent later', async () => {
    await page.evaluate(
      `window.dispatchEvent(new MessageEvent('message', { data: { type: 'init', rows: ${JSON.stringify(makeRows(1, Date.now()))}, problems: [] } }))`,
    );
    assert.equal(
      await page.locator('.filter input[type="search"]').isVisible(),
      true,
      'the text filter shows with 1 row',
    );
    assert.equal(await page.locator('[role="radiogroup"] [role="radio"]').count(), 4);
    // Half the rows are linked: choose Linked, then send a whole new list; it is drawn under the choice.
    await page.locator('[role="radio"][data-filter="linked"]').click();
    await page.evaluate(
      `window.dispatchEvent(new MessageEvent('message', { data: { type: 'init', rows: ${JSON.stringify(makeRows(10_000, Date.now()))}, problems: [] } }))`,
    );
    assert.equal(await page.locator('li.row').first().getAttribute('aria-setsize'), '5000');
    assert.equal(await page.locator('[role="radio"][data-filter="linked"] .count').textContent(), '5000');
    await page.locator('.filter input[type="search"]').fill('Instance 0999');
    assert.equal(await page.locator('[role="status"]').textContent(), '5 of 10000 instances');
    assert.equal(await page.locator('li.row').count(), 5);
    await page.locator('.filter input[type="search"]').fill('');
    await page.locator('[role="radio"][data-filter="all"]').click();
  });

  it('draws a filter change on 10,000 rows from the top, and scrolled through shows the matching rows in order, an update and a removal made meanwhile landing right', async () => {
    const rows = makeRows(10_000, Date.now());
    await page.evaluate(
      `window.dispatchEvent(new MessageEvent('message', { data: { type: 'init', rows: ${JSON.stringify(rows)}, problems: [] } }))`,
    );
    // Near the end: a not-linked row becomes linked, a linked one goes.
    const linkedNow = { ...rows[9_000], status: { kind: 'state', state: 'authorized' } } as InstanceRow;
    const removed = rows.filter(
      (row) => row.status.kind === 'state' && row.status.state === 'authorized',
    )[4_900] as InstanceRow;
    const drawnAtOnce = (await page.evaluate(`(() => {
      document.querySelector('[role="radio"][data-filter="linked"]').click();
      const drawn = document.querySelectorAll('ul.rows li.row').length;
      window.dispatchEvent(new MessageEvent('message', { data: { type: 'rows', rows: [${JSON.stringify(linkedNow)}] } }));
      window.dispatchEvent(new MessageEvent('message', { data: { type: 'removeRow', idInstance: '${removed.idInstance}' } }));
      return drawn;
    })()`)) as number;
    assert.ok(drawnAtOnce > 0 && drawnAtOnce <= 100, `${drawnAtOnce} rows drawn in the click's task`);
    const expected = rows
      .map((row) => (row.idInstance === linkedNow.idInstance ? linkedNow : row))
      .filter(
        (row) =>
          row.idInstance !== removed.idInstance && row.status.kind === 'state' && row.status.state === 'authorized',
      )
      .map((row) => row.name);
    assert.deepEqual(
      (await scrollThrough(page)).map((row) => row.name),
      expected,
    );
    await page.locator('[role="radio"][data-filter="all"]').click();
  });

  it('moves between rows with the arrows past the rows drawn, and finds a row far down by scrolling with the wheel', async () => {
    const rows = makeRows(10_000, Date.now());
    await page.evaluate(
      `window.dispatchEvent(new MessageEvent('message', { data: { type: 'init', rows: ${JSON.stringify(rows)}, problems: [] } }))`,
    );
    const drawn = await page.locator('li.row').count();
    await page.locator('li.row[aria-posinset="1"] button[data-action="reboot"]').focus();
    for (let i = 0; i < drawn + 10; i++) await page.keyboard.press('ArrowDown');
    const focused = (await page.evaluate(`(() => {
      const row = document.activeElement.closest('li.row');
      const box = row.getBoundingClientRect();
      return { at: row.getAttribute('aria-posinset'), action: document.activeElement.dataset.action, inView: box.bottom > 0 && box.top < innerHeight };
    })()`)) as { at: string; action: string; inView: boolean };
    assert.deepEqual(focused, { at: String(drawn + 11), action: 'reboot', inView: true });
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
    assert.equal(
      await page.evaluate("document.activeElement.closest('li.row').getAttribute('aria-posinset')"),
      String(drawn + 8),
    );
    assert.ok((await page.locator('li.row').count()) <= 100, 'the list stays windowed');
    // The wheel, as a person scrolls: the 300th row comes into the document and the view.
    const wanted = page.locator('li.row', { has: page.locator('.name', { hasText: rows[299]?.name ?? '' }) });
    await page.mouse.move(150, 450);
    await waitFor(
      'the 300th row scrolled into view',
      async () => {
        if ((await wanted.count()) === 1 && (await wanted.isVisible())) {
          const box = await wanted.boundingBox();
          if (box && box.y < 900 && box.y + box.height > 0) return true;
        }
        await page.mouse.wheel(0, 400);
        return undefined;
      },
      60_000,
    );
    assert.equal(await wanted.getAttribute('aria-posinset'), '300');
    await page.evaluate('window.scrollTo(0, 0)');
  });

  it('matches the state words in the display language: "не привязан" finds the Не привязан rows (a Russian page)', async () => {
    const russian = await browser.newPage({ viewport: { width: 300, height: 900 } });
    try {
      const bundle = fs.readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.ru.json'), 'utf8');
      const body = PAGE.replace('lang="en"', 'lang="ru"').replace(
        '<body style="width:300px">',
        `<body style="width:300px" data-l10n="${bundle.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`,
      );
      await russian.route(`${ORIGIN}/**`, (route) => {
        const name = new URL(route.request().url()).pathname;
        if (name === '/') return route.fulfill({ contentType: 'text/html', body });
        const file = path.join(REPO_ROOT, 'dist', 'webview', path.normalize(name));
        return fs.existsSync(file) ? route.fulfill({ path: file }) : route.fulfill({ status: 404 });
      });
      await russian.goto(`${ORIGIN}/`);
      await russian.waitForFunction('window.posted.length > 0');
      const rows = makeRows(10, Date.now());
      await russian.evaluate(
        `window.dispatchEvent(new MessageEvent('message', { data: { type: 'init', rows: ${JSON.stringify(rows)}, problems: [] } }))`,
      );
      await russian.locator('.filter input[type="search"]').fill('не привязан');
      const shown = (await russian.evaluate(
        '[...document.querySelectorAll("li.row:not([hidden]) .badge")].map((el) => el.textContent.trim())',
      )) as string[];
      assert.deepEqual(shown, Array(5).fill('Не привязан'));
      await russian.locator('.filter input[type="search"]').fill('НЕ ПРИВЯЗАН');
      assert.equal(await russian.locator('li.row:not([hidden])').count(), 5);
    } finally {
      await russian.close();
    }
  });

  it('puts a list the host ordered differently (another ICU, another default locale) in its own order after the first frame', async () => {
    // The host's order reversed: the first frame shows it as it came, idle time puts it right.
    const rows = makeRows(500, Date.now()).reverse();
    await page.evaluate(
      `window.dispatchEvent(new MessageEvent('message', { data: { type: 'init', rows: ${JSON.stringify(rows)}, problems: [] } }))`,
    );
    const read = await waitFor(
      "the rows in the page's own order",
      async () => {
        const names = (await scrollThrough(page)).map((row) => row.name);
        return names.length === 500 && names.every((name, i) => i === 0 || byName(names[i - 1] ?? '', name) <= 0)
          ? names
          : undefined;
      },
      60_000,
    );
    assert.equal(new Set(read).size, 500, 'each row read once');
  });
});
