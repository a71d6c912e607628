import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestProbe } from '../../src/extension';
import { startEmulator } from '../../emulator/server';
import { EXTENSION_ID, latestRow, run, showInstancesView, useEmulator, waitFor } from './helpers';

interface IssuedCode {
  code: string;
  expiresAt: number;
}

const GET_CODE = 'greenApi.getAuthorizationCode';
const LINK = 'greenApi.linkWithPhoneNumber';

describe('the Link with Phone Number panel, driven through its protocol', () => {
  const env = useEmulator();
  const probe = (): TestProbe => vscode.extensions.getExtension<TestProbe>(EXTENSION_ID)?.exports as TestProbe;
  const settings = () => vscode.workspace.getConfiguration('greenApi');

  before(() => settings().update('statePollIntervalSeconds', 1, vscode.ConfigurationTarget.Global));
  after(() => settings().update('statePollIntervalSeconds', undefined, vscode.ConfigurationTarget.Global));

  it('a code asked with an argument opens the panel on that code; the command still returns {code, expiresAt}', async () => {
    const instance = await env.add({ name: 'Kiosk' });
    const issued = await run<IssuedCode>(GET_CODE, { idInstance: instance.idInstance, phoneNumber: '441234567890' });
    assert.equal(issued.code, instance.pendingCode?.code);
    const panel = await waitFor('the panel', () => probe().linkPanels.get(instance.idInstance));
    const view = panel.currentView as { remainingMs?: number };
    assert.ok(
      view.remainingMs !== undefined && view.remainingMs > 140_000 && view.remainingMs <= 150_000,
      `the panel counts down from ${view.remainingMs} ms`,
    );
    assert.deepEqual(
      { ...panel.currentView, remainingMs: 0 },
      { kind: 'code', code: issued.code, expiresAt: issued.expiresAt, remainingMs: 0, phone: '+44 1234 567890' },
    );
    assert.ok(!panel.html.includes(issued.code), 'the code belongs in a message, not in the page');
    assert.ok(!panel.html.includes(instance.apiTokenInstance));
    assert.match(panel.html, /Content-Security-Policy/);
    // Linking closes it.
    assert.ok(env.emulator.store.link(instance.idInstance, issued.code).ok);
    await waitFor(
      'the panel to close',
      () => (probe().linkPanels.get(instance.idInstance) === undefined ? true : undefined),
      10_000,
    );
  });

  it('validates the phone number on the host, and gets a code from the panel', async () => {
    const instance = await env.add();
    assert.equal(await run(LINK, { idInstance: instance.idInstance }), true);
    const panel = await waitFor('the panel', () => probe().linkPanels.get(instance.idInstance));
    await waitFor('the state check', () => (instance.calls.getStateInstance ? true : undefined));
    await panel.handleMessage({ type: 'checkPhone', text: '+44 12AB' });
    const verdict = panel.posted.at(-1) as { type: string; problem?: string };
    assert.equal(verdict.type, 'phoneCheck');
    assert.match(verdict.problem ?? '', /"A" has no place/);
    await panel.handleMessage({ type: 'getCode', text: '+44 12AB' });
    assert.equal(instance.calls.getAuthorizationCode, undefined, 'a refused number reached GREEN-API');
    await panel.handleMessage({ type: 'getCode', text: '+44 1234 567890' });
    assert.deepEqual(instance.codeRequests, ['441234567890']);
    assert.equal(panel.currentView.kind, 'code');
    const [listed] = await run<{ codeExpiresAt?: number }[]>('greenApi.listInstances');
    assert.ok(listed?.codeExpiresAt);
  });

  it('status false: the panel offers Reboot and Try Again, and Use QR, with no second request by itself', async () => {
    const instance = await env.add();
    instance.faults = [{ method: 'getAuthorizationCode', body: { raw: '{"status": false, "code": ""}' }, times: 1 }];
    await run(LINK, { idInstance: instance.idInstance });
    const panel = await waitFor('the panel', () => probe().linkPanels.get(instance.idInstance));
    await panel.handleMessage({ type: 'getCode', text: '441234567890' });
    assert.deepEqual(panel.currentView, {
      kind: 'refused',
      text: panel.currentView.kind === 'refused' ? panel.currentView.text : '',
      phone: '441234567890',
      retry: 'rebootAndTryAgain',
    });
    assert.equal(instance.calls.getAuthorizationCode, 1);
    await panel.handleMessage({ type: 'linkAction', action: 'rebootAndRetry' });
    assert.equal(instance.calls.reboot, 1);
    assert.equal(instance.calls.getAuthorizationCode, 2);
    assert.equal(panel.currentView.kind, 'code');
  });

  it('a code that expires unlinked: "didn\'t work?" names the passkey step first, and offers Check State, New Code and Use QR', async () => {
    await settings().update('codeValiditySeconds', 10, vscode.ConfigurationTarget.Global);
    try {
      const instance = await env.add({ name: 'Slow phone' });
      await run<IssuedCode>(GET_CODE, { idInstance: instance.idInstance, phoneNumber: '441234567890' });
      const panel = await waitFor('the panel', () => probe().linkPanels.get(instance.idInstance));
      assert.match(
        panel.html,
        /<li>WhatsApp may then ask the phone to create or confirm a passkey: finish that on the phone\.<\/li>\s*<li>Once linked, keep WhatsApp open on the phone until your chats finish loading\.<\/li>\s*<\/ol>/,
      );
      await waitFor('the expired view', () => panel.currentView.kind === 'expired', 15_000);
      const help = /<section id="expired-help"[^>]*data-for="expired"[\s\S]*?<\/section>/.exec(panel.html)?.[0] ?? '';
      const checks = [...help.matchAll(/<li>([^<]*)<\/li>/g)].map((match) => match[1] ?? '');
      assert.equal(checks.length, 3, help);
      assert.match(
        checks[0] ?? '',
        /^Look at the phone first: WhatsApp may be waiting for you to create or confirm a passkey\./,
      );
      for (const way of ['checkState', 'newCode', 'useQr']) {
        assert.match(panel.html, new RegExp(`data-action="${way}" data-for="[^"]*\\bexpired\\b`), way);
      }
      const stateChecks = instance.calls.getStateInstance ?? 0;
      await panel.handleMessage({ type: 'linkAction', action: 'checkState' });
      assert.ok((instance.calls.getStateInstance ?? 0) > stateChecks, 'Check State asked GREEN-API nothing');
    } finally {
      await settings().update('codeValiditySeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('an authorized instance: the panel says so and offers Log Out, never the phone field', async () => {
    const instance = await env.add({ state: 'authorized', phone: '441234567890' });
    await run(LINK, { idInstance: instance.idInstance });
    const panel = await waitFor('the panel', () => probe().linkPanels.get(instance.idInstance));
    const view = await waitFor('the blocked view', () =>
      panel.currentView.kind === 'blocked' ? panel.currentView : undefined,
    );
    assert.equal(view.fix, 'logout');
    await panel.handleMessage({ type: 'getCode', text: '441234567890' });
    assert.equal(instance.calls.getAuthorizationCode, undefined);
  });

  it('ignores forged messages', async () => {
    const instance = await env.add();
    await run(LINK, { idInstance: instance.idInstance });
    const panel = await waitFor('the panel', () => probe().linkPanels.get(instance.idInstance));
    for (const forged of [
      { type: 'linkAction', action: 'remove' },
      { type: 'getCode', text: 441234567890 },
      { type: 'getCode', text: '4'.repeat(100) },
      'ready',
      null,
    ]) {
      await panel.handleMessage(forged);
    }
    assert.equal(instance.calls.getAuthorizationCode, undefined);
    assert.ok(probe().linkPanels.get(instance.idInstance));
  });

  it('refuses bad arguments without opening a panel', async () => {
    assert.equal(await run(LINK, { idInstance: '5555555555' }), undefined);
    assert.equal(await run(LINK, 'not an object'), undefined);
    assert.equal(probe().linkPanels.get('5555555555'), undefined);
  });

  it('one status-bar item stands for every pending code; none ticks once they are gone', async () => {
    const a = await env.add();
    const b = await env.add();
    await run<IssuedCode>(GET_CODE, { idInstance: a.idInstance, phoneNumber: '441234567890' });
    await run<IssuedCode>(GET_CODE, { idInstance: b.idInstance, phoneNumber: '441234567891' });
    assert.equal(probe().codeStatusBar.shownCount, 2);
    assert.equal(probe().codeStatusBar.isTicking, true);
    await run('greenApi.removeInstance', { idInstance: a.idInstance, skipConfirmation: true });
    assert.equal(probe().codeStatusBar.shownCount, 1);
    await run('greenApi.removeInstance', { idInstance: b.idInstance, skipConfirmation: true });
    assert.equal(probe().codeStatusBar.isTicking, false);
  });

  describe('messages that point to the right fix (issue 30, item 6)', () => {
    type Verdict = { type: string; text: string; problem?: string; shown?: string; suggestion?: { shown: string } };
    const verdictOf = async (
      panel: { handleMessage(raw: unknown): Promise<void>; posted: readonly unknown[] },
      text: string,
    ) => {
      await panel.handleMessage({ type: 'checkPhone', text });
      const verdict = panel.posted.at(-1) as Verdict;
      assert.equal(verdict.type, 'phoneCheck');
      assert.equal(verdict.text, text);
      return verdict;
    };
    it('+44 7700 900123 is said to be a number not in use, never told to add the country code it has', async () => {
      const instance = await env.add();
      await run(LINK, { idInstance: instance.idInstance });
      const panel = await waitFor('the panel', () => probe().linkPanels.get(instance.idInstance));
      const verdict = await verdictOf(panel, '+44 7700 900123');
      assert.equal(
        verdict.problem,
        '+44 7700 900123 is not a number in use: +44 has no number 7700 900123. Check the digits after +44.',
      );
      await panel.handleMessage({ type: 'getCode', text: '+44 7700 900123' });
      assert.equal(instance.calls.getAuthorizationCode, undefined);
    });

    it('8 (900) 123-45-67: the panel offers +7 900 123 45 67 (an English display language too), in plain words, and sends nothing until it is picked', async () => {
      const instance = await env.add();
      await run(LINK, { idInstance: instance.idInstance });
      const panel = await waitFor('the panel', () => probe().linkPanels.get(instance.idInstance));
      const verdict = await verdictOf(panel, '8 (900) 123-45-67');
      assert.deepEqual(verdict.suggestion, { shown: '+7 900 123 45 67' });
      assert.equal(
        verdict.problem,
        'This reads as a number without its country code. With it, it is +7 900 123 45 67.',
      );
      await panel.handleMessage({ type: 'getCode', text: '8 (900) 123-45-67' });
      assert.equal(instance.calls.getAuthorizationCode, undefined, 'a national reading was sent');
      assert.match(panel.html, /id="phone-suggestion"[^>]*data-template="Use \{0\}"/);
      // What the button puts in the field reads as valid, shown as WhatsApp shows it, and is what is sent.
      assert.equal((await verdictOf(panel, '+7 900 123 45 67')).shown, '+7 900 123 45 67');
      await panel.handleMessage({ type: 'getCode', text: '+7 900 123 45 67' });
      assert.deepEqual(instance.codeRequests, ['79001234567']);
    });

    it('shows the number as WhatsApp will, which number the code is for, the formatted number after Cancel Code, and "Copied" after Copy', async () => {
      const instance = await env.add();
      await run(LINK, { idInstance: instance.idInstance });
      const panel = await waitFor('the panel', () => probe().linkPanels.get(instance.idInstance));
      await waitFor('the state check', () => (instance.calls.getStateInstance ? true : undefined));
      assert.equal((await verdictOf(panel, '447911123456')).shown, '+44 7911 123456');
      await panel.handleMessage({ type: 'getCode', text: '447911123456' });
      const view = panel.currentView as { kind: string; phone?: string };
      assert.equal(view.kind, 'code');
      assert.equal(view.phone, '+44 7911 123456');
      assert.match(panel.html, /id="code-phone"[^>]*data-template="For \{0\}\. Type the code on that phone\."/);
      await panel.handleMessage({ type: 'linkAction', action: 'copy' });
      assert.deepEqual(panel.posted.at(-1), { type: 'copied' });
      assert.equal(await vscode.env.clipboard.readText(), instance.pendingCode?.code);
      await panel.handleMessage({ type: 'linkAction', action: 'cancelCode' });
      await waitFor('the phone view', () => (panel.currentView.kind === 'phone' ? true : undefined));
      assert.equal(
        (panel.currentView as { phone: string }).phone,
        '+44 7911 123456',
        'the field came back as bare digits',
      );
    });

    it('a refused connection: the row checks again (no Log Out or Reboot), the panel and a failed code request offer Try Again', async () => {
      await showInstancesView('unreachable row');
      // An emulator of its own, stopped once the instance is stored: its port then refuses connections, as a stopped host does.
      const stopped = await startEmulator({ rebootSeconds: 0.2 });
      const instance = stopped.store.add({ state: 'authorized', phone: '441234567890' });
      assert.equal(
        await run('greenApi.addInstance', {
          apiUrl: stopped.url,
          idInstance: instance.idInstance,
          apiTokenInstance: instance.apiTokenInstance,
        }),
        instance.idInstance,
      );
      await stopped.close();
      await run('greenApi.refreshState', { idInstance: instance.idInstance });
      const status = await waitFor('the failed row', () => {
        const row = latestRow(instance.idInstance);
        return row?.status.kind === 'error' ? row.status : undefined;
      });
      assert.match(status.kind === 'error' ? status.reason : '', /ECONNREFUSED/);
      assert.deepEqual(
        { fix: status.kind === 'error' && status.fix, unreached: status.kind === 'error' && status.unreached },
        { fix: 'refresh', unreached: true },
        'a refused connection is fixed by checking again, and nothing can be sent to it',
      );
      await run(LINK, { idInstance: instance.idInstance });
      const panel = await waitFor('the panel', () => probe().linkPanels.get(instance.idInstance));
      const blocked = await waitFor('the blocked view', () =>
        panel.currentView.kind === 'blocked' ? panel.currentView : undefined,
      );
      assert.equal(blocked.fix, 'tryAgain');
      assert.match(panel.html, /<button data-action="fix" data-for="fix-tryAgain">Try Again<\/button>/);
      await panel.handleMessage({ type: 'getCode', text: '+44 7911 123456' });
      const refused = panel.currentView as { kind: string; retry?: string; text?: string };
      assert.equal(refused.kind, 'refused');
      assert.equal(refused.retry, 'tryAgain');
      assert.match(refused.text ?? '', /connection refused/);
      assert.match(panel.html, /<button data-action="newCode" data-for="refused-tryAgain">Try Again<\/button>/);
    });
  });
});
