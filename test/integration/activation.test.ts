import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, Listed, activateExtension, run, useEmulator } from './helpers';

describe('extension in a real VS Code', () => {
  const env = useEmulator();

  it('activates in the extension host', async () => {
    const extension = await activateExtension();
    assert.equal(extension.isActive, true);
    assert.ok(vscode.version.length > 0);
  });

  it('registers every command the manifest contributes', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: { commands: { command: string }[] };
    };
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.ok(contributed.length >= 9, `only ${contributed.length} commands contributed`);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((command) => !registered.has(command));
    assert.deepEqual(missing, []);
  });

  it('stores an instance in SecretStorage and reads it back, token included', async () => {
    const instance = await env.add({ name: 'Round trip' });
    const listed = await run<Listed[]>('greenApi.listInstances');
    assert.deepEqual(
      listed.map(({ idInstance, name, apiUrl }) => ({ idInstance, name, apiUrl })),
      [{ idInstance: instance.idInstance, name: 'Round trip', apiUrl: env.emulator.url }],
    );
    assert.ok(!JSON.stringify(listed).includes(instance.apiTokenInstance), 'listInstances must never return the token');
    // Only the stored token can open the instance: a state check proves it was read back intact.
    assert.equal(await run('greenApi.refreshState', { idInstance: instance.idInstance }), 'notAuthorized');
    assert.equal(instance.calls.getStateInstance, 1);
  });
});
