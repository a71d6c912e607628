import * as vscode from 'vscode';
import { Actions, Invocation } from '../actions/actions';
import { reportArgumentProblem } from '../failures/argumentProblem';
import {
  callerArgument,
  parseAddInstanceArgs,
  parseEditInstanceArgs,
  parseExportArgs,
  parseGetCodeArgs,
  parseInstanceArgs,
  parseLinkArgs,
  parseOptionalInstanceArgs,
} from '../core/commandArgs';
import { COMMAND, CommandId } from '../core/manifestIds';
import { InstanceRegistry } from '../core/instanceRegistry';
import { InstanceStates } from '../core/instanceStates';
import { t } from '../core/l10n';
import { PendingCodes } from '../core/pendingCodes';
import { Log } from '../platform/log';
import { updateInstancesViewSetting } from '../platform/config';
import { PickOptions, pickInstance } from '../ui/pickInstance';
import { ImportContext, importFromPartner } from '../flows/importFromPartner';
import { importFromEnv } from '../flows/importFromEnv';

/** What the command handlers need: the actions they call, and what the pickers and the listing read. */
export interface CommandContext {
  readonly actions: Actions;
  readonly registry: InstanceRegistry;
  readonly states: InstanceStates;
  readonly pendingCodes: PendingCodes;
  readonly log: Log;
  readonly imports: ImportContext;
}

/** One entry of `greenApi.listInstances`: never a token, never a code. */
export interface ListedInstance {
  readonly idInstance: string;
  readonly name: string;
  readonly apiUrl: string;
  readonly state?: string;
  /** Epoch ms at which the pending code expires, when one is pending. */
  readonly codeExpiresAt?: number;
  /** The row's token is not on this machine (it came through Settings Sync or the setting): commands that send refuse it. */
  readonly tokenMissing?: true;
  /** The row comes from the `greenApi.instances` setting: read-only apart from its token. */
  readonly shared?: true;
}

/**
 * Registers every command of the manifest (`vscode.commands.registerCommand`). A handler
 * only parses its argument and calls a typed action: without an argument it asks (a
 * pick of the instance), with one it never prompts and reports what is wrong against
 * the command. Returns the registrations, for `context.subscriptions`.
 */
export function registerCommands(context: CommandContext): vscode.Disposable[] {
  const { actions } = context;
  const handlers: Record<CommandId, (arg: unknown) => unknown> = {
    [COMMAND.addInstance]: (arg) => addInstance(context, arg),
    [COMMAND.editInstance]: (arg) => editInstance(context, arg),
    [COMMAND.removeInstance]: (arg) =>
      withInstanceFromArgOrPick(
        context,
        COMMAND.removeInstance,
        arg,
        t('Which instance do you want to remove?'),
        (id, how) => actions.remove(id, how),
      ),
    [COMMAND.getAuthorizationCode]: (arg) => getAuthorizationCode(context, arg),
    [COMMAND.copyAuthorizationCode]: (arg) => copyAuthorizationCode(context, arg),
    [COMMAND.linkWithPhoneNumber]: (arg) => linkWithPhoneNumber(context, arg),
    [COMMAND.logout]: (arg) =>
      withInstanceFromArgOrPick(context, COMMAND.logout, arg, t('Which instance do you want to log out?'), (id, how) =>
        actions.logout(id, how),
      ),
    // From the palette the answer is said in words; with an argument it is only returned.
    [COMMAND.refreshState]: (arg) =>
      withInstanceFromArgOrPick(
        context,
        COMMAND.refreshState,
        arg,
        t('Which instance do you want to check?'),
        (id, how) => actions.refresh(id, how, how.command === undefined),
      ),
    [COMMAND.refreshAll]: () => actions.refreshAll(),
    [COMMAND.showQrCode]: (arg) =>
      withInstanceFromArgOrPick(
        context,
        COMMAND.showQrCode,
        arg,
        t('Which instance do you want to link with a QR code?'),
        (id, how) => actions.showQr(id, how),
      ),
    [COMMAND.reboot]: (arg) =>
      withInstanceFromArgOrPick(context, COMMAND.reboot, arg, t('Which instance do you want to reboot?'), (id, how) =>
        actions.reboot(id, how),
      ),
    [COMMAND.openConsole]: (arg) =>
      withInstanceFromArgOrPick(
        context,
        COMMAND.openConsole,
        arg,
        t('Which instance do you want to open in the GREEN-API console?'),
        (id, how) => actions.openConsole(id, how),
      ),
    [COMMAND.stateHistory]: (arg) =>
      withInstanceFromArgOrPick(
        context,
        COMMAND.stateHistory,
        arg,
        t('Whose state history do you want to see?'),
        (id, how) => actions.stateHistory(id, how),
      ),
    [COMMAND.importFromEnv]: (arg) => importFromEnv(context.imports, arg),
    [COMMAND.importFromPartner]: (arg) => importFromPartner(context.imports, arg),
    [COMMAND.listInstances]: () => listInstances(context),
    [COMMAND.exportInstances]: (arg) => exportInstances(context, arg),
    [COMMAND.showLog]: () => context.log.show(),
    // The Instances view's title menu (Sort By, Compact Rows): user settings, so every window follows.
    [COMMAND.sortInstancesByName]: () => updateInstancesViewSetting('sortOrder', 'name'),
    [COMMAND.sortInstancesAttentionFirst]: () => updateInstancesViewSetting('sortOrder', 'attentionFirst'),
    [COMMAND.useCompactRows]: () => updateInstancesViewSetting('density', 'compact'),
    [COMMAND.useComfortableRows]: () => updateInstancesViewSetting('density', 'comfortable'),
  };
  // A menu's own event is no argument: the entry asks as the palette does (callerArgument).
  return Object.entries(handlers).map(([id, handler]) =>
    vscode.commands.registerCommand(id, (arg: unknown) => handler(callerArgument(arg))),
  );
}

/**
 * The instance a command is about (its argument's idInstance, or the user's pick
 * without one), handed to `act` with how it was asked for.
 */
async function withInstanceFromArgOrPick<T>(
  context: CommandContext,
  command: CommandId,
  arg: unknown,
  placeHolder: string,
  act: (idInstance: string, how: Invocation) => Promise<T>,
): Promise<T | undefined> {
  if (arg === undefined) {
    const idInstance = await pickStored(context, placeHolder);
    return idInstance === undefined ? undefined : act(idInstance, {});
  }
  const parsed = parseInstanceArgs(arg, command);
  if (!parsed.ok) return reportArgumentProblem(command, parsed.message, context.log);
  return act(parsed.value.idInstance, { command, skipConfirmation: parsed.value.skipConfirmation });
}

/** A pick among the stored instances (none needed when there is one); with none stored, offers Add Instance. */
async function pickStored(
  context: CommandContext,
  placeHolder: string,
  options: PickOptions = {},
): Promise<string | undefined> {
  await context.registry.ready();
  const instances = context.registry.list();
  if (instances.length === 0) {
    void offerToAddInstance(context.actions);
    return undefined;
  }
  const checkState = options.needsCodeFirst ? (id: string) => context.actions.refreshQuietly(id) : undefined;
  return (await pickInstance(instances, context.states, placeHolder, { ...options, checkState }))?.idInstance;
}

async function offerToAddInstance(actions: Actions): Promise<void> {
  const add = t('Add Instance');
  const chosen = await vscode.window.showInformationMessage(
    t(
      'There is no GREEN-API instance yet. Add one with its apiUrl, idInstance and apiTokenInstance from the GREEN-API console.',
    ),
    add,
  );
  if (chosen === add) await actions.add(undefined);
}

async function addInstance(context: CommandContext, arg: unknown): Promise<string | undefined> {
  if (arg === undefined) return context.actions.add(undefined);
  const parsed = parseAddInstanceArgs(arg);
  if (!parsed.ok) return reportArgumentProblem(COMMAND.addInstance, parsed.message, context.log);
  return context.actions.add(parsed.value);
}

async function editInstance(context: CommandContext, arg: unknown): Promise<string | undefined> {
  if (arg === undefined) {
    const idInstance = await pickStored(context, t('Which instance do you want to edit?'));
    return idInstance === undefined ? undefined : context.actions.edit(idInstance);
  }
  const parsed = parseEditInstanceArgs(arg);
  if (!parsed.ok) return reportArgumentProblem(COMMAND.editInstance, parsed.message, context.log);
  const { idInstance, ...changes } = parsed.value;
  return context.actions.editWith(idInstance, changes, { command: COMMAND.editInstance });
}

async function getAuthorizationCode(context: CommandContext, arg: unknown): Promise<unknown> {
  if (arg === undefined) {
    const idInstance = await pickStored(context, t('Which instance should WhatsApp be linked to?'), {
      needsCodeFirst: true,
    });
    return idInstance === undefined ? undefined : context.actions.getCode(idInstance, undefined, {});
  }
  const parsed = parseGetCodeArgs(arg);
  if (!parsed.ok) return reportArgumentProblem(COMMAND.getAuthorizationCode, parsed.message, context.log);
  return context.actions.getCode(parsed.value.idInstance, parsed.value.phoneNumber, {
    command: COMMAND.getAuthorizationCode,
  });
}

async function linkWithPhoneNumber(context: CommandContext, arg: unknown): Promise<boolean | undefined> {
  if (arg === undefined) {
    const idInstance = await pickStored(context, t('Which instance should WhatsApp be linked to?'), {
      needsCodeFirst: true,
    });
    return idInstance === undefined ? undefined : context.actions.linkWithPhoneNumber(idInstance, undefined, {});
  }
  const parsed = parseLinkArgs(arg);
  if (!parsed.ok) return reportArgumentProblem(COMMAND.linkWithPhoneNumber, parsed.message, context.log);
  return context.actions.linkWithPhoneNumber(parsed.value.idInstance, parsed.value.phoneNumber, {
    command: COMMAND.linkWithPhoneNumber,
  });
}

async function copyAuthorizationCode(context: CommandContext, arg: unknown): Promise<string | undefined> {
  if (arg === undefined) return context.actions.copyCode(undefined, {});
  const parsed = parseOptionalInstanceArgs(arg, COMMAND.copyAuthorizationCode);
  if (!parsed.ok) return reportArgumentProblem(COMMAND.copyAuthorizationCode, parsed.message, context.log);
  return context.actions.copyCode(parsed.value.idInstance, { command: COMMAND.copyAuthorizationCode });
}

async function listInstances(context: CommandContext): Promise<ListedInstance[]> {
  await context.registry.ready();
  return context.registry.list().map((instance) => {
    const state = context.states.get(instance.idInstance).state;
    const code = context.pendingCodes.get(instance.idInstance);
    return {
      idInstance: instance.idInstance,
      name: instance.name,
      apiUrl: instance.apiUrl,
      ...(state === undefined ? {} : { state }),
      ...(code === undefined ? {} : { codeExpiresAt: code.expiresAt }),
      ...(instance.tokenMissing ? { tokenMissing: true as const } : {}),
      ...(instance.shared ? { shared: true as const } : {}),
    };
  });
}

async function exportInstances(context: CommandContext, arg: unknown): Promise<string | undefined> {
  if (arg === undefined) return context.actions.exportInstances(undefined);
  const parsed = parseExportArgs(arg);
  if (!parsed.ok) return reportArgumentProblem(COMMAND.exportInstances, parsed.message, context.log);
  return context.actions.exportInstances(parsed.value.target);
}
