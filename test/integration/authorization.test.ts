import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { assertAddRefused, Listed, probe, run, usePollInterval, useEmulator, waitFor } from './helpers';

interface IssuedCode {
  code: string;
  expiresAt: number;
}

const GET_CODE = 'greenApi.getAuthorizationCode';

describe('authorization by phone number, driven through the commands', () => {
  const env = useEmulator();
  const settings = () => vscode.workspace.getConfiguration('greenApi');

  usePollInterval(1);
  after(async () => {
    await settings().update('codeValiditySeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  it('issues a code for a number typed with + and spaces, and lists its deadline', async () => {
    const instance = await env.add();
    const before = Date.now();
    const issued = await run<IssuedCode | undefined>(GET_CODE, {
      idInstance: instance.idInstance,
      phoneNumber: '+44 1234 567890',
    });
    assert.ok(issued, 'no code was issued');
    assert.equal(issued.code, instance.pendingCode?.code);
    assert.deepEqual(instance.codeRequests, ['441234567890']);
    assert.ok(
      issued.expiresAt >= before + 149_000 && issued.expiresAt <= Date.now() + 150_000,
      `expiresAt ${issued.expiresAt} is not 150 s away`,
    );
    const [listed] = await run<Listed[]>('greenApi.listInstances');
    assert.equal(listed?.codeExpiresAt, issued.expiresAt);
    assert.equal(listed?.state, 'notAuthorized');
    assert.ok(!JSON.stringify(listed).includes(issued.code), 'listInstances must not reveal the code');
  });

  it('accepts the phone number as a number too', async () => {
    const instance = await env.add();
    assert.ok(await run<IssuedCode>(GET_CODE, { idInstance: instance.idInstance, phoneNumber: 441234567890 }));
    assert.deepEqual(instance.codeRequests, ['441234567890']);
  });

  it('copies the pending code to the clipboard', async () => {
    const instance = await env.add();
    const issued = await run<IssuedCode>(GET_CODE, { idInstance: instance.idInstance, phoneNumber: '441234567890' });
    await vscode.env.clipboard.writeText('something else');
    assert.equal(await run('greenApi.copyAuthorizationCode', { idInstance: instance.idInstance }), issued.code);
    assert.equal(await vscode.env.clipboard.readText(), issued.code);
  });

  it('refuses bad arguments without prompting or calling GREEN-API', async () => {
    const instance = await env.add();
    assert.equal(await run(GET_CODE, { idInstance: instance.idInstance, phoneNumber: '+44 12AB 567890' }), undefined);
    assert.equal(await run(GET_CODE, { idInstance: instance.idInstance }), undefined);
    assert.equal(await run(GET_CODE, { idInstance: '5555555555', phoneNumber: '441234567890' }), undefined);
    assert.equal(await run(GET_CODE, 'not an object'), undefined);
    assert.equal(instance.calls.getStateInstance, undefined);
    assert.equal(instance.calls.getAuthorizationCode, undefined);
  });

  it('does not ask for a code when the account is already authorized', async () => {
    const instance = await env.add({ state: 'authorized', phone: '441234567890' });
    assert.equal(await run(GET_CODE, { idInstance: instance.idInstance, phoneNumber: '441234567890' }), undefined);
    assert.equal(instance.calls.getStateInstance, 1);
    assert.equal(
      instance.calls.getAuthorizationCode,
      undefined,
      'getAuthorizationCode must not be called on an authorized account',
    );
  });

  for (const state of ['blocked', 'sleepMode', 'starting', 'yellowCard', 'suspended']) {
    it(`explains and stops when the instance is ${state}`, async () => {
      const instance = await env.add({ state });
      assert.equal(await run(GET_CODE, { idInstance: instance.idInstance, phoneNumber: '441234567890' }), undefined);
      assert.equal(instance.calls.getAuthorizationCode, undefined);
      const [listed] = await run<Listed[]>('greenApi.listInstances');
      assert.equal(listed?.state, state, 'an unknown state must be kept as it is');
    });
  }

  it('status false: no code, and no automatic second request', async () => {
    const instance = await env.add();
    instance.faults = [{ method: 'getAuthorizationCode', body: { raw: '{"status": false, "code": ""}' } }];
    assert.equal(await run(GET_CODE, { idInstance: instance.idInstance, phoneNumber: '441234567890' }), undefined);
    assert.equal(instance.calls.getAuthorizationCode, 1);
    const [listed] = await run<Listed[]>('greenApi.listInstances');
    assert.equal(listed?.codeExpiresAt, undefined);
  });

  it('401: a wrong token gives no code and is not retried', async () => {
    const instance = env.emulator.store.add();
    await run('greenApi.addInstance', {
      apiUrl: env.emulator.url,
      idInstance: instance.idInstance,
      apiTokenInstance: 'a-wrong-token-0123456789',
    });
    assert.equal(await run(GET_CODE, { idInstance: instance.idInstance, phoneNumber: '441234567890' }), undefined);
    assert.equal(instance.calls.getStateInstance, 1);
    assert.equal(instance.calls.getAuthorizationCode, undefined);
  });

  for (const [label, fault] of [
    ['429 with Retry-After', { status: 429, retryAfter: '3' }],
    ['502 with an HTML page', { status: 502, body: 'html' as const }],
    ['a reset connection', { reset: true }],
  ] as const) {
    it(`${label} on getAuthorizationCode: no code and exactly one request`, async () => {
      const instance = await env.add();
      instance.faults = [{ method: 'getAuthorizationCode', ...fault }];
      assert.equal(await run(GET_CODE, { idInstance: instance.idInstance, phoneNumber: '441234567890' }), undefined);
      assert.equal(instance.calls.getAuthorizationCode, 1);
    });
  }

  it('a second call while one is under way joins it: one request, one result', async () => {
    const instance = await env.add();
    instance.faults = [{ method: 'getAuthorizationCode', delayMs: 600, times: 1 }];
    const first = run<IssuedCode>(GET_CODE, { idInstance: instance.idInstance, phoneNumber: '441234567890' });
    await waitFor('the first request to reach the emulator', () => instance.calls.getAuthorizationCode === 1);
    const second = run<IssuedCode>(GET_CODE, { idInstance: instance.idInstance, phoneNumber: '441234567890' });
    const [a, b] = await Promise.all([first, second]);
    assert.ok(a);
    assert.deepEqual(a, b);
    assert.equal(instance.calls.getAuthorizationCode, 1);
  });

  it('removing the instance while its code request is slow aborts it and deletes the secret', async () => {
    const instance = await env.add();
    instance.faults = [{ method: 'getAuthorizationCode', stall: 'headers', times: 1 }];
    const request = run<IssuedCode | undefined>(GET_CODE, {
      idInstance: instance.idInstance,
      phoneNumber: '441234567890',
    });
    await waitFor('the code request to reach the emulator', () => instance.calls.getAuthorizationCode === 1);
    const started = Date.now();
    assert.equal(
      await run('greenApi.removeInstance', { idInstance: instance.idInstance, skipConfirmation: true }),
      true,
    );
    assert.equal(await request, undefined);
    assert.ok(Date.now() - started < 2_000, 'the stalled request was not aborted');
    assert.deepEqual(await run<Listed[]>('greenApi.listInstances'), []);
    assert.equal(
      await probe().hasStoredSecret(`greenApi.instance.${instance.idInstance}`),
      false,
      'the token is still in SecretStorage',
    );
  });

  it('notices when the phone is linked: the code goes away and the state turns authorized', async () => {
    const instance = await env.add();
    const issued = await run<IssuedCode>(GET_CODE, { idInstance: instance.idInstance, phoneNumber: '441234567890' });
    assert.ok(issued);
    assert.equal(probe().linkPoller.activeCount, 1);
    assert.ok(env.emulator.store.link(instance.idInstance, issued.code).ok);
    const listed = await waitFor(
      'the extension to notice the link',
      async () => {
        const [entry] = await run<Listed[]>('greenApi.listInstances');
        return entry?.state === 'authorized' && entry.codeExpiresAt === undefined ? entry : undefined;
      },
      5_000,
    );
    assert.equal(listed.idInstance, instance.idInstance);
    assert.equal(probe().linkPoller.activeCount, 0, 'polling must stop once linked');
    assert.equal(probe().codeStatusBar.isTicking, false, 'the countdown must stop once linked');
  });

  it('at expiry the code goes away and nothing keeps ticking or polling', async () => {
    await settings().update('codeValiditySeconds', 10, vscode.ConfigurationTarget.Global);
    try {
      const instance = await env.add();
      const issued = await run<IssuedCode>(GET_CODE, { idInstance: instance.idInstance, phoneNumber: '441234567890' });
      assert.ok(issued.expiresAt - Date.now() <= 10_000);
      assert.equal(probe().codeStatusBar.isTicking, true);
      await waitFor(
        'the code to expire',
        async () => {
          const [entry] = await run<Listed[]>('greenApi.listInstances');
          return entry && entry.codeExpiresAt === undefined ? entry : undefined;
        },
        12_000,
      );
      assert.equal(probe().codeStatusBar.isTicking, false);
      assert.equal(probe().linkPoller.activeCount, 0);
    } finally {
      await settings().update('codeValiditySeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('logs out an authorized instance so that a code can be had', async () => {
    const instance = await env.add({ state: 'authorized', phone: '441234567890' });
    assert.equal(await run('greenApi.logout', { idInstance: instance.idInstance, skipConfirmation: true }), true);
    assert.equal(instance.state, 'notAuthorized');
    assert.equal(await run('greenApi.refreshState', { idInstance: instance.idInstance }), 'notAuthorized');
    assert.ok(await run<IssuedCode>(GET_CODE, { idInstance: instance.idInstance, phoneNumber: '441234567890' }));
  });
});

describe('instances in SecretStorage, driven through the commands', () => {
  const env = useEmulator();

  it('edits name, apiUrl and token; the new token is the one used', async () => {
    const instance = await env.add({ name: 'Before' });
    const newToken = 'b'.repeat(50);
    instance.apiTokenInstance = newToken;
    assert.equal(
      await run('greenApi.refreshState', { idInstance: instance.idInstance }),
      undefined,
      'the old token should now be refused',
    );
    assert.equal(
      await run('greenApi.editInstance', {
        idInstance: instance.idInstance,
        name: 'After',
        apiTokenInstance: newToken,
      }),
      instance.idInstance,
    );
    assert.equal(await run('greenApi.refreshState', { idInstance: instance.idInstance }), 'notAuthorized');
    const [listed] = await run<Listed[]>('greenApi.listInstances');
    assert.equal(listed?.name, 'After');
  });

  it('refuses an http apiUrl that is not loopback, and saves nothing', async () => {
    assert.deepEqual(await run<Listed[]>('greenApi.listInstances'), []);
    await assertAddRefused('http://api.green-api.com', '1101000099');
  });

  it('keeps many instances apart', async () => {
    const a = await env.add({ name: 'A' });
    const b = await env.add({ name: 'B' });
    const listed = await run<Listed[]>('greenApi.listInstances');
    assert.deepEqual(listed.map((entry) => entry.idInstance).sort(), [a.idInstance, b.idInstance].sort());
    assert.equal(await run('greenApi.removeInstance', { idInstance: a.idInstance, skipConfirmation: true }), true);
    assert.deepEqual(
      (await run<Listed[]>('greenApi.listInstances')).map((entry) => entry.name),
      ['B'],
    );
  });

  it('reports an unknown instance without prompting', async () => {
    assert.equal(await run('greenApi.removeInstance', { idInstance: '4444444444', skipConfirmation: true }), undefined);
    assert.equal(await run('greenApi.logout', { idInstance: '4444444444', skipConfirmation: true }), undefined);
    assert.equal(await run('greenApi.copyAuthorizationCode', { idInstance: '4444444444' }), undefined);
  });
});
