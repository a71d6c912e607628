import * as vscode from 'vscode';
import { COMMAND } from '../core/commandIds';
import { t } from '../core/l10n';
import { EXPIRING_SOON_MS, delayToNextSecond, formatAuthorizationCode, formatRemaining, isolateLeftToRight } from '../core/countdown';
import { maskPhoneNumber } from '../core/phoneNumber';
import { PendingCode, PendingCodes } from '../core/pendingCodes';
import { displayName } from '../core/storedInstance';
import { InstanceRegistry } from '../core/instanceRegistry';
import { Disposable } from '../util/disposable';
import { TEST_SEAM } from '../shared/testSeam';

/** How long an expired code's item lingers to offer a new one before it goes away. */
const EXPIRED_LINGER_MS = 15_000;


/**
 * One status-bar item per pending code: `$(key) ABCD-EFGH 2:29`, counting down from the
 * deadline. One timer ticks while any code is pending, and none otherwise.
 */
export class CodeStatusBar extends Disposable {
  private readonly items = new Map<string, { item: vscode.StatusBarItem; code: PendingCode }>();
  private readonly lingering = new Map<string, { item: vscode.StatusBarItem; timer: NodeJS.Timeout }>();
  private ticker: NodeJS.Timeout | undefined;

  constructor(
    private readonly pendingCodes: PendingCodes,
    private readonly registry: InstanceRegistry,
  ) {
    super();
    this.register(pendingCodes.onDidChange((event) => {
      if (event.type === 'issued') this.show(event.code);
      else if (event.type === 'expired') this.showExpired(event.code);
      else this.hide(event.code.idInstance);
    }));
    this.register(registry.onDidChange(() => this.items.forEach(({ item, code }) => this.render(item, code))));
    this.register(new vscode.Disposable(() => {
      clearTimeout(this.ticker);
      this.ticker = undefined;
      for (const id of [...this.items.keys(), ...this.lingering.keys()]) this.hide(id);
    }));
  }

  /** Whether a countdown timer is running, for the tests of "nothing ticks after". */
  [TEST_SEAM](): { readonly isTicking: boolean } {
    return { isTicking: this.ticker !== undefined };
  }

  private show(code: PendingCode): void {
    this.hide(code.idInstance);
    const item = vscode.window.createStatusBarItem(`greenApi.code.${code.idInstance}`, vscode.StatusBarAlignment.Left, 100);
    item.name = t('GREEN-API authorization code');
    item.command = { title: t('Copy authorization code'), command: COMMAND.copyAuthorizationCode, arguments: [{ idInstance: code.idInstance }] };
    this.items.set(code.idInstance, { item, code });
    this.render(item, code);
    item.show();
    this.tick();
  }

  private render(item: vscode.StatusBarItem, code: PendingCode): void {
    // Monotonic: a wall-clock step must not change what is left.
    const remainingMs = this.pendingCodes.remainingMs(code);
    const grouped = formatAuthorizationCode(code.code);
    const remaining = formatRemaining(remainingMs);
    const record = this.registry.get(code.idInstance);
    const name = record ? displayName(record) : code.idInstance;
    item.text = `$(key) ${isolateLeftToRight(grouped)} ${remaining}`;
    item.accessibilityInformation = {
      label: t('GREEN-API authorization code for {0}: {1}, expires in {2}. Activate to copy.', name, grouped.split('').join(' '), remaining),
      role: 'button',
    };
    item.backgroundColor = remainingMs <= EXPIRING_SOON_MS ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.tooltip = codeTooltip(name, code, grouped);
  }

  /** Re-renders every item, then sleeps until the next second boundary of the soonest code. */
  private tick(): void {
    clearTimeout(this.ticker);
    this.ticker = undefined;
    if (this.items.size === 0) return;
    let delay = 1000;
    for (const { item, code } of this.items.values()) {
      this.render(item, code);
      delay = Math.min(delay, delayToNextSecond(this.pendingCodes.remainingMs(code)));
    }
    this.ticker = setTimeout(() => this.tick(), Math.max(20, delay));
  }

  private showExpired(code: PendingCode): void {
    this.hide(code.idInstance);
    const item = vscode.window.createStatusBarItem(`greenApi.code.${code.idInstance}`, vscode.StatusBarAlignment.Left, 100);
    item.name = t('GREEN-API authorization code');
    item.text = `$(key) ${t('Code expired: get a new one')}`;
    item.tooltip = t('The authorization code expired before it was typed in WhatsApp. Click to ask for a new one.');
    item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    item.command = {
      title: t('Get a new authorization code'),
      command: COMMAND.getAuthorizationCode,
      arguments: [{ idInstance: code.idInstance, phoneNumber: code.phone }],
    };
    item.show();
    const timer = setTimeout(() => this.hide(code.idInstance), EXPIRED_LINGER_MS);
    this.lingering.set(code.idInstance, { item, timer });
  }

  private hide(idInstance: string): void {
    const active = this.items.get(idInstance);
    if (active) {
      active.item.dispose();
      this.items.delete(idInstance);
      if (this.items.size === 0) {
        clearTimeout(this.ticker);
        this.ticker = undefined;
      }
    }
    const expired = this.lingering.get(idInstance);
    if (expired) {
      clearTimeout(expired.timer);
      expired.item.dispose();
      this.lingering.delete(idInstance);
    }
  }
}

function codeTooltip(name: string, code: PendingCode, grouped: string): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`${t('**GREEN-API authorization code** for {0} ({1})', escapeMarkdown(name), code.idInstance)}\n\n`);
  tooltip.appendMarkdown(`$(device-mobile) ${t('Phone: {0}', maskPhoneNumber(code.phone))}  \n`);
  tooltip.appendMarkdown(`$(watch) ${t('Expires at {0}', new Date(code.expiresAt).toLocaleTimeString())}\n\n`);
  tooltip.appendMarkdown(`${t('On the phone, in WhatsApp: **Settings → Linked devices → Link a device → Link with phone number instead**, then type {0}.', isolateLeftToRight(`\`${grouped}\``))}\n\n`);
  tooltip.appendMarkdown(t('Click to copy the code.'));
  return tooltip;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
