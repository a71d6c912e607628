import * as vscode from 'vscode';
import { InstanceRegistry } from '../core/instanceRegistry';
import { t } from '../core/l10n';
import { Log } from '../platform/log';

/**
 * After the registry's first load: logs each stored record that could not be read and
 * warns once (non-modal, with Show Log), so one bad record is seen without hiding the
 * others. Does nothing when everything was readable.
 */
export function reportUnreadableInstances(registry: InstanceRegistry, log: Log): void {
  const problems = registry.problems();
  if (problems.length === 0) return;
  for (const problem of problems) {
    log.error(`Stored instance ${problem.idInstance || '(list)'} is unreadable: ${problem.problem}.`);
  }
  const ids = problems.map((problem) => problem.idInstance).filter(Boolean);
  // l10n: Follows "GREEN-API: " in a warning, when no more precise reason is known.
  const reason = problems[0]?.problem ?? t('the instance list could not be read');
  void vscode.window
    .showWarningMessage(
      ids.length > 0
        ? t(
            'GREEN-API: the stored data of {0} could not be read. The other instances are fine. Remove and add again what could not be read.',
            ids.join(', '),
          )
        : `GREEN-API: ${reason}`,
      t('Show Log'),
    )
    .then((chosen) => chosen && log.show());
}
