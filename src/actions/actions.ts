import * as vscode from 'vscode';
import { AuthorizationFlow } from '../flows/authorizationFlow';
import { CodeOutcome, IssuedCode } from '../core/codeOutcome';
import { CommandId, VIEW_CONTAINER_ID } from '../core/manifestIds';
import { formatAuthorizationCode, isolateLeftToRight } from '../core/countdown';
import { InstanceRegistry } from '../core/instanceRegistry';
import { InstanceStates } from '../core/instanceStates';
import { t } from '../core/l10n';
import { Emitter, Event } from '../core/events';
import { PendingCode, PendingCodes } from '../core/pendingCodes';
import { StateChange } from '../core/stateHistory';
import { stateWords } from '../core/stateWords';
import { neutralizeValue } from '../base/neutralize';
import { InstanceRecord, InstanceSummary, displayName } from '../core/storedInstance';
import { originOf } from '../core/validation';
import { argumentMayStore } from '../core/hostMoves';
import { hostMoveRefusal } from '../failures/argumentProblem';
import { COMMAND } from '../core/manifestIds';
import { adviseForCode } from '../failures/explain';
import { showFailure, showMessage } from '../failures/showFailure';
import { confirmThenCall } from '../flows/confirmThenCall';
import { ExportTarget } from '../core/commandArgs';
import {
  EditingContext,
  addInteractively,
  checkCredentials,
  editInteractively,
  saveInstance,
} from '../flows/instanceEditing';
import { exportInstances } from '../flows/exportInstances';
import { pasteToken } from '../flows/pasteToken';
import { Log } from '../platform/log';
import { LinkPanel, LinkPanelActions, LinkPanels } from '../views/link/panels';
import { RunWayOut, WayOut } from '../core/waysOut';
import { QrPanel, QrPanels } from '../views/qr/panels';
import { ChangeAskedBy, StateChecks } from '../services/stateChecks';
import { askPhoneNumber } from '../ui/askPhoneNumber';
import { pickInstance } from '../ui/pickInstance';
import { Disposable } from '../platform/disposable';
import { reportArgumentProblem } from '../failures/argumentProblem';
import { TEST_SEAM } from '../base/testSeam';
import { PostRecorder } from '../base/postRecorder';
import { CodeBlocker } from '../failures/blockers';
import { findCodeBlocker } from './findCodeBlocker';
import { CodeNotifications } from './codeNotifications';
import { waitOutCleanup } from '../flows/logoutCleanup';
import { LinkedNotices } from '../flows/linkedNotice';
import type { InstancesViewActions } from '../views/instances/provider';
import type { RowAction } from '../views/instances/protocol';

/** How an action was asked for. */
export interface Invocation {
  /**
   * Set when a command was called with an argument (a keybinding, a task, another
   * extension, a test): the action never prompts, and reports what it cannot do against
   * this command. Unset for the user's own clicks and picks.
   */
  readonly command?: CommandId;
  /** Skip the confirmation of a destructive action (the argument's skipConfirmation). */
  readonly skipConfirmation?: boolean;
}

/** The texts and the call of a destructive action that confirms first. */
interface DestructiveCall {
  readonly question: (name: string, idInstance: string) => string;
  readonly detail: string;
  readonly button: string;
  readonly progress: (name: string) => string;
  /** The call; `asked` says whether the user saw it coming (their click or confirmation) or an argument skipped that. */
  readonly call: (record: InstanceRecord, asked: ChangeAskedBy) => Promise<boolean>;
  /** Try Again after a failure: no second confirmation. */
  readonly again: () => unknown;
}

/** Where the Console link goes: no per-instance address is documented, so its start page; the idInstance goes to the clipboard for its search box. */
export const CONSOLE_URL = 'https://console.green-api.com/';

/**
 * Everything a user can do to an instance, as typed methods: the one place that looks
 * the instance up and validates it. Command handlers parse their argument and call an
 * action; the sidebar, the QR panel, the status bar and the flows call actions
 * directly, never through `executeCommand`. Each resolves to what its command returns
 * (see README's command table) and never throws: failures are shown with their ways out.
 */
export class Actions extends Disposable implements InstancesViewActions {
  /** getAuthorizationCode and what follows; it shows nothing itself. */
  private readonly flow: AuthorizationFlow;
  /** The code flow's notification surface: its progress, its outcome in words, linked and expired. */
  private readonly codeNotifications: CodeNotifications;
  private readonly linkedNotices: LinkedNotices;
  private readonly qrPanels: QrPanels;
  private readonly linkPanels: LinkPanels;
  private readonly codeCopies = new Emitter<string>();
  /** Fires with the idInstance whose code was copied, from any surface (the walkthrough's step 3 follows it). */
  readonly onDidCopyCode: Event<string> = this.codeCopies.event;

  constructor(
    private readonly registry: InstanceRegistry,
    private readonly states: InstanceStates,
    private readonly pendingCodes: PendingCodes,
    private readonly stateChecks: StateChecks,
    private readonly log: Log,
    extensionUri: vscode.Uri,
    /** The background watch: its state history, and dismissing a drop. */
    private readonly watch: { dismiss(idInstance?: string): void; historyOf(idInstance: string): StateChange[] },
    /** Given only in test mode: the panels record their posts in it (see PostRecorder). */
    recorder?: PostRecorder,
  ) {
    super();
    this.register(this.codeCopies);
    this.flow = this.register(new AuthorizationFlow(registry, pendingCodes, stateChecks, log));
    this.linkedNotices = this.register(new LinkedNotices(stateChecks, registry));
    this.codeNotifications = this.register(
      new CodeNotifications(registry, pendingCodes, this.flow, log, this.runWayOut, this.linkedNotices),
    );
    const panelHost = { extensionUri, log, recorder };
    this.qrPanels = this.register(new QrPanels(panelHost, registry, stateChecks, this.runWayOut, this.linkedNotices));
    this.linkPanels = this.register(new LinkPanels(panelHost, registry, pendingCodes, this.linkPanelActions()));
  }

  /** The add form, or the fields of an argument saved as given (an existing record keeps its name and last phone). */
  async add(
    fields: (Omit<InstanceRecord, 'name' | 'lastPhone'> & { readonly name?: string }) | undefined,
  ): Promise<string | undefined> {
    await this.registry.ready();
    if (!fields) return addInteractively(this.editing());
    const { name, ...address } = fields;
    const previous = this.registry.get(address.idInstance);
    const stored = this.registry.entry(address.idInstance);
    if (!argumentMayStore(stored?.apiUrl, address.apiUrl)) {
      return this.refuseHostMove(COMMAND.addInstance, address.idInstance);
    }
    // The last phone number stays only on the same host: a replacement elsewhere (another
    // extension's argument, say) must not come prefilled with the user's own number.
    const lastPhone =
      previous?.lastPhone && originOf(previous.apiUrl) === originOf(address.apiUrl) ? previous.lastPhone : undefined;
    return saveInstance(this.editing(), {
      ...address,
      name: name ?? this.registry.entry(address.idInstance)?.name ?? '',
      ...(lastPhone ? { lastPhone } : {}),
    });
  }

  /**
   * The edit form for one instance; for palette picks, row clicks and "Update Token"
   * buttons. A shared row (read-only apart from its token) or a row whose token is not
   * on this machine gets the one token box instead.
   */
  async edit(idInstance: string): Promise<string | undefined> {
    await this.registry.ready();
    const entry = this.registry.entry(idInstance);
    if (entry && (entry.shared || entry.tokenMissing)) {
      const editing = this.editing();
      return pasteToken(
        this.registry,
        entry,
        (record) => checkCredentials(editing, record),
        (record) => saveInstance(editing, record),
      );
    }
    return editInteractively(this.editing(), idInstance);
  }

  /**
   * Saves changed fields given by a command argument; the rest of the record stays. A
   * row without its token here takes a token; a shared row takes nothing but its token.
   */
  async editWith(
    idInstance: string,
    changes: Partial<Omit<InstanceRecord, 'idInstance'>>,
    invocation: Invocation,
  ): Promise<string | undefined> {
    await this.registry.ready();
    const entry = this.registry.entry(idInstance);
    if (!entry) return this.find(idInstance, invocation).then(() => undefined);
    if (entry.shared && (changes.apiUrl !== undefined || changes.name !== undefined)) {
      return this.refuse(
        invocation,
        t(
          '{0} comes from the greenApi.instances setting: its apiUrl and name are changed there; only its apiTokenInstance is stored here.',
          idInstance,
        ),
      );
    }
    if (
      invocation.command &&
      changes.apiUrl !== undefined &&
      changes.apiTokenInstance !== undefined &&
      !argumentMayStore(entry.apiUrl, changes.apiUrl)
    ) {
      return this.refuseHostMove(invocation.command, idInstance);
    }
    // Any installed extension can run this command: a stored token never follows an apiUrl to
    // a new host unless the same argument brings the token too (see SECURITY.md).
    if (
      changes.apiUrl !== undefined &&
      originOf(changes.apiUrl) !== originOf(entry.apiUrl) &&
      changes.apiTokenInstance === undefined &&
      invocation.command
    ) {
      return reportArgumentProblem(
        invocation.command,
        t(
          'Moving {0} to another host needs its apiTokenInstance in the same argument: the stored token is never sent to a new host. Nothing was changed.',
          idInstance,
        ),
        this.log,
      );
    }
    const current = this.registry.get(idInstance);
    const apiTokenInstance = changes.apiTokenInstance ?? current?.apiTokenInstance;
    if (apiTokenInstance === undefined) return this.find(idInstance, invocation).then(() => undefined);
    const movesHost = changes.apiUrl !== undefined && originOf(changes.apiUrl) !== originOf(entry.apiUrl);
    const base = {
      idInstance,
      apiUrl: entry.apiUrl,
      name: entry.name,
      ...(current?.lastPhone && !movesHost ? { lastPhone: current.lastPhone } : {}),
    };
    return saveInstance(this.editing(), { ...base, ...changes, apiTokenInstance });
  }

  /**
   * Refuses an argument that would move a stored instance to another host (security review
   * M1): only the user's own Edit form may, after showing both hosts. Resolves to undefined.
   */
  private refuseHostMove(command: string, idInstance: string): undefined {
    return reportArgumentProblem(command, hostMoveRefusal(idInstance), this.log);
  }

  /** Writes the greenApi.instances JSON of every listed instance (never a token) to an editor or the clipboard; resolves to the text. */
  async exportInstances(target: ExportTarget | undefined): Promise<string | undefined> {
    await this.registry.ready();
    const rows = this.registry.list();
    if (rows.length === 0) {
      void vscode.window.showInformationMessage(t('There is no GREEN-API instance to export yet.'));
      return undefined;
    }
    return exportInstances(rows, target);
  }

  /**
   * Asks GREEN-API for a code for `phoneNumber` (digits, already normalized). Without a
   * number (never with an argument) it first checks that a code can be had at all, and
   * says what blocks it with its fix instead of asking for a number that cannot be used;
   * then it asks for the number. The code shows in the Link panel, which opens beside the
   * editor without taking the focus; no notification holds it.
   */
  async getCode(
    idInstance: string,
    phoneNumber: string | undefined,
    invocation: Invocation,
  ): Promise<IssuedCode | undefined> {
    const record = await this.find(idInstance, invocation);
    if (!record) return undefined;
    let phone = phoneNumber;
    if (phone === undefined) {
      if (invocation.command) return undefined;
      const blocker = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: t('GREEN-API: checking {0}…', displayName(record)) },
        () => findCodeBlocker(this.stateChecks, record),
      );
      if (blocker === 'cancelled') return undefined;
      if (blocker) {
        this.offerFix(record, blocker, () => this.getCode(idInstance, undefined, {}));
        return undefined;
      }
      phone = await askPhoneNumber(record);
      if (phone === undefined) return undefined;
    }
    const outcome = await this.codeNotifications.request(record, phone);
    return outcome.type === 'issued' ? outcome.issued : undefined;
  }

  /**
   * Opens the instance's "Link with Phone Number" panel, focused, with `phoneNumber`
   * (as typed) in its field; it asks for nothing by itself. Resolves true when it is open.
   */
  async linkWithPhoneNumber(
    idInstance: string,
    phoneNumber: string | undefined,
    invocation: Invocation,
  ): Promise<boolean | undefined> {
    const record = await this.find(idInstance, invocation);
    if (!record) return undefined;
    this.linkPanels.show(record, phoneNumber === undefined ? { focus: true } : { focus: true, phone: phoneNumber });
    return true;
  }

  /** Drops the instance's pending code, or stops its request under way. Resolves true when there was one. */
  cancelCode(idInstance: string): boolean {
    const requesting = this.flow.isRequesting(idInstance);
    this.flow.cancel(idInstance);
    return this.pendingCodes.clear(idInstance, 'cancelled') !== undefined || requesting;
  }

  /**
   * Copies the pending code of `idInstance` (or the only pending one) and says so in the
   * status bar. With several pending and no idInstance, a click picks one; an argument
   * must name it. Resolves to the code copied.
   */
  async copyCode(idInstance: string | undefined, invocation: Invocation): Promise<string | undefined> {
    const pending = this.pendingCodes.all();
    let code: PendingCode | undefined =
      idInstance === undefined ? (pending.length === 1 ? pending[0] : undefined) : this.pendingCodes.get(idInstance);
    if (!code && idInstance === undefined && pending.length > 1 && !invocation.command) {
      const withCodes = pending.flatMap((p) =>
        this.registry.list().filter((instance) => instance.idInstance === p.idInstance),
      );
      const picked = await pickInstance(withCodes, this.states, t('Copy the code of which instance?'));
      code = picked && this.pendingCodes.get(picked.idInstance);
    }
    if (!code) {
      const message =
        pending.length > 1
          ? t('Several codes are pending: say which instance, {0}.', '{ "idInstance": "…" }')
          : t('No authorization code is pending. Get one with "GREEN-API: Get Authorization Code".');
      if (invocation.command) return reportArgumentProblem(invocation.command, message, this.log);
      void vscode.window.showInformationMessage(message);
      return undefined;
    }
    await vscode.env.clipboard.writeText(code.code);
    this.codeCopies.fire(code.idInstance);
    vscode.window.setStatusBarMessage(
      `$(check) ${t('Copied {0}: type it in WhatsApp', isolateLeftToRight(formatAuthorizationCode(code.code)))}`,
      4000,
    );
    return code.code;
  }

  /**
   * Checks one instance's state now. `announce` (a palette pick, a Check State button)
   * also says what the state means; a failure is always shown with its ways out.
   * Resolves to the `stateInstance`.
   */
  async refresh(idInstance: string, invocation: Invocation, announce = false): Promise<string | undefined> {
    const record = await this.find(idInstance, invocation);
    if (!record) return undefined;
    const name = displayName(record);
    try {
      const stateInstance = await this.stateChecks.check(record);
      if (announce) {
        const advice = adviseForCode(stateInstance, name);
        void vscode.window.showInformationMessage(
          advice.canRequestCode
            ? t('{0} is not linked yet: get an authorization code to link a phone.', name)
            : advice.message,
        );
      }
      return stateInstance;
    } catch (error) {
      showFailure(
        error,
        name,
        {
          tryAgain: () => this.refresh(idInstance, {}, announce),
          // Update Token resumes what failed: the check runs again with the saved token.
          updateToken: async () => (await this.edit(idInstance)) && this.refresh(idInstance, {}, announce),
          editInstance: () => this.edit(idInstance),
        },
        this.log,
        this.runWayOut,
      );
      return undefined;
    }
  }

  /** A row's button in the Instances view, as the typed action it stands for: a click is the user's own, so destructive ones confirm. */
  runRowAction(action: RowAction, idInstance: string): Promise<unknown> {
    switch (action) {
      case 'link':
        // The Link panel: the steps, the phone field, and the code once it is issued (or the one pending).
        return this.linkWithPhoneNumber(idInstance, undefined, {});
      case 'copyCode':
        return this.copyCode(idInstance, {});
      case 'cancelCode':
        return Promise.resolve(this.cancelCode(idInstance));
      case 'refresh':
        // The row shows the answer; a failure still gets its notification with the ways out.
        return this.refresh(idInstance, {});
      case 'logout':
        return this.logout(idInstance, {});
      case 'edit':
        return this.edit(idInstance);
      case 'remove':
        return this.remove(idInstance, {});
      case 'showQr':
        return this.showQr(idInstance, {});
      case 'reboot':
        return this.reboot(idInstance, {});
      case 'openConsole':
        return this.openConsole(idInstance, {});
      case 'dismissDrop':
        return this.dismissDrop(idInstance);
    }
  }

  /** Checks every instance within the rate limits (the queue of StateChecks); resolves with the counts. */
  refreshAll(): ReturnType<StateChecks['checkAll']> {
    return this.stateChecks.checkAll();
  }

  /** Checks one instance through the queue, quietly: for a row that was never checked. */
  refreshQuietly(idInstance: string): Promise<unknown> {
    return this.stateChecks.refresh(idInstance);
  }

  /**
   * Unlinks the phone (GREEN-API `logout`) after a confirmation, then waits out GREEN-API's
   * cleanup of the instance's data (getWaSettings `logoutProcess`, {@link waitOutCleanup}), so
   * that what follows (a code, the QR) is not refused. Resolves true when the instance is
   * unlinked and clean; false when declined, failed, or the cleanup wait was cancelled or gave up.
   */
  async logout(idInstance: string, invocation: Invocation): Promise<boolean | undefined> {
    const loggedOut = await this.logoutCall(idInstance, invocation);
    const record = loggedOut ? this.registry.get(idInstance) : undefined;
    if (!record) return loggedOut;
    return waitOutCleanup(this.stateChecks, record, this.log, this.runWayOut);
  }

  private logoutCall(idInstance: string, invocation: Invocation): Promise<boolean | undefined> {
    return this.confirmedCall(idInstance, invocation, {
      question: (name, id) => t('Log out {0} ({1})?', name, id),
      detail: t(
        'WhatsApp unlinks this instance from the phone. Sending stops until it is linked again with a new code or QR.',
      ),
      button: t('Log Out'),
      progress: (name) => t('GREEN-API: logging out {0}…', name),
      call: (record, asked) => this.stateChecks.logout(record, asked),
      again: () => this.logout(idInstance, { skipConfirmation: true }),
    });
  }

  /** Restarts the instance (GREEN-API `reboot`) after a confirmation; the phone stays linked. Resolves to `isReboot`. */
  reboot(idInstance: string, invocation: Invocation): Promise<boolean | undefined> {
    return this.confirmedCall(idInstance, invocation, {
      question: (name, id) => t('Reboot {0} ({1})?', name, id),
      detail: t('The instance restarts and is "starting" for a short while; a linked phone stays linked.'),
      button: t('Reboot'),
      progress: (name) => t('GREEN-API: rebooting {0}…', name),
      call: (record, asked) => this.stateChecks.reboot(record, asked),
      again: () => this.reboot(idInstance, { skipConfirmation: true }),
    });
  }

  /** Removes the instance and deletes its token, after a confirmation. Resolves true when removed. */
  async remove(idInstance: string, invocation: Invocation): Promise<boolean | undefined> {
    await this.registry.ready();
    // A row without its token here can be removed too: find() is for actions that send.
    const record: InstanceSummary | undefined =
      this.registry.entry(idInstance) ?? (await this.find(idInstance, invocation));
    if (!record) return undefined;
    if (!invocation.skipConfirmation) {
      const remove = t('Remove');
      const detail = record.shared
        ? t(
            "Its token is deleted from this computer's secret storage. The row stays while the greenApi.instances setting lists it; remove it there.",
          )
        : t(
            "Its token is deleted from VS Code's secret storage. The instance itself stays as it is on GREEN-API, and the phone stays linked.",
          );
      const answer = await vscode.window.showWarningMessage(
        t('Remove {0} ({1}) from VS Code?', displayName(record), record.idInstance),
        { modal: true, detail },
        remove,
      );
      if (answer !== remove) return false;
    }
    this.flow.cancel(idInstance);
    this.pendingCodes.clear(idInstance, 'removed');
    try {
      await this.registry.remove(idInstance);
    } catch (error) {
      showFailure(error, displayName(record), {}, this.log, this.runWayOut);
      return false;
    }
    this.states.forget(idInstance);
    this.log.info(`Removed instance ${idInstance}; its token was deleted.`);
    return true;
  }

  /**
   * The instance's state changes, newest first, as `[{state, at}]` (epoch ms); from the
   * palette also shown in a quick pick with local times.
   */
  async stateHistory(idInstance: string, invocation: Invocation): Promise<StateChange[] | undefined> {
    const record = await this.find(idInstance, invocation);
    if (!record) return undefined;
    const changes = this.watch.historyOf(idInstance);
    if (!invocation.command) {
      // The Instances view's words first; GREEN-API's name, for a developer, beside the time.
      const items = changes.map((change) => ({
        label: stateWords(change.state, t).label,
        description: `${new Date(change.at).toLocaleString()} (${neutralizeValue(change.state)})`,
      }));
      void vscode.window.showQuickPick(
        items.length > 0 ? items : [{ label: t('No state seen yet'), description: '' }],
        {
          title: t('State history of {0}', displayName(record)),
          placeHolder: t('Newest first; kept across reloads, at most 50 changes'),
        },
      );
    }
    return changes;
  }

  /** The user dismissed a dropped link in the Instances view: its badge no longer counts it. */
  async dismissDrop(idInstance: string): Promise<void> {
    this.watch.dismiss(idInstance);
  }

  /** Opens (or reveals) the instance's QR panel. Resolves true when it is open. */
  async showQr(idInstance: string, invocation: Invocation): Promise<boolean | undefined> {
    const record = await this.find(idInstance, invocation);
    if (!record) return undefined;
    this.qrPanels.show(record);
    return true;
  }

  /** Opens GREEN-API's console in the browser and copies the idInstance for its search box. Resolves true when the browser opened. */
  async openConsole(idInstance: string, invocation: Invocation): Promise<boolean | undefined> {
    await this.registry.ready();
    // Only the idInstance is needed: a row without its token here may open the console too (to copy the token).
    const record = this.registry.entry(idInstance) ?? (await this.find(idInstance, invocation));
    if (!record) return undefined;
    await vscode.env.clipboard.writeText(record.idInstance);
    const opened = await vscode.env.openExternal(vscode.Uri.parse(CONSOLE_URL));
    if (opened) {
      void vscode.window.setStatusBarMessage(
        `$(link-external) ${t('GREEN-API console opened; {0} copied for its search', record.idInstance)}`,
        5000,
      );
    }
    return opened;
  }

  /** The QR panel open for an instance, for the tests. */
  [TEST_SEAM](): {
    qrPanel(idInstance: string): QrPanel | undefined;
    linkPanel(idInstance: string): LinkPanel | undefined;
    linkedNotices: ReturnType<LinkedNotices[typeof TEST_SEAM]>;
  } {
    return {
      linkedNotices: this.linkedNotices[TEST_SEAM](),
      qrPanel: (idInstance) => this.qrPanels[TEST_SEAM]().panel(idInstance),
      linkPanel: (idInstance) => this.linkPanels[TEST_SEAM]().panel(idInstance),
    };
  }

  /**
   * Says why no code can be had, with its fix as the one button; after the fix (a log
   * out, a saved edit) `resume` carries on with what was asked.
   */
  private offerFix(record: InstanceRecord, blocker: CodeBlocker, resume: () => unknown): void {
    showMessage(
      'warning',
      blocker.text,
      [blocker.fix],
      {
        [blocker.fix]: async () => {
          // Try Again is the request itself once more (its state check first): nothing to run before it.
          const done = blocker.fix === 'tryAgain' || (await this.runWayOut(blocker.fix, record.idInstance));
          if (done && blocker.fix !== 'checkState') await resume();
        },
      },
      this.log,
    );
  }

  /**
   * The one implementation of every way out that needs only the instance's id (see
   * {@link WayOut}), for the flow, both panel sets, the watch and the failure display. A
   * click is the user's own, so Log Out and Reboot confirm; `logoutAndGetCode` does not,
   * its button already said so. Resolves truthy when done (unlinked, saved, open), falsy
   * when declined, failed, or for `tryAgain`/`rebootAndTryAgain`, which only the caller
   * that knows what failed can run. An arrow, so that it can be handed on as it is.
   */
  readonly runWayOut: RunWayOut = async (wayOut: WayOut, idInstance: string): Promise<unknown> => {
    switch (wayOut) {
      case 'logout':
        return this.logout(idInstance, {});
      case 'logoutAndGetCode':
        return this.logout(idInstance, { skipConfirmation: true });
      case 'reboot':
        return this.reboot(idInstance, {});
      case 'updateToken':
      case 'editInstance':
        return this.edit(idInstance);
      case 'checkState':
        return this.refresh(idInstance, {}, true);
      case 'removeInstance':
        return this.remove(idInstance, {});
      case 'openConsole':
        return this.openConsole(idInstance, {});
      case 'useQr':
        return this.showQr(idInstance, {});
      case 'getCode':
        return this.getCode(idInstance, undefined, {});
      case 'openLinkPanel':
        return this.linkWithPhoneNumber(idInstance, undefined, {});
      case 'showInstances':
        // VS Code's own command for a view container: `workbench.view.extension.<id>`.
        return vscode.commands.executeCommand(`workbench.view.extension.${VIEW_CONTAINER_ID}`);
      case 'openSettings':
        return vscode.commands.executeCommand('workbench.action.openSettings', 'greenApi');
      case 'showLog':
        this.log.show();
        return true;
      case 'tryAgain':
      case 'rebootAndTryAgain':
        return undefined;
    }
  };

  /** What the Link panels' buttons do: the same actions; the panel words the outcome itself. */
  private linkPanelActions(): LinkPanelActions {
    const withRecord = async (
      idInstance: string,
      run: (record: InstanceRecord) => Promise<CodeOutcome>,
    ): Promise<CodeOutcome | undefined> => {
      const record = await this.find(idInstance, {});
      return record && run(record);
    };
    return {
      requestCode: (idInstance, phone) => withRecord(idInstance, (record) => this.flow.request(record, phone)),
      rebootAndRetry: (idInstance, phone) =>
        withRecord(idInstance, (record) => this.flow.rebootAndRetry(record, phone)),
      findBlocker: async (idInstance) => {
        const record = await this.find(idInstance, {});
        return record ? findCodeBlocker(this.stateChecks, record) : 'cancelled';
      },
      runWayOut: this.runWayOut,
      copyCode: (idInstance) => this.copyCode(idInstance, {}),
      cancelCode: (idInstance) => void this.cancelCode(idInstance),
    };
  }

  /** Logout and Reboot: the lookup, then {@link confirmThenCall} with the texts for this instance. False when declined or failed. */
  private async confirmedCall(
    idInstance: string,
    invocation: Invocation,
    spec: DestructiveCall,
  ): Promise<boolean | undefined> {
    const record = await this.find(idInstance, invocation);
    if (!record) return undefined;
    const name = displayName(record);
    // A command run with an argument and skipConfirmation was never seen by the user: its result is not theirs to expect.
    const asked: ChangeAskedBy =
      invocation.command !== undefined && invocation.skipConfirmation ? 'byArgument' : 'byUser';
    const done = await confirmThenCall({
      confirmation: invocation.skipConfirmation
        ? undefined
        : { message: spec.question(name, record.idInstance), detail: spec.detail, button: spec.button },
      progressTitle: spec.progress(name),
      subject: name,
      call: () => spec.call(record, asked),
      retry: spec.again,
      log: this.log,
      runWayOut: this.runWayOut,
    });
    return done ?? false;
  }

  /**
   * The one lookup and validation of an action: the stored record, or undefined after
   * saying so (against the command when there was an argument, in the log for a click
   * on a row that has just gone).
   */
  private async find(idInstance: string, invocation: Invocation): Promise<InstanceRecord | undefined> {
    await this.registry.ready();
    const record = this.registry.get(idInstance);
    if (record) return record;
    const entry = this.registry.entry(idInstance);
    if (entry?.tokenMissing) return this.tokenNeeded(entry, invocation);
    const message = t('No instance {0} is stored. Add it first with "GREEN-API: Add Instance".', idInstance);
    if (invocation.command) return reportArgumentProblem(invocation.command, message, this.log);
    this.log.warn(`No instance ${idInstance} is stored; the action was ignored.`);
    return undefined;
  }

  /**
   * A row whose token is not on this machine: nothing is sent. With an argument the
   * command fails at once, saying how to give the token; a click offers the token box.
   */
  private tokenNeeded(entry: InstanceSummary, invocation: Invocation): undefined {
    const name = displayName(entry);
    const message = t(
      '{0} ({1}) has no apiTokenInstance on this computer (tokens stay on the computer they were typed on). Nothing was sent. Paste the token with "GREEN-API: Edit Instance".',
      name,
      entry.idInstance,
    );
    if (invocation.command) return reportArgumentProblem(invocation.command, message, this.log);
    const paste = t('Paste Token');
    void vscode.window
      .showWarningMessage(message, paste)
      .then((chosen) => (chosen === paste ? this.edit(entry.idInstance) : undefined));
    return undefined;
  }

  /** What an argument asked cannot be done: reported against the command, or said to the user. */
  private refuse(invocation: Invocation, message: string): undefined {
    if (invocation.command) return reportArgumentProblem(invocation.command, message, this.log);
    void vscode.window.showWarningMessage(message);
    return undefined;
  }

  /** What the add and edit flows work with; `activate()` gives it to the imports and the test probe. */
  editing(): EditingContext {
    return {
      registry: this.registry,
      states: this.states,
      stateChecks: this.stateChecks,
      log: this.log,
      openLinkPanel: (idInstance) => this.linkWithPhoneNumber(idInstance, undefined, {}),
      runWayOut: this.runWayOut,
    };
  }
}
