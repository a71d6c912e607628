import { startEmulator } from './server';

/** Fixed so the demo's credentials survive a restart; only ever served on loopback. */
export const DEMO_INSTANCE = {
  idInstance: '1101000001',
  apiTokenInstance: 'd75b3a66374942c5b3c019c698abc2067e151558acbd412345',
  name: 'Demo instance',
} as const;

/** What "Import Instances from Partner Account" accepts here. */
export const DEMO_PARTNER_TOKEN = 'demo0partner0token0for0the0emulator';

async function main(): Promise<void> {
  const port = Number(process.env.GREEN_API_EMULATOR_PORT ?? 6001);
  // GREEN_API_EMULATOR_LOGOUT_CLEANUP_SECONDS: how long getWaSettings says logoutProcess after a logout.
  const logoutCleanupSeconds = Number(process.env.GREEN_API_EMULATOR_LOGOUT_CLEANUP_SECONDS ?? 0) || 0;
  // GREEN_API_EMULATOR_HISTORY_SYNC_SECONDS: over how long getWaSettings' historySyncProgress rises to 100 after a link.
  const historySyncSeconds = Number(process.env.GREEN_API_EMULATOR_HISTORY_SYNC_SECONDS ?? 0) || 0;
  const emulator = await startEmulator({
    port,
    partnerToken: DEMO_PARTNER_TOKEN,
    logoutCleanupSeconds,
    historySyncSeconds,
  });
  emulator.store.add(DEMO_INSTANCE);
  console.log(`GREEN-API emulator listening on ${emulator.url}`);
  console.log(`  apiUrl            ${emulator.url}`);
  console.log(`  idInstance        ${DEMO_INSTANCE.idInstance}`);
  console.log(`  apiTokenInstance  ${DEMO_INSTANCE.apiTokenInstance}`);
  console.log(`  partnerToken      ${DEMO_PARTNER_TOKEN}  (partnerApiUrl ${emulator.url})`);
  console.log(`  a MAX-style apiUrl ${emulator.url}/v3  (answers 404 to WhatsApp requests; the extension refuses it)`);
  console.log(
    `Open ${emulator.url}/ to play the phone: type the code there to link, restrict or unlink an instance, create one. Ctrl+C stops.`,
  );
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
