import * as vscode from 'vscode';
import { explain } from '../../failures/explain';
import { escapeHtml, isolatedHtml } from '../../core/html';
import { t } from '../../core/l10n';
import { InstanceRegistry } from '../../core/instanceRegistry';
import { QrPoller, QrUpdate } from '../../core/qrPoller';
import { InstanceRecord, displayName } from '../../core/storedInstance';
import { Log } from '../../platform/log';
import { QrHostMessage, QrView, parseQrWebviewMessage } from './protocol';
import { StateChecks } from '../../services/stateChecks';
import { RunWayOut } from '../../core/waysOut';
import { renderWebviewPage } from '../page';
import { TEST_SEAM } from '../../base/testSeam';
import { InstancePanel, InstancePanels, PanelHost, PanelShell } from '../panelShell';
import { LinkedNotices } from '../../flows/linkedNotice';

export const QR_PANEL_VIEW_TYPE = 'greenApi.qr';

/**
 * One QR panel per instance; opening it again reveals the one already open. A removed
 * instance, or one moved to another host, takes its panel with it (the QR of a new host is
 * not what the user opened); a new token on the same host is followed ({@link QrPanel.follow}).
 */
export class QrPanels extends InstancePanels<QrPanel> {
  constructor(
    host: PanelHost,
    registry: InstanceRegistry,
    private readonly stateChecks: StateChecks,
    /** The panel's buttons: Log Out (with its confirmation, truthy when unlinked) and the phone-number flow (`Actions.runWayOut`). */
    private readonly runWayOut: RunWayOut,
    /** The notice once the phone scanned the code: keep WhatsApp open until the chats load. */
    private readonly linkedNotices: LinkedNotices,
  ) {
    super(host, registry);
  }

  show(record: InstanceRecord): QrPanel {
    return this.open(
      record.idInstance,
      (panel) => panel.reveal(),
      (forget) => new QrPanel(this.host, record, this.stateChecks, this.runWayOut, forget, this.linkedNotices),
    );
  }
}

export class QrPanel implements InstancePanel {
  private readonly shell: PanelShell;
  private readonly log: Log;
  private poller: QrPoller | undefined;
  /** A QR was shown or a passkey asked for: an alreadyLogged now means the phone just linked. */
  private sawLinkStep = false;
  private view: QrView = { kind: 'waiting' };

  constructor(
    host: PanelHost,
    private record: InstanceRecord,
    private readonly stateChecks: StateChecks,
    private readonly runWayOut: RunWayOut,
    onDispose: () => void,
    private readonly linkedNotices: LinkedNotices,
  ) {
    this.log = host.log;
    this.shell = new PanelShell(
      host,
      {
        viewType: QR_PANEL_VIEW_TYPE,
        title: t('QR: {0}', displayName(record)),
        showOptions: vscode.ViewColumn.Active,
        // l10n: Names the panel in "GREEN-API: the {0} stayed blank…"; the Russian reads it as a feminine noun phrase (панель …).
        guardTitle: t('QR code panel'),
        render: (webview, webviewRoot) => this.renderHtml(webview, webviewRoot),
        onMessage: (raw) => this.handleMessage(raw),
        onDispose: () => {
          this.poller?.stop();
          onDispose();
        },
      },
      this,
    );
    this.startPolling();
  }

  /** What the tests check (the posts are in the PostRecorder): the page and the view shown. */
  [TEST_SEAM](): { readonly html: string; readonly currentView: QrView } {
    return { html: this.shell.html, currentView: this.view };
  }

  /** The instance was edited: with a new apiUrl or token, ask again with those (the old ones may be wrong, or gone). */
  follow(record: InstanceRecord): void {
    const moved = record.apiUrl !== this.record.apiUrl || record.apiTokenInstance !== this.record.apiTokenInstance;
    this.record = record;
    if (moved && !this.shell.disposed) this.startPolling();
  }

  reveal(): void {
    this.shell.reveal();
    if (this.poller?.stopped) this.startPolling();
  }

  /** Closes the panel and stops asking for QR codes. */
  dispose(): void {
    this.shell.dispose();
  }

  private startPolling(): void {
    this.poller?.stop();
    this.sawLinkStep = false;
    this.setView({ kind: 'waiting' });
    const poller = new QrPoller({
      fetchQr: (signal) => this.stateChecks.fetchQr(this.record, { signal }),
      onUpdate: (update) => this.onUpdate(update),
      classifyFailure: (error) => this.stateChecks.verdictOf(error),
    });
    this.poller = poller;
    void poller.start();
  }

  private onUpdate(update: QrUpdate): void {
    if (this.shell.disposed) return;
    const name = displayName(this.record);
    switch (update.kind) {
      case 'image':
        this.sawLinkStep = true;
        this.setView({ kind: 'image', pngBase64: update.pngBase64 });
        return;
      case 'alreadyLogged':
        if (this.sawLinkStep) {
          this.log.info(`${name}: linked by QR code.`);
          this.linkedNotices.announce(this.record, t('{0} is now authorized: the phone scanned the QR code.', name));
          this.dispose();
        } else {
          this.setView({ kind: 'alreadyLinked' });
        }
        return;
      case 'serverMessage': {
        // GREEN-API's "Instance has auth. You need to make log out" means stale login data on its side.
        const staleAuth = /log ?out/i.test(update.message);
        this.setView({
          kind: 'problem',
          text: staleAuth
            ? t('GREEN-API still holds old login data for {0}: log out, and a fresh QR code appears.', name)
            : t('GREEN-API has no QR code for {0} yet: "{1}".', name, update.message.slice(0, 200)),
          retryInSeconds: 5,
        });
        return;
      }
      case 'passkey':
        this.sawLinkStep = true;
        this.log.info(`${name}: WhatsApp asks the phone for a passkey (qr answered passkeyRequired).`);
        this.setView({ kind: 'passkey' });
        return;
      case 'otherAnswer':
        this.log.warn(`${name}: qr answered type "${update.name}".`);
        this.setView({ kind: 'problem', text: otherAnswerText(name, update.name, update.message), retryInSeconds: 5 });
        return;
      case 'failed': {
        const text = explain(update.error, name).message;
        this.log.warn(`${name}: qr failed: ${text}`);
        this.setView({
          kind: 'problem',
          text,
          retryInSeconds: update.retryInMs === undefined ? undefined : Math.ceil(update.retryInMs / 1000),
        });
        return;
      }
    }
  }

  private setView(view: QrView): void {
    this.view = view;
    this.post();
  }

  private post(): void {
    const message: QrHostMessage = { type: 'qrView', view: this.view };
    this.shell.post(message);
  }

  handleMessage(raw: unknown): void {
    const message = parseQrWebviewMessage(raw);
    if (!message) {
      this.log.warn(`QR panel: ignored a malformed message (${typeof raw}).`);
      return;
    }
    if (message.type === 'ready') {
      this.shell.ready();
      this.post();
      return;
    }
    switch (message.action) {
      case 'retry':
        this.startPolling();
        return;
      case 'useCode':
        void this.runWayOut('openLinkPanel', this.record.idInstance);
        return;
      case 'checkState':
        void this.runWayOut('checkState', this.record.idInstance);
        return;
      case 'logout':
        void this.runWayOut('logout', this.record.idInstance).then((loggedOut) => {
          if (loggedOut && !this.shell.disposed) this.startPolling();
        });
        return;
    }
  }

  private renderHtml(webview: vscode.Webview, webviewRoot: vscode.Uri): string {
    const name = displayName(this.record);
    // l10n: A calm step in the list, not a warning: since 2026 WhatsApp may ask for a passkey while a device is linked.
    const passkeyStep = t('WhatsApp may then ask the phone to create or confirm a passkey: finish that on the phone.');
    // l10n: The last step of linking: closing WhatsApp on the phone while chats load can log the new device out again.
    const keepOpenStep = t('Once linked, keep WhatsApp open on the phone until your chats finish loading.');
    // l10n: Shown while GREEN-API answers "passkeyRequired"; the panel keeps asking and closes once the phone is linked.
    const passkeyStatus = t(
      'WhatsApp asks your phone for a passkey: finish it on the phone (create or confirm it, as the phone asks). This panel waits and closes by itself once the phone is linked.',
    );
    // l10n: A button: asks GREEN-API for a QR code again (after a passkey step).
    const showAgain = t('Show QR Again');
    // The QR arrives as a data: URL; nothing else may load but our own files.
    return renderWebviewPage(webview, webviewRoot, {
      title: t('QR code for {0}', name),
      stylesheets: ['panel.css', 'qr.css'],
      script: 'qr.js',
      allow: { 'img-src': 'data:' },
      body: `<h1>${isolatedHtml(t('Link {0} with a QR code', '{0}'), [name])}</h1>
<ol>
<li>${escapeHtml(t('On the phone, open WhatsApp → Settings → Linked devices → Link a device.'))}</li>
<li>${escapeHtml(t('Point the camera at this code. It changes every 20 seconds; this panel follows it.'))}</li>
<li>${escapeHtml(passkeyStep)}</li>
<li>${escapeHtml(keepOpenStep)}</li>
</ol>
<div id="frame" hidden translate="no"><img id="qr" translate="no" alt="${escapeHtml(t('WhatsApp QR code for {0}', name))}"></div>
<p id="status" class="status" role="status" aria-live="polite"
  data-waiting="${escapeHtml(t('Asking GREEN-API for a QR code… (the first one can take a while)'))}"
  data-image="${escapeHtml(t('Waiting for the phone to scan the code. This panel closes by itself once it is linked.'))}"
  data-linked="${escapeHtml(t('{0} is already linked to a phone. To link another phone, log out first.', name))}"
  data-passkey="${escapeHtml(passkeyStatus)}"
  data-retry="${escapeHtml(t('Trying again in {0} s.', '{0}'))}"></p>
<div id="actions">
<button data-action="logout" data-for="alreadyLinked problem" hidden>${escapeHtml(t('Log Out'))}</button>
<button data-action="retry" data-for="problem" class="secondary" hidden>${escapeHtml(t('Try Again Now'))}</button>
<button data-action="retry" data-for="passkey" class="secondary" hidden>${escapeHtml(showAgain)}</button>
<button data-action="checkState" data-for="passkey" class="secondary" hidden>${escapeHtml(t('Check State'))}</button>
<button data-action="useCode" data-for="image problem passkey" class="secondary" hidden>${escapeHtml(t('Use a Phone-Number Code Instead'))}</button>
</div>`,
    });
  }
}

/** A qr `type` this extension does not know, said with what came (both already neutralized by the API layer). */
function otherAnswerText(name: string, type: string, message: string): string {
  if (message) {
    // l10n: {1} is GREEN-API's answer type as it came (an English code word such as "timeout"), {2} its message; keep both as they are.
    return t('GREEN-API answered "{1}" instead of a QR code for {0}: "{2}".', name, type, message);
  }
  // l10n: {1} is GREEN-API's answer type as it came (an English code word such as "timeout"); keep it as it is.
  return t('GREEN-API answered "{1}" instead of a QR code for {0}.', name, type);
}
