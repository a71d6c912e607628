#!/usr/bin/env node
// `npm run demo`: build, start the bundled GREEN-API emulator with a demo instance,
// and open VS Code with this extension in development mode and that instance added,
// so a newcomer can get an authorization code without a GREEN-API account.
// Which VS Code: a local `code` on PATH; else desktop VS Code through
// @vscode/test-electron (needs the internet); else the cached code-server, whose URL
// is printed. GREEN_API_DEMO_VSCODE=code|electron|code-server picks one. Each runs with its own
// user data and the demo's settings (test/harness/demoWorkbench.ts: the watch on, checking every
// 20 s), and opens the GREEN-API view at start.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

async function main() {
  if (!fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) run('npm', ['ci']);
  run('npm', ['run', '--silent', 'build']);
  const { startEmulator } = require('../out/emulator/server');
  const { DEMO_INSTANCE, DEMO_PARTNER_TOKEN } = require('../out/emulator/cli');
  const demo = require('../out/test/harness/demoWorkbench');
  const emulator = await startEmulator({
    port: Number(process.env.GREEN_API_EMULATOR_PORT ?? 6001),
    partnerToken: DEMO_PARTNER_TOKEN,
  });
  emulator.store.add(DEMO_INSTANCE);
  const env = {
    ...process.env,
    GREEN_API_DEMO_INSTANCES: `${emulator.url} ${DEMO_INSTANCE.idInstance} ${DEMO_INSTANCE.apiTokenInstance} ${DEMO_INSTANCE.name}`,
  };
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'green-api-demo-'));
  console.log(`\nGREEN-API emulator on ${emulator.url}  (demo instance ${DEMO_INSTANCE.idInstance})`);
  console.log(`Play the phone at ${emulator.url}/ : type the code VS Code shows to link it.`);
  console.log(`Partner import: partnerApiUrl ${emulator.url}, partnerToken ${DEMO_PARTNER_TOKEN}\n`);

  const choice = process.env.GREEN_API_DEMO_VSCODE ?? (onPath('code') ? 'code' : 'electron');
  // Desktop VS Code's own user data: the demo's settings, and nothing of the user's touched.
  const desktopArgs = () => demo.demoDesktopArgs(demo.writeDemoUserData(`${workspace}-user-data`), workspace);
  let stop = async () => {};
  if (choice === 'code') {
    spawn('code', desktopArgs(), { env, stdio: 'inherit' });
    console.log('Opened VS Code.');
  } else if (choice === 'electron' && (await openDesktopVsCode(env, desktopArgs))) {
    console.log('Opened VS Code.');
  } else {
    const server = await demo.startDemoCodeServer(workspace, env);
    stop = () => server.stop();
    console.log(
      `VS Code (code-server) with the extension: open this in a browser:\n\n  ${demo.demoUrl(server, workspace)}\n`,
    );
  }
  console.log(`${demo.DEMO_HINT}\nCtrl+C stops the demo.`);
  const shutdown = async () => {
    await stop();
    await emulator.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** Desktop VS Code via @vscode/test-electron, started with `args()`; false when it cannot be downloaded (offline). */
async function openDesktopVsCode(env, args) {
  try {
    const { downloadAndUnzipVSCode } = require('@vscode/test-electron');
    const executable = await downloadAndUnzipVSCode({ version: 'stable', timeout: 15_000 });
    spawn(executable, args(), {
      env,
      stdio: 'ignore',
      detached: true,
    }).unref();
    return true;
  } catch (error) {
    console.log(
      `Desktop VS Code is not available (${error instanceof Error ? error.message.split('\n')[0] : error}); using code-server instead.`,
    );
    return false;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
