import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { waitFor } from './waitFor';

/**
 * code-server is VS Code's own server build: the real workbench in a browser and the
 * real Node extension host. It is what lets the suites run with no internet; see
 * CONTRIBUTING.md, "How the tests get a real VS Code".
 */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export interface CodeServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  readonly userDataDir: string;
  /** Everything code-server writes: user data, extensions, its config and data folders. */
  readonly scratchDir: string;
  /** Everything code-server printed, for a failure report. */
  output(): string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  readonly workspace: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Keep the user-data folder after stop (to look into it). */
  readonly keepUserData?: boolean;
  /**
   * Workspace trust on, with no prompt, and the workspace not trusted (Restricted Mode).
   * Off by default: the other suites run the extension in development mode, which trust
   * never disables anyway.
   */
  readonly restrictedMode?: boolean;
  /** A .vsix installed into the fresh extensions folder before start (`--install-extension`). */
  readonly installVsix?: string;
  /**
   * Unpacked extension folders copied into the fresh extensions folder before start, each as
   * `publisher.name-version` (its package.json's); code-server takes them in as installed.
   * (It runs only the last of several development folders.)
   */
  readonly extensionFolders?: readonly string[];
  /** The user settings the workbench starts with: {@link TEST_SETTINGS} unless given (`npm run demo` gives its own). */
  readonly settings?: Readonly<Record<string, unknown>>;
  /**
   * A display language (VS Code's id: `de`, `pl`, `zh-cn`): the workbench starts with `--locale`
   * and a record of a language pack for it whose own strings are empty, so VS Code stays English
   * and the extension's bundle for that language loads (no pack can be downloaded offline).
   */
  readonly locale?: string;
}

/** A workbench that asks nothing and reaches no server of its own: no welcome page, no trust prompt, no tips, no update checks. */
export const QUIET_WORKBENCH: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
};

/** The suites' user settings: the quiet workbench, one look for the screenshots, and the background watch off. */
export const TEST_SETTINGS: Readonly<Record<string, unknown>> = {
  ...QUIET_WORKBENCH,
  'window.commandCenter': false,
  'workbench.colorTheme': 'Default Dark Modern',
  // The background watch checks every instance on its own schedule; suites that count
  // requests need it off, and the watch's own tests turn it on (the setting applies at once).
  'greenApi.watchIntervalSeconds': 0,
};

/**
 * Installs code-server into the cache once (a minute or two) and returns its folder. The
 * version is CODE_SERVER_VERSION, else the newest in scripts/code-server-versions.json
 * (scripts/install-code-server.sh reads both).
 */
export function ensureCodeServer(): string {
  const output = execFileSync('bash', [path.join(REPO_ROOT, 'scripts', 'install-code-server.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const folder = output.trim().split('\n').pop() ?? '';
  if (!fs.existsSync(path.join(folder, 'out', 'node', 'entry.js'))) {
    throw new Error(`code-server is not where the installer said: ${folder}`);
  }
  return folder;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const folder = ensureCodeServer();
  const port = await freePort();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'green-api-vscode-'));
  const userDataDir = path.join(scratch, 'user-data');
  const extensionsDir = path.join(scratch, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({
      ...(options.settings ?? TEST_SETTINGS),
      'security.workspace.trust.enabled': options.restrictedMode === true,
    }),
  );
  if (options.locale) {
    const core = path.join(scratch, 'core.i18n.json');
    fs.writeFileSync(core, JSON.stringify({ contents: {} }));
    fs.writeFileSync(
      path.join(userDataDir, 'languagepacks.json'),
      JSON.stringify({
        [options.locale]: {
          hash: `test-${options.locale}`,
          label: options.locale,
          // VS Code lists a language only with an extension behind its record.
          extensions: [{ extensionIdentifier: { id: `local.language-pack-${options.locale}` }, version: '1.100.0' }],
          translations: { vscode: core },
        },
      }),
    );
  }
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(scratch, 'config'),
    XDG_DATA_HOME: path.join(scratch, 'data'),
    ...options.env,
  };
  for (const folder of options.extensionFolders ?? []) {
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as Record<string, string>;
    const id = `${manifest.publisher}.${manifest.name}-${manifest.version}`;
    fs.cpSync(folder, path.join(extensionsDir, id), { recursive: true });
  }
  if (options.installVsix) {
    execFileSync(
      process.execPath,
      [
        path.join(folder, 'out', 'node', 'entry.js'),
        '--user-data-dir',
        userDataDir,
        '--extensions-dir',
        extensionsDir,
        '--install-extension',
        options.installVsix,
      ],
      { env, stdio: ['ignore', 'pipe', 'inherit'], timeout: 120_000 },
    );
  }
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(folder, 'out', 'node', 'entry.js'),
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.restrictedMode ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      ...(options.locale ? ['--locale', options.locale] : []),
      options.workspace,
    ],
    {
      // Its own config folder, so code-server writes nothing into the user's home.
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const healthy = async (): Promise<boolean> => {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output}`);
    // A refused connection: not listening yet.
    return (await fetch(`${url}/healthz`).catch(() => undefined))?.ok === true;
  };
  await waitFor('code-server to answer /healthz', healthy, 60_000).catch((error: unknown) => {
    // It exited: the probe's error already holds its output.
    if (child.exitCode !== null) throw error;
    child.kill('SIGKILL');
    throw new Error(`code-server did not start within 60 s:\n${output}`, { cause: error });
  });
  return {
    url,
    port,
    userDataDir,
    scratchDir: scratch,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      if (!options.keepUserData) fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, started the way this machine's closed network needs. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => !!p,
  );
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) throw new Error('Chromium is missing: install Debian\'s "chromium" package (or set CHROMIUM_PATH).');
  return found;
}

/**
 * The workbench URL that runs extensions in development mode (one folder, or several), and
 * optionally a test suite, in the remote extension host.
 */
export function developmentUrl(
  server: CodeServer,
  workspace: string,
  extensionTestsPath?: string,
  extensionDevelopmentPath: string | readonly string[] = REPO_ROOT,
): string {
  const remote = (p: string): string => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const folders = typeof extensionDevelopmentPath === 'string' ? [extensionDevelopmentPath] : extensionDevelopmentPath;
  const payload: [string, string][] = [
    ...folders.map((folder): [string, string] => ['extensionDevelopmentPath', remote(folder)]),
    ['skipWelcome', 'true'],
  ];
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  return `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
