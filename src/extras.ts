import * as vscode from 'vscode';
import { importFromEnv, importFromPartner } from './commands/importCommands';
import { openInConsole, rebootInstance } from './commands/maintenanceCommands';
import { setTranslator } from './core/l10n';
import { seedDevelopmentInstances } from './devSeed';
import { InstanceRecord } from './core/storedInstance';
import { QrPanelActions, QrPanels } from './qr/qrPanels';
import { Services } from './services';

/**
 * The rarely used features (the QR panel and the two importers), bundled apart as
 * dist/extras.js and loaded on their first use (the development seed too, which only
 * development runs need), so activation and the main bundle do
 * not pay for them. This bundle has its own copies of the core modules it uses; the
 * services it works with are the main bundle's, handed in.
 */
export interface ExtrasServices extends Services {
  checkCredentials(record: InstanceRecord): Promise<'save' | 'retry' | 'cancel'>;
}

export interface Extras extends vscode.Disposable {
  importFromEnv(arg: unknown): Promise<string | undefined>;
  importFromPartner(arg: unknown): Promise<string[] | undefined>;
  rebootInstance(record: InstanceRecord, skipConfirmation: boolean): Promise<boolean>;
  openInConsole(record: InstanceRecord): Promise<boolean>;
  seedDevelopmentInstances(): Promise<void>;
  readonly qrPanels: QrPanels;
}

export function loadExtras(extensionUri: vscode.Uri, services: ExtrasServices, qrActions: QrPanelActions): Extras {
  // This bundle's copy of core/l10n needs the translator too.
  setTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  const qrPanels = new QrPanels(extensionUri, services.registry, services.states, services.clients, services.log, qrActions);
  return {
    importFromEnv: (arg) => importFromEnv(services, arg),
    importFromPartner: (arg) => importFromPartner(services, arg),
    rebootInstance: (record, skipConfirmation) => rebootInstance(services, record, skipConfirmation),
    openInConsole: (record) => openInConsole(record),
    seedDevelopmentInstances: () => seedDevelopmentInstances(services.registry, services.log),
    qrPanels,
    dispose: () => qrPanels.dispose(),
  };
}
