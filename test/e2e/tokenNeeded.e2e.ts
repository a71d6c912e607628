import { Frame } from 'playwright-core';
import { EmulatedInstance } from '../../emulator/instances';
import { GREEN_API_ACTIVITY, Workbench, openWorkbench } from './workbench';

/**
 * A row whose token is not on this computer (here: from the workspace's
 * greenApi.instances setting, as a team shares it) says "Token needed"; one click on
 * "Paste token", the token typed into the password box, and the row works.
 */
describe('A token-needed row, as a person fixes it', function () {
  this.timeout(120_000);
  let bench: Workbench;
  let frame: Frame;

  before(async () => {
    bench = await openWorkbench({ sharedInstances: [{ idInstance: '1101000031', name: 'Team shared' }] });
    await bench.page.locator(GREEN_API_ACTIVITY).click();
    frame = await bench.webviewFrame('#app ul.rows');
  });
  after(() => bench?.close());

  const row = () => frame.locator('li.row', { has: frame.locator('.name', { hasText: /^Team shared$/ }) });

  it('shows "Token needed" and sends nothing for it', async () => {
    await row().locator('.badge', { hasText: 'Token needed' }).waitFor({ timeout: 30_000 });
    await row().locator('.details', { hasText: 'shared' }).waitFor();
    const emulated = bench.emulator.store.get('1101000031') as EmulatedInstance;
    if (Object.keys(emulated.calls).length > 0) {
      throw new Error(`requests were sent without a token: ${JSON.stringify(emulated.calls)}`);
    }
    await bench.screenshot('token-needed');
  });

  it('takes the pasted token with one click, checks it, and the row shows the state', async () => {
    const emulated = bench.emulator.store.get('1101000031') as EmulatedInstance;
    await row().locator('button[data-action="edit"]', { hasText: 'Paste token' }).click();
    const box = bench.page.locator('.quick-input-widget:visible');
    await box.locator('.quick-input-title', { hasText: 'Team shared' }).waitFor();
    await bench.answer(emulated.apiTokenInstance);
    await row().locator('.badge', { hasText: 'Not linked' }).waitFor({ timeout: 30_000 });
    await row().locator('button[data-action="link"]').waitFor();
    await bench.screenshot('token-pasted');
  });
});
