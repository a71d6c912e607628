import * as vscode from 'vscode';
import { CodeBlocker } from '../../failures/blockers';
import { describeOutcome } from '../../failures/outcomes';
import { CodeOutcome } from '../../core/codeOutcome';
import { escapeHtml, isolatedHtml } from '../../core/html';
import { InstanceRegistry } from '../../core/instanceRegistry';
import { t } from '../../core/l10n';
import { PendingCodes } from '../../core/pendingCodes';
import { PhoneHints, formatPhoneNumber, phoneHints, readPhoneNumber } from '../../core/phoneNumber';
import { InstanceRecord, displayName } from '../../core/storedInstance';
import { LinkAction, LinkHostMessage, LinkRetry, LinkView, parseLinkWebviewMessage } from './protocol';
import { Log } from '../../platform/log';
import { TEST_SEAM } from '../../base/testSeam';
import { RunWayOut } from '../../core/waysOut';
import { renderWebviewPage } from '../page';
import { InstancePanel, InstancePanels, PanelHost, PanelShell } from '../panelShell';

export const LINK_PANEL_VIEW_TYPE = 'greenApi.link';

/** What a Link panel's buttons do; the typed actions supply them (the panel never holds a client). */
export interface LinkPanelActions {
  /** getAuthorizationCode for `phone` (international digits), shown in the panel rather than in notifications. */
  requestCode(idInstance: string, phone: string): Promise<CodeOutcome | undefined>;
  /** Reboots the instance, waits for it, then asks once more: the way out of `status: false`. */
  rebootAndRetry(idInstance: string, phone: string): Promise<CodeOutcome | undefined>;
  /** Checks the state: undefined when a code can be had, else why not and its fix. */
  findBlocker(idInstance: string): Promise<CodeBlocker | 'cancelled' | undefined>;
  /** A blocker's fix (Log Out with its confirmation, the edit form, a state check) and Use QR (`Actions.runWayOut`). */
  runWayOut: RunWayOut;
  copyCode(idInstance: string): Promise<unknown>;
  /** Stops a request under way, or drops the pending code. */
  cancelCode(idInstance: string): void;
}

/** How a panel is opened: focused (the user asked for the panel) or beside, keeping the focus (a code arrived). */
export interface LinkPanelOpening {
  readonly focus: boolean;
  /** Prefills the phone field (digits or as typed). */
  readonly phone?: string;
}

/**
 * One "Link with Phone Number" panel per instance (`vscode.window.createWebviewPanel`,
 * beside the editor). It opens by itself, without taking the focus, whenever a code is
 * issued, however it was asked for; it closes itself when the phone is linked (the
 * flow's one notification says so) or the instance is removed.
 */
export class LinkPanels extends InstancePanels<LinkPanel> {
  constructor(
    host: PanelHost,
    registry: InstanceRegistry,
    private readonly pendingCodes: PendingCodes,
    private readonly actions: LinkPanelActions,
  ) {
    // Removed, or moved to another host (the panel's number and code were for the old one): the panel closes.
    super(host, registry);
    this.register(
      pendingCodes.onDidChange((event) => {
        const idInstance = event.code.idInstance;
        if (event.type === 'linked') {
          this.get(idInstance)?.dispose();
          return;
        }
        const record = registry.get(idInstance);
        if (event.type === 'issued' && record) this.show(record, { focus: false });
        this.get(idInstance)?.onCodeChange(event.type === 'expired' ? event.code.phone : undefined);
      }),
    );
  }

  /** Opens the instance's panel, or reveals the one open. Returns it. */
  show(record: InstanceRecord, opening: LinkPanelOpening): LinkPanel {
    return this.open(
      record.idInstance,
      (panel) => panel.reveal(opening),
      (forget) => new LinkPanel(this.host, record, this.pendingCodes, this.actions, opening, forget),
    );
  }
}

/** One instance's panel: the steps, the phone field, then the code and its countdown. */
export class LinkPanel implements InstancePanel {
  private readonly shell: PanelShell;
  private readonly log: Log;
  private phone: string;
  private busy = false;
  /** A view that outlives the request that made it (refused, expired, blocked) until the next request. */
  private outcome: LinkView | undefined;
  /** Where a number typed without its country code is looked up for the reading the panel offers; read on first use. */
  private hints: PhoneHints | undefined;

  constructor(
    host: PanelHost,
    private readonly record: InstanceRecord,
    private readonly pendingCodes: PendingCodes,
    private readonly actions: LinkPanelActions,
    opening: LinkPanelOpening,
    onDispose: () => void,
  ) {
    this.log = host.log;
    this.phone = opening.phone ?? record.lastPhone ?? '';
    this.shell = new PanelShell(
      host,
      {
        viewType: LINK_PANEL_VIEW_TYPE,
        title: t('Link: {0}', displayName(record)),
        showOptions: { viewColumn: vscode.ViewColumn.Beside, preserveFocus: !opening.focus },
        // l10n: Names the panel in "GREEN-API: the {0} stayed blank…"; the Russian reads it as a feminine noun phrase (панель …).
        guardTitle: t('Link with Phone Number panel'),
        render: (webview, webviewRoot) => this.renderHtml(webview, webviewRoot),
        onMessage: (raw) => void this.handleMessage(raw),
        onDispose,
      },
      this,
    );
    if (!this.pendingCodes.get(record.idInstance)) void this.checkBlocker();
  }

  /** What the tests check (the posts are in the PostRecorder): the page, the view shown, and whether the panel is visible. */
  [TEST_SEAM](): { readonly html: string; readonly currentView: LinkView; readonly visible: boolean } {
    return { html: this.shell.html, currentView: this.view(), visible: this.shell.visible };
  }

  reveal(opening: LinkPanelOpening): void {
    if (opening.phone !== undefined) {
      this.phone = opening.phone;
      this.post();
    }
    this.shell.reveal(!opening.focus);
  }

  /** A code was issued, expired or dropped: `expiredPhone` is set when it expired. */
  onCodeChange(expiredPhone: string | undefined): void {
    this.outcome = expiredPhone === undefined ? undefined : { kind: 'expired', phone: expiredPhone };
    this.post();
  }

  /** Closes the panel. */
  dispose(): void {
    this.shell.dispose();
  }

  private view(): LinkView {
    const code = this.pendingCodes.get(this.record.idInstance);
    if (this.busy) return { kind: 'phone', phone: shownAsTyped(this.phone), problem: undefined, busy: true };
    if (code) {
      return {
        kind: 'code',
        code: code.code,
        expiresAt: code.expiresAt,
        remainingMs: this.pendingCodes.remainingMs(code),
        phone: formatPhoneNumber(code.phone),
      };
    }
    return this.outcome ?? { kind: 'phone', phone: shownAsTyped(this.phone), problem: undefined, busy: false };
  }

  private phoneHints(): PhoneHints {
    this.hints ??= phoneHints({ lastPhone: this.record.lastPhone, displayLanguage: vscode.env.language });
    return this.hints;
  }

  /** The verdict on the field's text: its problem, the number as WhatsApp shows it, and a reading to offer. */
  private phoneCheck(text: string): LinkHostMessage {
    if (text.trim() === '') return { type: 'phoneCheck', text, problem: undefined };
    const reading = readPhoneNumber(text, this.phoneHints());
    if (reading.kind === 'valid') return { type: 'phoneCheck', text, problem: undefined, shown: reading.shown };
    return {
      type: 'phoneCheck',
      text,
      problem: reading.message,
      ...(reading.suggestion ? { suggestion: { shown: reading.suggestion.shown } } : {}),
    };
  }

  private post(message: LinkHostMessage = { type: 'linkView', view: this.view() }): void {
    this.shell.post(message);
  }

  /** Every message from the webview comes through here, validated first; the phone number is checked here, never in the webview. */
  async handleMessage(raw: unknown): Promise<void> {
    const message = parseLinkWebviewMessage(raw);
    if (!message) {
      this.log.warn(`Link panel: ignored a malformed message (${typeof raw}).`);
      return;
    }
    switch (message.type) {
      case 'ready':
        this.shell.ready();
        return this.post();
      case 'checkPhone':
        return this.post(this.phoneCheck(message.text));
      case 'getCode': {
        // Only a number the plan validates is sent from the panel: an offered reading is picked into the field first.
        const reading = readPhoneNumber(message.text, this.phoneHints());
        if (reading.kind !== 'valid') {
          const suggestion = reading.suggestion && { shown: reading.suggestion.shown };
          return this.post({
            type: 'phoneCheck',
            text: message.text,
            problem: reading.message,
            ...(suggestion ? { suggestion } : {}),
          });
        }
        this.phone = reading.digits;
        return this.whileBusy(() => this.actions.requestCode(this.record.idInstance, reading.digits));
      }
      case 'linkAction':
        return this.runAction(message.action);
    }
  }

  private async runAction(action: LinkAction): Promise<void> {
    const idInstance = this.record.idInstance;
    const phone = this.pendingCodes.get(idInstance)?.phone ?? this.phone;
    switch (action) {
      case 'copy':
        if (await this.actions.copyCode(idInstance)) this.post({ type: 'copied' });
        return;
      case 'newCode':
        // The webview asks "replace the code?" in place before it sends this while a code is valid.
        if (phone) await this.whileBusy(() => this.actions.requestCode(idInstance, phone));
        else this.onCodeChange(undefined);
        return;
      case 'rebootAndRetry':
        await this.whileBusy(() => this.actions.rebootAndRetry(idInstance, phone));
        return;
      case 'useQr':
        await this.actions.runWayOut('useQr', idInstance);
        this.dispose();
        return;
      case 'cancelCode':
        this.actions.cancelCode(idInstance);
        return;
      case 'checkState':
        // After an expiry: a passkey finished on the phone late may have linked it after all.
        await this.actions.runWayOut('checkState', idInstance);
        return;
      case 'fix':
        if (this.outcome?.kind === 'blocked') {
          // Try Again is the check once more, which checkBlocker is.
          if (this.outcome.fix !== 'tryAgain') await this.actions.runWayOut(this.outcome.fix, idInstance);
          await this.checkBlocker();
        }
        return;
    }
  }

  private async whileBusy(request: () => Promise<CodeOutcome | undefined>): Promise<void> {
    this.busy = true;
    this.outcome = undefined;
    this.post();
    const outcome = await request();
    this.busy = false;
    this.outcome = outcome && this.viewOfOutcome(outcome);
    this.post();
  }

  /** The view an outcome leaves, in {@link describeOutcome}'s words: blocked with its fix, or refused with New Code. */
  private viewOfOutcome(outcome: CodeOutcome): LinkView | undefined {
    const words = describeOutcome(outcome, displayName(this.record));
    if (!words) return undefined;
    if (words.blocker) return { kind: 'blocked', text: words.text, fix: words.blocker };
    const retry: LinkRetry = words.waysOut.includes('rebootAndTryAgain')
      ? 'rebootAndTryAgain'
      : words.waysOut.includes('tryAgain')
        ? 'tryAgain'
        : 'newCode';
    return { kind: 'refused', text: words.text, phone: this.phone, retry };
  }

  /** On opening (and after a fix): a code that cannot be had is said before any phone number is asked. */
  private async checkBlocker(): Promise<void> {
    const blocker = await this.actions.findBlocker(this.record.idInstance);
    if (this.shell.disposed || this.busy || this.pendingCodes.get(this.record.idInstance)) return;
    this.outcome = blocker === undefined || blocker === 'cancelled' ? undefined : blocked(blocker);
    this.post();
  }

  private renderHtml(webview: vscode.Webview, webviewRoot: vscode.Uri): string {
    const name = displayName(this.record);
    return renderWebviewPage(webview, webviewRoot, {
      title: t('Link {0} with a phone number', name),
      stylesheets: ['codicons/codicon.css', 'panel.css', 'link.css'],
      script: 'link.js',
      allow: { 'font-src': true },
      body: linkPanelBody(name),
    });
  }
}

/** What the field shows: a number as WhatsApp shows it (`+44 7911 123456`), anything else as typed. */
function shownAsTyped(phone: string): string {
  if (phone.trim() === '') return phone;
  const reading = readPhoneNumber(phone);
  return reading.kind === 'valid' ? reading.shown : phone;
}

function blocked(blocker: CodeBlocker | undefined): LinkView | undefined {
  return blocker && { kind: 'blocked', text: blocker.text, fix: blocker.fix };
}

/** The page: every text is escaped here and read by the webview from data attributes. */
function linkPanelBody(name: string): string {
  const e = escapeHtml;
  // l10n: A calm step in the list, not a warning: since 2026 WhatsApp may ask for a passkey while a device is linked.
  const passkeyStep = t('WhatsApp may then ask the phone to create or confirm a passkey: finish that on the phone.');
  // l10n: The last step of linking: closing WhatsApp on the phone while chats load can log the new device out again.
  const keepOpenStep = t('Once linked, keep WhatsApp open on the phone until your chats finish loading.');
  // l10n: Shown when a code expired without linking; "Didn't work?" and its checks follow below it.
  const expiredText = t('The code expired before the phone was linked.');
  // l10n: Said to screen readers when a code expires; the passkey step on the phone comes first, then a new code.
  const expiredAnnouncement = t(
    'The code for {0} expired. If the phone asks for a passkey, finish that there first; otherwise ask for a new code.',
    name,
  );
  // l10n: Under the phone field while the number reads well; {0} is the number as WhatsApp shows it (+44 7911 123456).
  const shownAs = t('WhatsApp shows it as {0}.', '{0}');
  // l10n: Under the code: the number the code links; {0} is it as WhatsApp shows it (+44 7911 123456).
  const codeFor = t('For {0}. Type the code on that phone.', '{0}');
  // l10n: The Copy button's label for a moment after a click: the code is on the clipboard.
  const copied = t('Copied');
  // l10n: Said to screen readers after Copy: the code is on the clipboard.
  const copiedAnnouncement = t('Copied. Type the code in WhatsApp on the phone.');
  return `<h1>${isolatedHtml(t('Link {0} with a phone number', '{0}'), [name])}</h1>
<ol class="steps">
<li>${e(t('On the phone, open WhatsApp.'))}</li>
<li>${e(t('Go to Settings → Linked devices → Link a device.'))}</li>
<li>${e(t('Choose "Link with phone number instead".'))}</li>
<li>${e(t('Get a code here and type it on the phone.'))}</li>
<li>${e(passkeyStep)}</li>
<li>${e(keepOpenStep)}</li>
</ol>
<form id="phone" data-for="phone" hidden novalidate>
<label for="phone-input">${e(t('Phone number of the WhatsApp account, in international format'))}</label>
<div class="field"><input id="phone-input" type="tel" inputmode="tel" autocomplete="tel" dir="ltr" maxlength="64" placeholder="441234567890" aria-describedby="phone-problem">
<button id="get-code" type="submit">${e(t('Get Code'))}</button></div>
<p id="phone-shown" class="phone-shown" aria-live="polite" data-template="${e(shownAs)}"></p>
<p id="phone-problem" class="problem" role="alert"></p>
<p class="suggestion-line"><button id="phone-suggestion" type="button" class="secondary" hidden data-template="${e(t('Use {0}', '{0}'))}"></button></p>
</form>
<p id="busy" class="busy" data-for="busy" hidden><span class="codicon codicon-loading codicon-modifier-spin" aria-hidden="true"></span> ${e(t('Asking GREEN-API for a code… This can take up to 30 s.'))}
<button data-action="cancelCode" class="link">${e(t('Cancel'))}</button></p>
<section id="code" data-for="code" hidden aria-label="${e(t('Authorization code'))}">
<div class="code-line"><bdi id="code-value" class="code-value" dir="ltr" translate="no"></bdi>
<button id="copy" data-action="copy" class="icon" title="${e(t('Copy the code'))}" data-label="${e(t('Copy'))}" data-copied="${e(copied)}"><span class="codicon codicon-copy" aria-hidden="true"></span> <span class="label">${e(t('Copy'))}</span></button></div>
<p id="code-phone" class="code-phone" data-template="${e(codeFor)}"></p>
<p class="countdown-line"><span class="codicon codicon-watch" aria-hidden="true"></span> <span id="countdown" class="countdown" role="timer" aria-label="${e(t('time left'))}"></span></p>
<p class="live-state"><span class="codicon codicon-loading codicon-modifier-spin" aria-hidden="true"></span> ${e(t('Waiting for the phone… This panel closes by itself once it is linked.'))}</p>
</section>
<p id="message" class="message" hidden></p>
${expiredHelp()}
<div id="confirm" class="confirm" hidden><span>${e(t('Ask for a new code? The code shown stops working.'))}</span>
<button data-action="newCode">${e(t('New Code'))}</button><button data-local="keep" class="secondary">${e(t('Keep This Code'))}</button></div>
<div id="actions" class="actions">
<button data-action="newCode" data-for="expired refused-retry">${e(t('New Code'))}</button>
<button data-action="newCode" data-for="refused-tryAgain">${e(t('Try Again'))}</button>
<button data-action="fix" data-for="fix-tryAgain">${e(t('Try Again'))}</button>
<button data-action="checkState" data-for="expired" class="secondary">${e(t('Check State'))}</button>
<button data-action="rebootAndRetry" data-for="refused-reboot">${e(t('Reboot and Try Again'))}</button>
<button data-action="fix" data-for="fix-logout">${e(t('Log Out'))}</button>
<button data-action="fix" data-for="fix-updateToken">${e(t('Update Token'))}</button>
<button data-action="fix" data-for="fix-editInstance">${e(t('Edit Instance'))}</button>
<button data-action="fix" data-for="fix-checkState">${e(t('Check State'))}</button>
<button data-local="confirmNew" data-for="code" class="secondary">${e(t('New Code…'))}</button>
<button data-action="cancelCode" data-for="code" class="secondary">${e(t('Cancel Code'))}</button>
<button data-action="useQr" data-for="phone code expired refused-retry refused-tryAgain refused-reboot fix-checkState" class="secondary">${e(t('Use QR Instead'))}</button>
</div>
<div id="announcer" class="visually-hidden" role="status" aria-live="polite"
  data-arrived="${e(t('Code {0} for {1}. Type it in WhatsApp.', '{0}', name))}"
  data-minute="${e(t('One minute left for the code.'))}"
  data-expired="${e(expiredAnnouncement)}"
  data-left="${e(t('{0} left', '{0}'))}"
  data-copied="${e(copiedAnnouncement)}"
  data-expired-text="${e(expiredText)}"></div>`;
}

/** "Didn't work?" after a code expired unlinked: the passkey step first, since mid-2026 a common reason a typed code does not link (green-api/issues #1055). */
function expiredHelp(): string {
  const e = escapeHtml;
  // l10n: A heading over what to check when a code expired without linking the phone.
  const title = t("Didn't work?");
  // l10n: The first check: the phone may be waiting on a passkey step (WhatsApp, 2026); "check the state" points at the Check State button.
  const passkey = t(
    'Look at the phone first: WhatsApp may be waiting for you to create or confirm a passkey. Finish that step there, then check the state: the phone may be linked already.',
  );
  // l10n: "Link with phone number instead" is WhatsApp's own menu item on the phone; use the words WhatsApp shows in Russian («Привязать по номеру телефона»).
  const typed = t(
    'Check that the code went into WhatsApp on the phone of this number, under "Link with phone number instead".',
  );
  // l10n: The last check; the New Code and Use QR Instead buttons follow.
  const again = t('Then ask for a new code, or use the QR code instead.');
  return `<section id="expired-help" class="expired-help" data-for="expired" hidden aria-labelledby="expired-help-title">
<h2 id="expired-help-title">${e(title)}</h2>
<ol>
<li>${e(passkey)}</li>
<li>${e(typed)}</li>
<li>${e(again)}</li>
</ol>
</section>`;
}
