import * as vscode from 'vscode';
import { ExportTarget } from '../core/commandArgs';
import { t } from '../core/l10n';
import { exportSharedInstances } from '../core/sharedInstances';
import { InstanceSummary } from '../core/storedInstance';

/**
 * Writes the `greenApi.instances` setting's JSON for `rows` (idInstance, apiUrl, name:
 * never a token) to a new untitled JSON editor or the clipboard, for a teammate's
 * workspace or devcontainer settings. `target` undefined asks which. Resolves to the
 * text written, or undefined when the user gave up.
 */
export async function exportInstances(
  rows: readonly InstanceSummary[],
  target: ExportTarget | undefined,
): Promise<string | undefined> {
  const chosen = target ?? (await askTarget());
  if (!chosen) return undefined;
  const text = exportSharedInstances(rows);
  if (chosen === 'clipboard') {
    await vscode.env.clipboard.writeText(text);
    // l10n: Status bar message. greenApi.instances is the setting's name: keep it as is. {0} is a count.
    vscode.window.setStatusBarMessage(
      `$(check) ${t('greenApi.instances for {0} instance(s) copied; tokens are not included.', rows.length)}`,
      5000,
    );
  } else {
    const document = await vscode.workspace.openTextDocument({ language: 'jsonc', content: text });
    await vscode.window.showTextDocument(document);
  }
  return text;
}

async function askTarget(): Promise<ExportTarget | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: t('Open in a New Editor'), target: 'editor' as const },
      { label: t('Copy to the Clipboard'), target: 'clipboard' as const },
    ],
    {
      title: t('Export Instances'),
      placeHolder: t(
        'The greenApi.instances setting for your team: idInstance, apiUrl and name, never a token. Each person pastes their own token.',
      ),
    },
  );
  return picked?.target;
}
