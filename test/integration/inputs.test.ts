import * as assert from 'node:assert/strict';
import { assertAddRefused, Listed, run, useEmulator } from './helpers';

/** Issue 19: inputs as users paste them, through the real commands in the extension host. */
describe('inputs as users paste them', () => {
  const env = useEmulator();

  it('+49 (0) 151 2345 6789 reaches GREEN-API as 4915123456789', async () => {
    const instance = await env.add();
    const issued = await run<{ code: string } | undefined>('greenApi.getAuthorizationCode', {
      idInstance: instance.idInstance,
      phoneNumber: '+49 (0) 151 2345 6789',
    });
    assert.ok(issued, 'no code was issued');
    assert.deepEqual(instance.codeRequests, ['4915123456789']);
  });

  it('a national number is never sent', async () => {
    const instance = await env.add();
    assert.equal(
      await run('greenApi.getAuthorizationCode', { idInstance: instance.idInstance, phoneNumber: '8 (900) 123-45-67' }),
      undefined,
    );
    assert.deepEqual(instance.codeRequests, []);
  });

  it('https://{{host}} is refused by greenApi.addInstance, with nothing stored', async () => {
    await assertAddRefused('https://{{host}}', '1101000098');
  });

  it('a whole request URL pasted as apiUrl is stored as its origin; the token is in no listed apiUrl', async () => {
    const instance = env.emulator.store.add();
    const pasted = `${env.emulator.url}/waInstance${instance.idInstance}/sendMessage/${instance.apiTokenInstance}`;
    assert.equal(
      await run('greenApi.addInstance', {
        apiUrl: pasted,
        idInstance: instance.idInstance,
        apiTokenInstance: instance.apiTokenInstance,
      }),
      instance.idInstance,
    );
    const listed = await run<Listed[]>('greenApi.listInstances');
    const entry = listed.find((candidate) => candidate.idInstance === instance.idInstance);
    assert.equal(entry?.apiUrl, env.emulator.url);
    assert.ok(!JSON.stringify(listed).includes(instance.apiTokenInstance));
  });
});
