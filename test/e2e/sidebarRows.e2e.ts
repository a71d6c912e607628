import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';
import { instanceOrder } from '../../src/core/instanceOrder';
import { InstanceRow } from '../../src/views/instances/protocol';
import { CHROMIUM_ARGS, REPO_ROOT, chromiumPath } from '../harness/codeServer';

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

describe('the Instances view with 10,000 instances (the real webview bundle in Chromium)', function () {
  this.timeout(120_000);
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

  it('draws the first screenful at once and the rest in order, while updates and removals of rows not drawn yet land right', async () => {
    const rows = makeRows(10_000, Date.now());
    const drawnAtOnce = (await page.evaluate(`(() => {
      window.dispatchEvent(new MessageEvent('message', { data: { type: 'init', rows: ${JSON.stringify(rows)}, problems: [] } }));
      return document.querySelectorAll('li.row').length;
    })()`)) as number;
    assert.ok(drawnAtOnce > 0 && drawnAtOnce <= 100, `${drawnAtOnce} rows were drawn in the first frame`);
    // While the rest arrives: rename one that is not drawn yet to sort first, update another, remove a third.
    // Rows far down the list: the first screenful is a few dozen.
    const renamed = { ...rows[9_000], name: 'Aardvark' } as InstanceRow;
    const updated = { ...rows[9_005], status: { kind: 'state', state: 'blocked' } } as InstanceRow;
    await page.evaluate(`(() => {
      window.dispatchEvent(new MessageEvent('message', { data: { type: 'rows', rows: ${JSON.stringify([renamed, updated])} } }));
      window.dispatchEvent(new MessageEvent('message', { data: { type: 'removeRow', idInstance: '${rows[9_009]?.idInstance}' } }));
    })()`);
    await page.waitForFunction('document.querySelectorAll("li.row").length === 9999', undefined, { timeout: 60_000 });
    const names = (await page.evaluate(
      '[...document.querySelectorAll("li.row .name")].map((el) => el.textContent)',
    )) as string[];
    assert.equal(names[0], 'Aardvark', 'the renamed row moved to the top');
    const rest = names.slice(1);
    assert.deepEqual(
      rest,
      [...rest].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' })),
      'the rows are in order',
    );
    assert.equal(new Set(names).size, names.length, 'no row is drawn twice');
    assert.ok(!names.includes(rows[9_009]?.name ?? ''), 'the removed row is not drawn');
    const badge = (await page.evaluate(
      `document.querySelector('li.row[data-id="${updated.idInstance}"] .badge').textContent`,
    )) as string;
    assert.match(badge, /Blocked/);
  });

  it('shows the state choices and the text filter from the first row, and narrows a 10,000-row list drawn later', async () => {
    await page.evaluate(
      `window.dispatchEvent(new MessageEvent('message', { data: { type: 'init', rows: ${JSON.stringify(makeRows(1, Date.now()))}, problems: [] } }))`,
    );
    assert.equal(
      await page.locator('.filter input[type="search"]').isVisible(),
      true,
      'the text filter shows with 1 row',
    );
    assert.equal(await page.locator('[role="radiogroup"] [role="radio"]').count(), 4);
    // Half the rows are linked: choose Linked, then send a whole new list; its backlog is drawn under the choice.
    await page.locator('[role="radio"][data-filter="linked"]').click();
    await page.evaluate(
      `window.dispatchEvent(new MessageEvent('message', { data: { type: 'init', rows: ${JSON.stringify(makeRows(10_000, Date.now()))}, problems: [] } }))`,
    );
    await page.waitForFunction('document.querySelectorAll("li.row").length === 10000', undefined, { timeout: 60_000 });
    assert.equal(await page.locator('li.row:not([hidden])').count(), 5_000);
    assert.equal(await page.locator('[role="radio"][data-filter="linked"] .count').textContent(), '5000');
    await page.locator('.filter input[type="search"]').fill('Instance 0999');
    assert.equal(await page.locator('[role="status"]').textContent(), '5 of 10000 instances');
    await page.locator('.filter input[type="search"]').fill('');
    await page.locator('[role="radio"][data-filter="all"]').click();
  });

  it('draws a filter change on 10,000 drawn rows from the top: a screenful at once, the matching rows later in order, an update and a removal made meanwhile landing right', async () => {
    const rows = makeRows(10_000, Date.now());
    await page.evaluate(
      `window.dispatchEvent(new MessageEvent('message', { data: { type: 'init', rows: ${JSON.stringify(rows)}, problems: [] } }))`,
    );
    await page.waitForFunction('document.querySelectorAll("li.row").length === 10000', undefined, { timeout: 60_000 });
    // Near the end, so not drawn again yet: a not-linked row becomes linked, a linked one goes.
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
    assert.ok(drawnAtOnce < 1_000, `${drawnAtOnce} rows drawn in the click's task`);
    // The old list, set aside out of sight, is emptied in idle time too.
    await page.waitForFunction(
      'document.querySelectorAll("ul.rows li.row").length === 9999 && document.querySelectorAll("li.row").length === 9999',
      undefined,
      { timeout: 60_000 },
    );
    const expected = rows
      .map((row) => (row.idInstance === linkedNow.idInstance ? linkedNow : row))
      .filter(
        (row) =>
          row.idInstance !== removed.idInstance && row.status.kind === 'state' && row.status.state === 'authorized',
      )
      .map((row) => row.name);
    const shown = (await page.evaluate(
      '[...document.querySelectorAll("li.row:not([hidden]) .name")].map((el) => el.textContent)',
    )) as string[];
    assert.deepEqual(shown, expected);
    await page.locator('[role="radio"][data-filter="all"]').click();
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
    const namesInOrder = `(() => {
      const names = [...document.querySelectorAll('li.row .name')].map((el) => el.textContent);
      return names.length === 500 && names.every((name, i) => i === 0 || names[i - 1].localeCompare(name, 'en', { numeric: true, sensitivity: 'base' }) <= 0);
    })()`;
    await page.waitForFunction(namesInOrder, undefined, { timeout: 60_000 });
    assert.equal(
      await page.evaluate('new Set([...document.querySelectorAll("li.row")].map((el) => el.dataset.id)).size'),
      500,
      'each row drawn once',
    );
  });
});
