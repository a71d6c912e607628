import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT } from './codeServer';

/**
 * The same integration suite in desktop VS Code, through @vscode/test-electron. It
 * downloads VS Code, so it needs the internet (or VSCODE_EXECUTABLE pointing at an
 * installed VS Code).
 */
async function main(): Promise<void> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'green-api-workspace-'));
  await runTests({
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: path.join(__dirname, '..', 'integration'),
    ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : {}),
    // Linux CI has no keyring; SecretStorage needs the basic store there.
    launchArgs: [workspace, '--disable-extensions', '--password-store=basic', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
