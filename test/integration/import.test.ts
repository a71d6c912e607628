import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { UNIVERSAL_HOST, suggestedApiUrl } from '../../src/core/instanceHost';
import { startEmulator } from '../../emulator/server';
import { routeTlsHost } from '../harness/namedHostRoute';
import { latestRow, Listed, recordNotifications, run, showInstancesView, useEmulator, waitFor } from './helpers';

const PARTNER_TOKEN = 'partner0token0for0the0emulator0only';
/** The partnerApiUrl GREEN-API's console shows; the tests that need it route it to the emulator. */
const PARTNER_API_URL = `https://${UNIVERSAL_HOST}`;

/** TLS to each of `hosts` reaches the emulator on loopback (namedHostRoute) until the returned function runs. */
function routeToEmulator(emulatorUrl: string, hosts: readonly string[]): () => void {
  const port = Number(new URL(emulatorUrl).port);
  const undo = hosts.map((host) => routeTlsHost(host, '127.0.0.1', port));
  // Each route wraps the one before it: put them back in reverse.
  return () => undo.reverse().forEach((unroute) => unroute());
}

describe('Importing instances', () => {
  const env = useEmulator({ partnerToken: PARTNER_TOKEN });
  let folder: string;
  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'green-api-env-'));
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));
  const listed = async (): Promise<Listed[]> => run<Listed[]>('greenApi.listInstances');
  const notices = recordNotifications(['showInformationMessage', 'showWarningMessage', 'showErrorMessage']);

  it("imports the instance a .env describes, with the SDK examples' variable names", async () => {
    const instance = env.emulator.store.add({ name: 'From env' });
    const file = path.join(folder, '.env');
    fs.writeFileSync(
      file,
      `# bot settings\nexport ID_INSTANCE=${instance.idInstance}\nAPI_TOKEN_INSTANCE="${instance.apiTokenInstance}"\nAPI_URL=${env.emulator.url}\nCHAT_ID=79001234567\n`,
    );
    assert.equal(await run('greenApi.importFromEnv', { file }), instance.idInstance);
    const stored = (await listed()).find((item) => item.idInstance === instance.idInstance);
    assert.equal(stored?.apiUrl, env.emulator.url);
    assert.ok(!JSON.stringify(await listed()).includes(instance.apiTokenInstance));
    // The stored token works: the state can be checked with it.
    assert.equal(await run('greenApi.refreshState', { idInstance: instance.idInstance }), 'notAuthorized');
    // The file is left as it was.
    assert.match(fs.readFileSync(file, 'utf8'), new RegExp(instance.apiTokenInstance));
  });

  it('refuses a .env without the variables, a missing file and a bad argument, saving nothing', async () => {
    const before = (await listed()).length;
    const file = path.join(folder, 'other.env');
    fs.writeFileSync(file, 'CHAT_ID=79001234567\n');
    assert.equal(await run('greenApi.importFromEnv', { file }), undefined);
    assert.equal(await run('greenApi.importFromEnv', { file: path.join(folder, 'missing.env') }), undefined);
    assert.equal(await run('greenApi.importFromEnv', { path: file }), undefined);
    assert.equal((await listed()).length, before);
  });

  it('a .env of 1 MB of blank lines is refused by size, promptly, and one under the cap with 200,000 blank lines is read promptly', async () => {
    const errors: string[] = [];
    const window = vscode.window as unknown as Record<string, unknown>;
    const original = window.showErrorMessage as (...args: unknown[]) => unknown;
    window.showErrorMessage = (...args: unknown[]) => (
      errors.push(String(args[0])),
      original.apply(vscode.window, args)
    );
    try {
      const before = (await listed()).length;
      const huge = path.join(folder, 'huge.env');
      fs.writeFileSync(huge, '\n'.repeat(1024 * 1024));
      let started = performance.now();
      assert.equal(await run('greenApi.importFromEnv', { file: huge }), undefined);
      assert.ok(performance.now() - started < 2000, `refusing took ${performance.now() - started} ms`);
      assert.ok(
        errors.some(
          (text) => text.includes('1024 KB') && text.includes('at most 256 KB') && text.includes('Pick the .env file'),
        ),
        JSON.stringify(errors),
      );
      // Under the cap, the blank lines that made dotenv's default parser quadratic (78 KB took 9 s).
      const instance = env.emulator.store.add({ name: 'After blank lines' });
      const blank = path.join(folder, 'blank.env');
      fs.writeFileSync(
        blank,
        `${'\n'.repeat(200_000)}ID_INSTANCE=${instance.idInstance}\nAPI_TOKEN_INSTANCE=${instance.apiTokenInstance}\nAPI_URL=${env.emulator.url}\n`,
      );
      started = performance.now();
      assert.equal(await run('greenApi.importFromEnv', { file: blank }), instance.idInstance);
      assert.ok(
        performance.now() - started < 2000,
        `reading 200,000 blank lines took ${performance.now() - started} ms`,
      );
      assert.equal((await listed()).length, before + 1);
    } finally {
      window.showErrorMessage = original;
    }
  });

  it('imports the chosen instances of a partner account, and only those', async () => {
    const first = env.emulator.store.add({ name: 'Partner one' });
    const second = env.emulator.store.add({ name: 'Partner two' });
    const ids = await run<string[]>('greenApi.importFromPartner', {
      partnerApiUrl: env.emulator.url,
      partnerToken: PARTNER_TOKEN,
      apiUrl: env.emulator.url,
      idInstances: [first.idInstance],
    });
    assert.deepEqual(ids, [first.idInstance]);
    const names = (await listed()).map((item) => item.name);
    assert.ok(names.includes('Partner one'));
    assert.ok(!names.includes('Partner two'));
    assert.equal(await run('greenApi.refreshState', { idInstance: first.idInstance }), 'notAuthorized');
    const all = await run<string[]>('greenApi.importFromPartner', {
      partnerApiUrl: env.emulator.url,
      partnerToken: PARTNER_TOKEN,
      apiUrl: env.emulator.url,
    });
    assert.ok(all.includes(second.idInstance));
  });

  it('refuses a wrong partner token and unknown instances, saving nothing', async () => {
    const before = (await listed()).length;
    env.emulator.store.add({ name: 'Not imported' });
    const noticesBefore = notices.length;
    assert.equal(
      await run('greenApi.importFromPartner', {
        partnerApiUrl: env.emulator.url,
        partnerToken: `${PARTNER_TOKEN}x`,
        apiUrl: env.emulator.url,
      }),
      undefined,
    );
    // The emulator answers as GREEN-API may: HTTP 200 with {code: 401, description}.
    assert.deepEqual(notices.slice(noticesBefore), [
      "GREEN-API refused this partner token. Copy it again from the console's Profile section (partnerToken), then retry.",
    ]);
    assert.equal(
      await run('greenApi.importFromPartner', {
        partnerApiUrl: env.emulator.url,
        partnerToken: PARTNER_TOKEN,
        apiUrl: env.emulator.url,
        idInstances: ['999999999'],
      }),
      undefined,
    );
    assert.equal(
      await run('greenApi.importFromPartner', { partnerApiUrl: 'http://example.com', partnerToken: PARTNER_TOKEN }),
      undefined,
    );
    assert.equal((await listed()).length, before);
  });

  it('keeps an instance GREEN-API is still creating on its own suggested host, and the view shows it as being created', async function () {
    this.timeout(90_000);
    const instance = env.emulator.store.add({ name: 'Just created', creatingSeconds: 300 });
    const host = suggestedApiUrl(instance.idInstance);
    // GREEN-API's partner host and the instance's own host (https://NNNN.api.greenapi.com) answer from the emulator, for this test only.
    const unroute = routeToEmulator(env.emulator.url, [UNIVERSAL_HOST, new URL(host).hostname]);
    try {
      await showInstancesView('partner import of an instance being created');
      const shown = notices.length;
      const ids = await run<string[]>('greenApi.importFromPartner', {
        partnerApiUrl: PARTNER_API_URL,
        partnerToken: PARTNER_TOKEN,
        idInstances: [instance.idInstance],
      });
      assert.deepEqual(ids, [instance.idInstance], `not imported; notices: ${JSON.stringify(notices.slice(shown))}`);
      assert.equal(
        (await listed()).find((item) => item.idInstance === instance.idInstance)?.apiUrl,
        host,
        'stored on its suggested host',
      );
      assert.ok(instance.calls.getStateInstance >= 1, 'its suggested host was checked');
      assert.ok(
        !notices.slice(shown).some((text) => text.includes('did not answer')),
        JSON.stringify(notices.slice(shown)),
      );
      const row = await waitFor('the imported row checked', () => {
        const candidate = latestRow(instance.idInstance);
        return candidate?.status.kind === 'state' || candidate?.status.kind === 'error' ? candidate : undefined;
      });
      assert.deepEqual(row.status, { kind: 'state', state: 'creating' });
      assert.ok(
        notices
          .slice(shown)
          .some((text) =>
            text.includes(
              `Still being created by GREEN-API (this can take up to 5 minutes), and checked until ready: ${instance.idInstance}.`,
            ),
          ),
        `the summary does not say it is being created: ${JSON.stringify(notices.slice(shown))}`,
      );
    } finally {
      unroute();
    }
  });

  it('names the MAX and Telegram instances it skips, and why, in the summary of an import by argument', async () => {
    const whatsapp = env.emulator.store.add({ name: 'WhatsApp sales' });
    const max = env.emulator.store.add({ name: 'MAX shop', typeInstance: 'v3' });
    const telegram = env.emulator.store.add({ name: 'Telegram bot', typeInstance: 'telegram' });
    const shown = notices.length;
    const ids = await run<string[]>('greenApi.importFromPartner', {
      partnerApiUrl: env.emulator.url,
      partnerToken: PARTNER_TOKEN,
      apiUrl: env.emulator.url,
    });
    try {
      assert.ok(ids.includes(whatsapp.idInstance));
      assert.ok(
        !ids.includes(max.idInstance) && !ids.includes(telegram.idInstance),
        "another messenger's instance was imported",
      );
      const stored = (await listed()).map((item) => item.idInstance);
      assert.ok(!stored.includes(max.idInstance) && !stored.includes(telegram.idInstance));
      const summary = notices.slice(shown).find((text) => text.startsWith('GREEN-API instances imported'));
      assert.ok(
        summary?.includes(
          '1 MAX instance (MAX shop) and 1 Telegram instance (Telegram bot) skipped: this extension links WhatsApp.',
        ),
        JSON.stringify(notices.slice(shown)),
      );
      // An argument naming another messenger's instance is told what it is.
      assert.equal(
        await run('greenApi.importFromPartner', {
          partnerApiUrl: env.emulator.url,
          partnerToken: PARTNER_TOKEN,
          apiUrl: env.emulator.url,
          idInstances: [max.idInstance],
        }),
        undefined,
      );
      assert.ok(
        notices.slice(shown).some((text) => text.includes(`no active WhatsApp instance ${max.idInstance} (MAX)`)),
        JSON.stringify(notices.slice(shown)),
      );
    } finally {
      env.emulator.store.remove(max.idInstance);
      env.emulator.store.remove(telegram.idInstance);
    }
  });

  it('says in its list which instances it skips and why, and names them in the summary (from the palette)', async () => {
    const whatsapp = env.emulator.store.add({ name: 'Picked here' });
    const max = env.emulator.store.add({ name: 'MAX one', typeInstance: 'v3' });
    const maxToo = env.emulator.store.add({ name: '', typeInstance: 'v3' });
    const telegram = env.emulator.store.add({ name: 'Telegram one', typeInstance: 'telegram' });
    const placeholders: string[] = [];
    const window = vscode.window as unknown as Record<
      'showInputBox' | 'showQuickPick',
      (...args: unknown[]) => unknown
    >;
    const originals = { showInputBox: window.showInputBox, showQuickPick: window.showQuickPick };
    const answers = [PARTNER_API_URL, PARTNER_TOKEN];
    window.showInputBox = async () => answers.shift();
    window.showQuickPick = async (items: unknown, options: unknown) => {
      placeholders.push(String((options as vscode.QuickPickOptions).placeHolder));
      return (items as (vscode.QuickPickItem & { description?: string })[]).filter(
        (item) => item.description === whatsapp.idInstance,
      );
    };
    const unroute = routeToEmulator(env.emulator.url, [
      UNIVERSAL_HOST,
      new URL(suggestedApiUrl(whatsapp.idInstance)).hostname,
    ]);
    const shown = notices.length;
    try {
      assert.deepEqual(await run<string[]>('greenApi.importFromPartner'), [whatsapp.idInstance]);
      assert.equal(placeholders.length, 1);
      assert.match(
        placeholders[0] ?? '',
        /^Choose the instances to add \(\d+ active\)\. 2 MAX instances and 1 Telegram instance skipped: this extension links WhatsApp\.$/,
      );
      const summary = notices.slice(shown).find((text) => text.startsWith('GREEN-API instances imported'));
      assert.ok(
        summary?.includes(
          `2 MAX instances (MAX one, ${maxToo.idInstance}) and 1 Telegram instance (Telegram one) skipped: this extension links WhatsApp.`,
        ),
        JSON.stringify(notices.slice(shown)),
      );
    } finally {
      unroute();
      Object.assign(window, originals);
      for (const instance of [max, maxToo, telegram]) env.emulator.store.remove(instance.idInstance);
    }
  });

  it("stores a loopback partner account's instances on that host, which answers (the emulator of npm run demo)", async () => {
    const first = env.emulator.store.add({ name: 'Demo partner one' });
    const second = env.emulator.store.add({ name: 'Demo partner two', state: 'authorized', phone: '441234567890' });
    const shown = notices.length;
    // No apiUrl and no route: GREEN-API's host names do not resolve to this machine.
    const ids = await run<string[]>('greenApi.importFromPartner', {
      partnerApiUrl: env.emulator.url,
      partnerToken: PARTNER_TOKEN,
      idInstances: [first.idInstance, second.idInstance],
    });
    assert.deepEqual(ids, [first.idInstance, second.idInstance], JSON.stringify(notices.slice(shown)));
    const stored = (await listed()).filter((item) => ids.includes(item.idInstance)).map((item) => item.apiUrl);
    assert.deepEqual(stored, [env.emulator.url, env.emulator.url]);
    assert.ok(first.calls.getStateInstance >= 1 && second.calls.getStateInstance >= 1, 'each host was checked');
    assert.ok(
      !notices.slice(shown).some((text) => text.includes('did not answer')),
      JSON.stringify(notices.slice(shown)),
    );
  });

  it("groups the host checks that failed alike into one line with a count, and offers the loopback partner's own URL as apiUrl", async () => {
    const failing = Array.from({ length: 6 }, (_, index) => env.emulator.store.add({ name: `Unanswered ${index}` }));
    for (const instance of failing) instance.faults = [{ method: 'getStateInstance', status: 500 }];
    const wanted = new Set(failing.map((instance) => instance.idInstance));
    const window = vscode.window as unknown as Record<
      'showInputBox' | 'showQuickPick' | 'showWarningMessage',
      (...args: unknown[]) => unknown
    >;
    const originals = {
      showInputBox: window.showInputBox,
      showQuickPick: window.showQuickPick,
      showWarningMessage: window.showWarningMessage,
    };
    const modals: string[] = [];
    const apiUrlBoxes: vscode.InputBoxOptions[] = [];
    const answers = [env.emulator.url, PARTNER_TOKEN];
    window.showInputBox = async (options: unknown) => {
      if (answers.length > 0) return answers.shift();
      apiUrlBoxes.push(options as vscode.InputBoxOptions);
      return undefined;
    };
    window.showQuickPick = async (items: unknown) =>
      (items as (vscode.QuickPickItem & { description?: string })[]).filter((item) =>
        wanted.has(item.description ?? ''),
      );
    window.showWarningMessage = async (...args: unknown[]) => {
      modals.push(String(args[0]));
      return 'Enter apiUrl…';
    };
    try {
      // Escape in the apiUrl box: nothing is imported.
      assert.equal(await run<string[] | undefined>('greenApi.importFromPartner'), undefined);
      assert.equal(modals.length, 1, JSON.stringify(modals));
      const [first, second, third] = failing.map((instance) => instance.idInstance);
      assert.equal(
        modals[0],
        `6 of 6 instances did not answer on their suggested host, so they are not saved yet: ${env.emulator.url}: server error (500), 6 instances (${first}, ${second}, ${third} and 3 more)`,
      );
      assert.equal(apiUrlBoxes.length, 1);
      assert.equal(apiUrlBoxes[0]?.value, env.emulator.url, 'the box offers the host that served the partner list');
      assert.ok(!(apiUrlBoxes[0]?.prompt ?? '').includes(UNIVERSAL_HOST), apiUrlBoxes[0]?.prompt);
      const stored = (await listed()).map((item) => item.idInstance);
      assert.ok(!stored.some((id) => wanted.has(id)), 'an unanswered instance was saved');
    } finally {
      Object.assign(window, originals);
      for (const instance of failing) env.emulator.store.remove(instance.idInstance);
    }
  });

  it("moves instances already stored on another host to a loopback partner's host only with the user's yes, asked once for all", async () => {
    // The same two instances served on another loopback host, where the user stored them.
    const elsewhere = await startEmulator();
    const stored = [0, 1].map((index) => env.emulator.store.add({ name: `Stored elsewhere ${index}` }));
    const fresh = env.emulator.store.add({ name: 'Not stored yet' });
    const window = vscode.window as unknown as Record<
      'showInputBox' | 'showQuickPick' | 'showWarningMessage',
      (...args: unknown[]) => unknown
    >;
    const originals = {
      showInputBox: window.showInputBox,
      showQuickPick: window.showQuickPick,
      showWarningMessage: window.showWarningMessage,
    };
    const wanted = new Set([...stored, fresh].map((instance) => instance.idInstance));
    const modals: { text: string; detail: string; buttons: string[] }[] = [];
    let answer: string | undefined;
    let boxes: string[] = [];
    window.showInputBox = async () => boxes.shift();
    window.showQuickPick = async (items: unknown) =>
      (items as (vscode.QuickPickItem & { description?: string })[]).filter((item) =>
        wanted.has(item.description ?? ''),
      );
    window.showWarningMessage = async (...args: unknown[]) => {
      const options = args[1] as vscode.MessageOptions | undefined;
      if (!options?.modal) return undefined;
      modals.push({
        text: String(args[0]),
        detail: String(options.detail),
        buttons: args.slice(2).map(String),
      });
      return answer;
    };
    const apiUrlOf = async (id: string): Promise<string | undefined> =>
      (await listed()).find((item) => item.idInstance === id)?.apiUrl;
    const importFromPalette = (): Thenable<string[] | undefined> => {
      boxes = [env.emulator.url, PARTNER_TOKEN];
      return run<string[] | undefined>('greenApi.importFromPartner');
    };
    try {
      for (const instance of stored) {
        elsewhere.store.add({
          idInstance: instance.idInstance,
          apiTokenInstance: instance.apiTokenInstance,
          name: instance.name,
        });
        const id = await run('greenApi.addInstance', {
          apiUrl: elsewhere.url,
          idInstance: instance.idInstance,
          apiTokenInstance: instance.apiTokenInstance,
          name: instance.name,
        });
        assert.equal(id, instance.idInstance);
      }
      const [first, second] = stored.map((instance) => instance.idInstance);
      // An argument never moves them, as before (security review M1).
      assert.equal(
        await run('greenApi.importFromPartner', {
          partnerApiUrl: env.emulator.url,
          partnerToken: PARTNER_TOKEN,
          idInstances: [...wanted],
        }),
        undefined,
      );
      assert.equal(await apiUrlOf(first!), elsewhere.url, 'an argument moved a stored instance');
      assert.equal(modals.length, 0, 'an argument asked the user');

      // Cancel: nothing is saved, nothing moves.
      answer = undefined;
      assert.equal(await importFromPalette(), undefined);
      assert.equal(modals.length, 1, JSON.stringify(modals));
      assert.equal(modals[0]?.text, 'Move 2 instances already in VS Code to other hosts?');
      assert.ok(
        modals[0]?.detail.startsWith(`${elsewhere.url} → ${env.emulator.url}: 2 instances (${first}, ${second})`),
        modals[0]?.detail,
      );
      assert.deepEqual(modals[0]?.buttons, ['Move Them', 'Keep Their Hosts']);
      assert.equal(await apiUrlOf(first!), elsewhere.url, 'Cancel moved a stored instance');
      assert.equal(await apiUrlOf(fresh.idInstance), undefined, 'Cancel saved an instance');

      // Keep: the stored ones stay where they are (with the listed token), the new one is added on the partner's host.
      answer = 'Keep Their Hosts';
      const kept = await importFromPalette();
      assert.deepEqual(new Set(kept), wanted);
      assert.equal(modals.length, 2);
      assert.equal(await apiUrlOf(first!), elsewhere.url, 'Keep moved a stored instance');
      assert.equal(await apiUrlOf(second!), elsewhere.url, 'Keep moved a stored instance');
      assert.equal(await apiUrlOf(fresh.idInstance), env.emulator.url);
      assert.equal(await run('greenApi.refreshState', { idInstance: first }), 'notAuthorized');

      // Yes: they move.
      answer = 'Move Them';
      assert.deepEqual(new Set(await importFromPalette()), wanted);
      assert.equal(modals.length, 3, 'the move was not asked');
      assert.equal(await apiUrlOf(first!), env.emulator.url);
      assert.equal(await apiUrlOf(second!), env.emulator.url);
    } finally {
      Object.assign(window, originals);
      for (const instance of [...stored, fresh]) env.emulator.store.remove(instance.idInstance);
      await elsewhere.close();
    }
  });
});
