import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { RunningEmulator, startEmulator } from '../../emulator/server';
import { waitFor } from '../harness/waitFor';
import { SCREENSHOT_MARKER } from '../harness/suiteResult';

const EXTENSION_ID = 'green-api-link.green-api-link';
/** The instance listed in the untrusted workspace's own settings (see runUntrusted.ts). */
const WORKSPACE_LISTED_ID = '1101000077';

/**
 * Runs in an untrusted folder (workspace trust on, Restricted Mode) with the extension
 * installed from its .vsix: an extension loaded for development is never disabled by
 * trust, so only an installed one shows what users get. Uses only what any extension
 * can: the public commands, and the sidebar view (its rows are read by the runner in the
 * page, which writes GREEN_API_SIDEBAR_SEEN when it sees the row).
 */
describe('Restricted Mode: installed from the .vsix, in an untrusted folder', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({});
  });
  after(() => emulator?.close());

  it('runs in an untrusted folder, from the installed package, and is enabled', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the folder is trusted: this suite proves nothing');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'VS Code disabled the extension in Restricted Mode');
    assert.ok(
      !extension.extensionPath.startsWith(process.env.GREEN_API_REPO_ROOT ?? '\0'),
      `loaded from the repository, not the .vsix: ${extension.extensionPath}`,
    );
    await extension.activate();
    const commands = await vscode.commands.getCommands(true);
    for (const id of [
      'greenApi.addInstance',
      'greenApi.getAuthorizationCode',
      'greenApi.listInstances',
      'greenApi.exportInstances',
      'greenApi.importFromEnv',
    ]) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
  });

  it("does not take instances from the untrusted workspace's greenApi.instances", async () => {
    const listed = await vscode.commands.executeCommand<{ idInstance: string }[]>('greenApi.listInstances');
    assert.ok(
      !listed.some((item) => item.idInstance === WORKSPACE_LISTED_ID),
      'an untrusted workspace chose an instance (and its host)',
    );
  });

  it('adds an instance, checks it, gets a code and shows it in the sidebar', async () => {
    const instance = emulator.store.add({ name: 'Restricted row' });
    const id = await vscode.commands.executeCommand('greenApi.addInstance', {
      apiUrl: emulator.url,
      idInstance: instance.idInstance,
      apiTokenInstance: instance.apiTokenInstance,
      name: 'Restricted row',
    });
    assert.equal(id, instance.idInstance);
    assert.equal(
      await vscode.commands.executeCommand('greenApi.refreshState', { idInstance: instance.idInstance }),
      'notAuthorized',
    );
    const issued = await vscode.commands.executeCommand<{ code?: string } | undefined>(
      'greenApi.getAuthorizationCode',
      { idInstance: instance.idInstance, phoneNumber: '+44 7400 123456' },
    );
    assert.ok(issued, 'no code was issued');
    await vscode.commands.executeCommand('greenApi.instances.focus');
    const seen = process.env.GREEN_API_SIDEBAR_SEEN;
    assert.ok(seen, 'the runner did not say where it reports the sidebar');
    await waitFor('the sidebar to show the row', () => fs.existsSync(seen), 45_000).catch((error: unknown) => {
      console.log(`${SCREENSHOT_MARKER}restricted-sidebar`);
      const frames = fs.existsSync(`${seen}.frames`) ? fs.readFileSync(`${seen}.frames`, 'utf8') : 'nothing reported';
      throw new Error(`${(error as Error).message}; the page's frames: ${frames}`, { cause: error });
    });
    assert.equal(
      await vscode.commands.executeCommand('greenApi.removeInstance', {
        idInstance: instance.idInstance,
        skipConfirmation: true,
      }),
      true,
    );
  });
});
