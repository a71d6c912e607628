import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeServer, QUIET_WORKBENCH, REPO_ROOT, developmentUrl, startCodeServer } from './codeServer';

/**
 * What `npm run demo` (scripts/demo.js) opens, apart from the tests' workbench: the product's
 * settings but for the watch's interval, and the GREEN-API view open at start. The e2e test
 * test/e2e/demo.e2e.ts opens the same.
 */

/**
 * How often the demo's background watch checks, in s: within a minute of "Unlink on the phone" on
 * the emulator's page VS Code says so (the product's default is 120 s; 10 s is the least it takes).
 */
export const DEMO_WATCH_INTERVAL_SECONDS = 20;

/** The demo's user settings: a quiet workbench and the watch on, at {@link DEMO_WATCH_INTERVAL_SECONDS}. */
export const DEMO_SETTINGS: Readonly<Record<string, unknown>> = {
  ...QUIET_WORKBENCH,
  'greenApi.watchIntervalSeconds': DEMO_WATCH_INTERVAL_SECONDS,
};

/** The second development extension of the demo: it opens the GREEN-API view once the workbench has started. */
export const DEMO_OPENER = path.join(REPO_ROOT, 'scripts', 'demo-opener');

/** The folders desktop VS Code runs in development mode for the demo: the extension, then the opener. */
export const DEMO_EXTENSIONS: readonly string[] = [REPO_ROOT, DEMO_OPENER];

/** What the demo prints once VS Code is open: where to click first, and what the watch will show. */
export const DEMO_HINT = [
  'In VS Code the GREEN-API view is open: click "Link phone" on the Demo instance row, type a phone',
  'number, then type the code it shows on the emulator\'s page. Once linked, "Unlink on the phone" there:',
  `the watch checks every ${DEMO_WATCH_INTERVAL_SECONDS} s in the demo (120 s by default) and says so.`,
].join('\n');

/**
 * A fresh user-data folder for desktop VS Code at `folder` (created), holding {@link DEMO_SETTINGS},
 * so the demo neither reads nor changes the user's own settings and storage. Returns `folder`.
 */
export function writeDemoUserData(folder: string): string {
  fs.mkdirSync(path.join(folder, 'User'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'User', 'settings.json'), JSON.stringify(DEMO_SETTINGS, undefined, 2));
  return folder;
}

/** code-server for the demo: {@link DEMO_SETTINGS}, `env` passed to the extension host (the development seed). */
export function startDemoCodeServer(workspace: string, env: NodeJS.ProcessEnv): Promise<CodeServer> {
  return startCodeServer({ workspace, env, settings: DEMO_SETTINGS, extensionFolders: [DEMO_OPENER] });
}

/**
 * The URL that opens `workspace` in the demo's code-server with the extension in development
 * mode; the opener is installed there (code-server runs one development folder only).
 */
export function demoUrl(server: CodeServer, workspace: string): string {
  return developmentUrl(server, workspace);
}

/** Desktop VS Code's arguments for the demo: its own user data, both development extensions, then `workspace`. */
export function demoDesktopArgs(userDataDir: string, workspace: string): string[] {
  return [
    '--new-window',
    `--user-data-dir=${userDataDir}`,
    // Linux without a keyring: the secret storage would otherwise fail.
    '--password-store=basic',
    ...DEMO_EXTENSIONS.map((folder) => `--extensionDevelopmentPath=${folder}`),
    workspace,
  ];
}
