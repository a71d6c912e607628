import * as assert from 'node:assert/strict';
import { RunningEmulator, startEmulator } from '../../emulator/server';
import { EmulatedInstance } from '../../emulator/instances';
import { waitFor } from '../harness/waitFor';

/**
 * The emulator's controls of GREEN-API's 2026 behaviour, over loopback HTTP as the tests and
 * the demo page drive them: restrictions, an instance being created, the cleanup after a
 * logout, a passkey step, and a MAX-style `/v3` host.
 */
describe('the emulator plays GREEN-API as of 2026 (control API over loopback)', () => {
  let emulator: RunningEmulator;
  let instance: EmulatedInstance;

  const call = async (
    method: string,
    init: RequestInit = {},
    of: { idInstance: string; apiTokenInstance: string } = instance,
  ): Promise<{ status: number; text: string }> => {
    const response = await fetch(`${emulator.url}/waInstance${of.idInstance}/${method}/${of.apiTokenInstance}`, init);
    return { status: response.status, text: await response.text() };
  };
  const control = async (verb: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(`${emulator.url}/emulator/instances${path}`, {
      method: verb,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    });
    return response.status === 303
      ? { redirected: response.headers.get('location') }
      : ((await response.json()) as Record<string, unknown>);
  };
  const stateOf = async (of = instance): Promise<string> => (await call('getStateInstance', {}, of)).text;

  before(async () => {
    emulator = await startEmulator({ rebootSeconds: 0.2 });
  });
  after(() => emulator.close());
  beforeEach(() => {
    instance = emulator.store.add({ state: 'authorized', phone: '441234567890' });
  });

  it('restricts a linked account to yellowCard, keeping its phone, and a reboot brings it back authorized', async () => {
    const restricted = await control('POST', `/${instance.idInstance}/restrict`, { state: 'yellowCard' });
    assert.equal(restricted.state, 'yellowCard');
    assert.equal(await stateOf(), '{"stateInstance":"yellowCard"}');
    assert.equal(JSON.parse((await call('getWaSettings')).text).phone, '441234567890');
    assert.equal((await call('reboot')).text, '{"isReboot":true}');
    await waitFor(
      'the reboot to end in authorized',
      async () => (await stateOf()) === '{"stateInstance":"authorized"}' || undefined,
      5_000,
    );
  });

  it('restricts an account to suspended (restricted by WhatsApp), which a logout unlinks', async () => {
    assert.equal(
      (await control('POST', `/${instance.idInstance}/restrict`, { state: 'suspended' })).state,
      'suspended',
    );
    assert.equal(await stateOf(), '{"stateInstance":"suspended"}');
    assert.equal((await call('logout')).text, '{"isLogout":true}');
    assert.equal(await stateOf(), '{"stateInstance":"notAuthorized"}');
    assert.match(
      String((await control('POST', `/${instance.idInstance}/restrict`, { state: 'banned' })).error),
      /yellowCard/,
    );
  });

  it('creates an instance that takes N seconds: getStateInstance answers null meanwhile, then notAuthorized', async () => {
    const created = (await control('POST', '', { creatingSeconds: 0.5 })) as {
      idInstance: string;
      apiTokenInstance: string;
      beingCreated: boolean;
    };
    assert.equal(created.beingCreated, true);
    assert.deepEqual(await call('getStateInstance', {}, created), { status: 200, text: 'null' });
    assert.equal((await call('qr', {}, created)).status, 400, 'nothing else works while it is being created');
    await waitFor(
      'the instance to be created',
      async () =>
        (await stateOf(created as unknown as EmulatedInstance)) === '{"stateInstance":"notAuthorized"}' || undefined,
      5_000,
    );
  });

  it("creates one from the demo page's form, and shows it there as being created", async () => {
    const before = emulator.store.list().length;
    const answer = await fetch(`${emulator.url}/emulator/instances/create-form`, {
      method: 'POST',
      body: 'seconds=60',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    });
    assert.equal(answer.status, 303);
    const added = emulator.store.list()[before];
    assert.ok(added && emulator.store.isBeingCreated(added));
    const page = await (await fetch(`${emulator.url}/`)).text();
    assert.match(page, /being created/);
    assert.match(page, /Restrict \(yellowCard\)/, 'a linked instance can be restricted from the page');
    assert.match(page, /Create an instance that takes/);
  });

  it('says logoutProcess: true in getWaSettings for N seconds after a logout, and issues no code meanwhile', async () => {
    assert.equal(
      (await control('PUT', `/${instance.idInstance}/logout-cleanup`, { seconds: 0.6 })).logoutCleanupSeconds,
      0.6,
    );
    assert.equal(JSON.parse((await call('getWaSettings')).text).logoutProcess, false);
    await call('logout');
    assert.equal(JSON.parse((await call('getWaSettings')).text).logoutProcess, true);
    const code = await call('getAuthorizationCode', { method: 'POST', body: '{"phoneNumber": 441234567890}' });
    assert.equal(code.text, '{"status":false,"code":""}');
    await waitFor(
      'the cleanup to end',
      async () => JSON.parse((await call('getWaSettings')).text).logoutProcess === false || undefined,
      5_000,
    );
    assert.match(
      (await call('getAuthorizationCode', { method: 'POST', body: '{"phoneNumber": 441234567890}' })).text,
      /"status":true/,
    );
  });

  it('reports historySyncProgress in getWaSettings rising to 100 over N seconds after a link, absent before and after a logout', async () => {
    const settings = async (): Promise<Record<string, unknown>> =>
      JSON.parse((await call('getWaSettings')).text) as Record<string, unknown>;
    assert.equal(
      (await control('PUT', `/${instance.idInstance}/history-sync`, { seconds: 0.8 })).historySyncSeconds,
      0.8,
    );
    assert.equal('historySyncProgress' in (await settings()), false, 'no link was played yet');
    await call('logout');
    assert.equal((await control('POST', `/${instance.idInstance}/scan-qr`, {})).state, 'authorized');
    const first = (await settings()).historySyncProgress;
    assert.ok(typeof first === 'number' && first < 100, `right after the link it loads: ${String(first)}`);
    await waitFor(
      'the history to load',
      async () => (await settings()).historySyncProgress === 100 || undefined,
      5_000,
    );
    await call('logout');
    assert.equal('historySyncProgress' in (await settings()), false);
  });

  it('answers qr with passkeyRequired while the control says WhatsApp asks the phone for a passkey', async () => {
    emulator.store.setState(instance.idInstance, 'notAuthorized');
    assert.equal((await control('POST', `/${instance.idInstance}/passkey`, { required: true })).passkeyRequired, true);
    assert.equal(JSON.parse((await call('qr')).text).type, 'passkeyRequired');
    await control('POST', `/${instance.idInstance}/passkey`, { required: false });
    assert.equal(JSON.parse((await call('qr')).text).type, 'qrCode');
  });

  it('serves a MAX-style /v3 host path that answers 404 to every WhatsApp request, the instance untouched', async () => {
    const response = await fetch(
      `${emulator.url}/v3/waInstance${instance.idInstance}/getStateInstance/${instance.apiTokenInstance}`,
    );
    assert.equal(response.status, 404);
    assert.match(await response.text(), /MAX \(v3\) host/);
    assert.deepEqual(instance.calls, {});
    assert.equal(await stateOf(), '{"stateInstance":"authorized"}', 'the WhatsApp path beside it still answers');
  });
});
