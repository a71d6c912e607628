import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { recordNotifications, run, useEmulator, waitFor } from './helpers';

/**
 * VS Code's link pattern for notification text, copied from LINK_REGEX in
 * src/vs/base/common/linkedText.ts (microsoft/vscode): a match is rendered as a link whose
 * click opens it with commands allowed.
 */
// eslint-disable-next-line no-useless-escape -- copied verbatim from VS Code
const LINK_REGEX = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^\)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
/** The file name of the 2026-12-07 review's H1 (a harmless command in the link). */
const H1_NAME = '[.env](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22echo%20x%22%7D).env';

describe('Import from .env: a file name that is a command link stays text (review 2026-12-07 H1)', () => {
  const env = useEmulator();
  const shown = recordNotifications(['showInformationMessage', 'showWarningMessage', 'showErrorMessage']);
  let folder: string;
  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'green-api-h1-'));
  });
  after(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('shows no link in the refusal, the read error and the success notification', async () => {
    const file = path.join(folder, H1_NAME);
    fs.writeFileSync(file, 'CHAT_ID=79001234567\n');
    assert.equal(await run('greenApi.importFromEnv', { file }), undefined);
    assert.equal(await run('greenApi.importFromEnv', { file: path.join(folder, `missing${H1_NAME}`) }), undefined);
    const instance = env.emulator.store.add({ name: 'H1 file' });
    fs.writeFileSync(
      file,
      `ID_INSTANCE=${instance.idInstance}\nAPI_TOKEN_INSTANCE=${instance.apiTokenInstance}\nAPI_URL=${env.emulator.url}\n`,
    );
    assert.equal(await run('greenApi.importFromEnv', { file }), instance.idInstance);
    await waitFor(
      'the three notifications naming the file',
      () => shown.filter((text) => text.includes('command:workbench.action.terminal.sendSequence')).length >= 3,
    );
    const links = shown.filter((text) => {
      LINK_REGEX.lastIndex = 0;
      return LINK_REGEX.test(text);
    });
    assert.deepEqual(links, []);
  });
});
