import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Frame } from 'playwright-core';
import { EmulatedInstance } from '../../emulator/instances';
import { waitFor } from '../harness/waitFor';
import { GREEN_API_ACTIVITY, Workbench, openWorkbench, readWindowedRows } from './workbench';

/** 24 instances named in an order that scatters the ones needing attention (blocked, phone offline, a refused token). */
const STATES = [
  'authorized',
  'notAuthorized',
  'authorized',
  'blocked',
  'authorized',
  'sleepMode',
  'notAuthorized',
  'authorized',
];
const INSTANCES = Array.from({ length: 24 }, (_, i) => {
  const state = STATES[i % STATES.length] as string;
  return {
    idInstance: String(1101000101 + i),
    name: `Shop ${String(i + 1).padStart(2, '0')}`,
    state,
    ...(state === 'authorized' ? { phone: `4412345678${String(i).padStart(2, '0')}` } : {}),
  };
});
/** Its token refused: an error row, which needs attention. */
const REFUSED = '1101000124';
const byName = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
const namesIn = (states: readonly string[]): string[] =>
  INSTANCES.filter((spec) => spec.idInstance !== REFUSED && states.includes(spec.state)).map((spec) => spec.name);
const REFUSED_NAME = INSTANCES.find((spec) => spec.idInstance === REFUSED)?.name as string;
const ATTENTION = [...namesIn(['blocked', 'sleepMode']), REFUSED_NAME].sort(byName);
const NOT_LINKED = namesIn(['notAuthorized']).sort(byName);
const LINKED = namesIn(['authorized']).sort(byName);

/** The names of the rows the filter shows, in order, read by scrolling through the windowed list (readWindowedRows). */
async function shownNames(frame: Frame): Promise<string[]> {
  return (await readWindowedRows(frame)).rows.map((row) => row.name);
}

/** The rows that fit in the view without scrolling, and their mean height (px), measured in the page. */
async function rowsOnScreen(frame: Frame): Promise<{ fit: number; meanPx: number; viewPx: number }> {
  return (await frame.evaluate(`(async () => {
    window.scrollTo(0, 0);
    // The windowed list draws the rows of the new scroll position in the next frame.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const rows = [...document.querySelectorAll('ul.rows li.row:not([hidden])')].map((el) => el.getBoundingClientRect());
    const fit = rows.filter((box) => box.bottom <= window.innerHeight);
    const meanPx = fit.reduce((sum, box) => sum + box.height, 0) / fit.length;
    return { fit: fit.length, meanPx, viewPx: window.innerHeight };
  })()`)) as { fit: number; meanPx: number; viewPx: number };
}

function row(frame: Frame, name: string) {
  return frame.locator('li.row', { has: frame.locator('.name', { hasText: new RegExp(`^${name}$`) }) });
}

/** The row named `name`, scrolled into view as a person scrolls to it (the list is windowed). */
async function revealRow(frame: Frame, name: string) {
  const target = row(frame, name);
  return waitFor(
    `${name} scrolled into view`,
    async () => {
      if ((await target.count()) === 1) {
        await target.scrollIntoViewIfNeeded();
        return target;
      }
      await frame.evaluate('window.scrollBy(0, window.innerHeight / 2)');
      return undefined;
    },
    20_000,
  );
}

/** Chooses `item` (under `submenu`, when given) in the Instances view's title menu ("..."), as a person does. */
async function chooseInViewMenu(bench: Workbench, item: string, submenu?: string): Promise<void> {
  await bench.page.locator('.part.sidebar .composite.title a.codicon-toolbar-more').first().click();
  // Pointed at, then Enter: as the workbench's menus take a choice from the keyboard.
  for (const name of submenu ? [submenu, item] : [item]) {
    const entry = bench.page.getByRole('menuitem', { name, exact: true });
    await entry.hover();
    // The menu draws in a shadow root: its focused entry is the one marked so.
    await bench.page
      .locator('.monaco-menu .action-item.focused')
      .getByRole('menuitem', { name, exact: true })
      .waitFor({ timeout: 10_000 })
      .catch(async (error: Error) => {
        await bench.screenshot(`triage-menu-${name.replace(/\W+/g, '-')}`);
        throw error;
      });
    await bench.page.keyboard.press(name === item ? 'Enter' : 'ArrowRight');
  }
  await bench.page.locator('.context-view .monaco-menu').first().waitFor({ state: 'detached', timeout: 10_000 });
}

describe('triage at 24 instances in the real workbench: state words in the filter, no-match, attention first, compact rows', function () {
  this.timeout(240_000);
  let bench: Workbench;
  let frame: Frame;
  const emulated = (id: string): EmulatedInstance => bench.emulator.store.get(id) as EmulatedInstance;
  const filterBox = () => frame.locator('.filter input[type="search"]');
  const status = async (): Promise<string> => ((await frame.locator('[role="status"]').textContent()) ?? '').trim();

  before(async () => {
    bench = await openWorkbench({ instances: INSTANCES });
    emulated(REFUSED).faults = [{ method: 'getStateInstance', status: 401 }];
    await bench.page.locator(GREEN_API_ACTIVITY).click();
    frame = await bench.webviewFrame('#app ul.rows li.row');
    await frame
      .locator('[role="radio"][data-filter="attention"] .count', { hasText: new RegExp(`^${ATTENTION.length}$`) })
      .waitFor({ timeout: 60_000 });
    await frame
      .locator('.badge', { hasText: /Checking/ })
      .first()
      .waitFor({ state: 'detached', timeout: 30_000 });
  });
  after(() => bench?.close());

  it('finds the rows by the state words they show: "not linked", "phone offline"', async () => {
    await filterBox().fill('not linked');
    await waitFor(
      'only the not-linked rows',
      async () => (await shownNames(frame)).length === NOT_LINKED.length || undefined,
      10_000,
    );
    assert.deepEqual(await shownNames(frame), NOT_LINKED);
    await filterBox().fill('PHONE OFFLINE');
    assert.deepEqual(await shownNames(frame), namesIn(['sleepMode']).sort(byName));
    assert.equal(await filterBox().getAttribute('placeholder'), 'Filter by name, state, idInstance or host');
  });

  it('says no instance matches, with a way to clear both filters that the keyboard reaches', async () => {
    await frame.locator('[role="radio"][data-filter="linked"]').click();
    await filterBox().fill('zzz');
    const noMatch = frame.locator('.no-match');
    await noMatch.waitFor({ state: 'visible' });
    assert.match((await noMatch.textContent()) ?? '', /No instance matches the filter\./);
    assert.deepEqual(await shownNames(frame), []);
    await bench.picture('sidebar-no-match');
    // From the text box, the next Tab stop is the way out (every row is hidden).
    await filterBox().focus();
    await bench.page.keyboard.press('Tab');
    assert.equal(await frame.evaluate('document.activeElement.textContent'), 'Clear filters');
    await bench.page.keyboard.press('Enter');
    await waitFor(
      'every row shown again',
      async () => (await shownNames(frame)).length === INSTANCES.length || undefined,
      10_000,
    );
    assert.equal(await filterBox().inputValue(), '');
    assert.equal(await frame.locator('[role="radio"][data-filter="all"]').getAttribute('aria-checked'), 'true');
    assert.equal(await noMatch.isVisible(), false);
    assert.equal(await frame.evaluate('document.activeElement.type'), 'search', 'the keyboard is left in the text box');
    assert.equal(await status(), `${INSTANCES.length} of ${INSTANCES.length} instances`);
  });

  it('puts the instances needing attention first from the view menu (Sort By), keeps a changed row in its group, and by name again', async () => {
    assert.notDeepEqual((await shownNames(frame)).slice(0, ATTENTION.length), ATTENTION, 'by name, they are scattered');
    await chooseInViewMenu(bench, 'Needs Attention First', 'Sort By');
    const expected = [...ATTENTION, ...NOT_LINKED, ...LINKED];
    await waitFor(
      'attention first',
      async () => JSON.stringify(await shownNames(frame)) === JSON.stringify(expected) || undefined,
      20_000,
    );
    await bench.picture('sidebar-attention-first');
    // A linked instance gets blocked: its row moves into the first group when it is checked.
    const moving = LINKED[LINKED.length - 1] as string;
    const spec = INSTANCES.find((instance) => instance.name === moving) as (typeof INSTANCES)[number];
    bench.emulator.store.setState(spec.idInstance, 'blocked');
    await (await revealRow(frame, moving)).getByRole('button', { name: 'Check the state now' }).click();
    const moved = [...ATTENTION, moving].sort(byName);
    await waitFor(
      'the blocked row among those needing attention',
      async () =>
        JSON.stringify((await shownNames(frame)).slice(0, moved.length)) === JSON.stringify(moved) || undefined,
      20_000,
    );
    bench.emulator.store.setState(spec.idInstance, 'authorized');
    await (await revealRow(frame, moving)).getByRole('button', { name: 'Check the state now' }).click();
    await waitFor(
      'the row back with the linked ones',
      async () => JSON.stringify(await shownNames(frame)) === JSON.stringify(expected) || undefined,
      20_000,
    );
  });

  it('keeps the screen-reader status current: a code cancelled, a phone unlinked', async () => {
    const [first, second] = NOT_LINKED as [string, string];
    const getCode = async (name: string): Promise<string> => {
      await row(frame, name).getByRole('button', { name: 'Link phone', exact: true }).click();
      const panel = await bench.webviewFrame('#phone-input');
      await panel.locator('#phone-input').fill('+44 1234 567890');
      await panel.locator('#get-code').click();
      await row(frame, name).locator('.code').waitFor({ timeout: 30_000 });
      const id = INSTANCES.find((instance) => instance.name === name)?.idInstance as string;
      return emulated(id).pendingCode?.code ?? '';
    };
    await getCode(first);
    await waitFor(
      'the code announced',
      async () => (await status()).startsWith(`Code for ${first} arrived`) || undefined,
      10_000,
    );
    await row(frame, first).getByRole('button', { name: 'Cancel the code' }).click();
    await row(frame, first).locator('.code').waitFor({ state: 'detached', timeout: 10_000 });
    await waitFor('the status no longer says the code', async () => (await status()) === '' || undefined, 10_000).catch(
      async () => assert.fail(`after Cancel Code the status still says "${await status()}"`),
    );
    // The first Link panel is still open: closed, so the next panel found is the second's.
    await bench.runCommand('View: Close All Editors');
    const code = await getCode(second);
    const id = INSTANCES.find((instance) => instance.name === second)?.idInstance as string;
    assert.ok(bench.emulator.store.link(id, code).ok);
    await waitFor('the link announced', async () => (await status()) === `${second} is linked.` || undefined, 30_000);
    await row(frame, second).getByRole('button', { name: 'Log out (unlink the phone)' }).click();
    const dialog = bench.page.locator('.monaco-dialog-box');
    await dialog.getByRole('button', { name: 'Log Out' }).click();
    await row(frame, second).locator('.badge', { hasText: 'Not linked' }).waitFor({ timeout: 15_000 });
    await waitFor(
      'the status no longer says it is linked',
      async () => (await status()) === '' || undefined,
      10_000,
    ).catch(async () => assert.fail(`after Log Out the status still says "${await status()}"`));
    await bench.runCommand('View: Close All Editors');
  });

  it("opens the view menu's imports and export as the palette does: their own questions, no argument error", async () => {
    // Each entry, and what it asks first when run with no argument (no .env in this workspace: the notice says so).
    const entries: { item: string; asks: () => Promise<unknown> }[] = [
      {
        item: 'Import Instances from Partner Account',
        asks: () =>
          bench.page.locator('.quick-input-widget:visible', { hasText: /partner/i }).waitFor({ timeout: 20_000 }),
      },
      {
        item: 'Export Instances (without tokens)',
        asks: () => bench.page.locator('.quick-input-widget:visible').waitFor({ timeout: 20_000 }),
      },
      {
        item: 'Import Instance from .env',
        asks: () => bench.notification(/There is no \.env file in this workspace/).waitFor({ timeout: 20_000 }),
      },
    ];
    await bench.recordNotifications();
    for (const { item, asks } of entries) {
      await chooseInViewMenu(bench, item);
      await asks().catch(async (error: Error) => {
        await bench.screenshot(`view-menu-${item.replace(/\W+/g, '-')}`);
        const { toasts } = await bench.recorded();
        throw new Error(`${item}: its question never showed (${error.message}); toasts: ${JSON.stringify(toasts)}`);
      });
      await bench.page.keyboard.press('Escape');
      await bench.page.locator('.quick-input-widget:visible').waitFor({ state: 'hidden', timeout: 10_000 });
    }
    const { toasts } = await bench.recorded();
    const argumentErrors = toasts.filter((text) => /is required|must be|expects an object|Paste the apiUrl/.test(text));
    assert.deepEqual(argumentErrors, [], 'no entry is refused as a bad argument');
    await bench.runCommand('Notifications: Clear All Notifications');
  });

  it('fits at least twice as many compact rows (Compact Rows in the view menu), their actions on focus', async () => {
    const comfortable = await rowsOnScreen(frame);
    await chooseInViewMenu(bench, 'Compact Rows');
    await frame.locator('body.compact').waitFor({ state: 'attached', timeout: 20_000 });
    await waitFor(
      'the rows drawn compact',
      async () => (await rowsOnScreen(frame)).meanPx < comfortable.meanPx / 2 || undefined,
      10_000,
    ).catch(() => undefined);
    const compact = await rowsOnScreen(frame);
    const per900 = (px: number): number => Math.floor(900 / px);
    console.log(
      `      rows per 900 px: comfortable ${per900(comfortable.meanPx)} (mean ${comfortable.meanPx.toFixed(1)} px, ${comfortable.fit} in the ${comfortable.viewPx} px view), compact ${per900(compact.meanPx)} (mean ${compact.meanPx.toFixed(1)} px, ${compact.fit} in view)`,
    );
    assert.ok(
      per900(compact.meanPx) >= 2 * per900(comfortable.meanPx),
      `compact ${per900(compact.meanPx)} vs ${per900(comfortable.meanPx)} rows per 900 px`,
    );
    // The name keeps the room: a row with a labelled action leaves its name most of the row's width.
    const room = (await frame.evaluate(`(() => {
      const li = [...document.querySelectorAll('ul.rows li.row')].find((el) => el.querySelector('button.main'));
      const line = li.querySelector('.line').getBoundingClientRect().width;
      const badge = li.querySelector('.badge').getBoundingClientRect().width;
      return (line - badge) / li.getBoundingClientRect().width;
    })()`)) as number;
    assert.ok(room >= 0.6, `the name has ${(room * 100).toFixed(0)} % of a compact row`);
    // The icon actions show once the row holds the focus; the name's tooltip keeps the details.
    const target = row(frame, LINKED[0] as string);
    const reboot = target.locator('button[data-action="reboot"]');
    assert.ok(((await reboot.boundingBox())?.width ?? 0) <= 1, 'out of sight until hover or focus');
    await target.locator('.name').focus();
    assert.ok(((await reboot.boundingBox())?.width ?? 0) > 10, 'shown while the row holds the focus');
    assert.match((await target.locator('.name').getAttribute('title')) ?? '', /1101000\d+ · 1101\.api\.greenapi\.com/);
    await frame.evaluate('document.activeElement.blur()');
    await bench.picture('sidebar-compact');
    await chooseInViewMenu(bench, 'Comfortable Rows');
    await frame.locator('body:not(.compact)').waitFor({ state: 'attached', timeout: 20_000 });
    await chooseInViewMenu(bench, 'Name', 'Sort By');
  });

  it('draws "Not linked" and the "checked" line at full opacity in High Contrast Light', async () => {
    // As Settings would write it: the workbench follows its settings file.
    const settingsFile = path.join(bench.server.userDataDir, 'User', 'settings.json');
    const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(
      settingsFile,
      JSON.stringify({ ...settings, 'workbench.colorTheme': 'Default High Contrast Light' }),
    );
    await frame.locator('body.vscode-high-contrast-light').waitFor({ state: 'attached', timeout: 20_000 });
    const alphas = (await frame.evaluate(`(() => {
      const alpha = (selector) => {
        const colour = getComputedStyle(document.querySelector(selector)).color;
        const parts = colour.match(/[\\d.]+/g).map(Number);
        return parts.length > 3 ? parts[3] : 1;
      };
      return { notLinked: alpha('li.row.tone-neutral .badge'), checked: alpha('li.row .checked'), details: alpha('li.row .details') };
    })()`)) as Record<string, number>;
    assert.deepEqual(alphas, { notLinked: 1, checked: 1, details: 1 });
    await bench.screenshot('sidebar-high-contrast-light');
  });
});
