import * as vscode from 'vscode';
import { COMMAND } from '../core/manifestIds';
import { t } from '../core/l10n';
import {
  EXPIRING_SOON_MS,
  delayToNextSecond,
  formatAuthorizationCode,
  formatRemaining,
  isolateFirstStrong,
  isolateLeftToRight,
} from '../core/countdown';
import { maskPhoneNumberShown } from '../core/phoneNumber';
import { PendingCode, PendingCodes } from '../core/pendingCodes';
import { displayName } from '../core/storedInstance';
import { InstanceRegistry } from '../core/instanceRegistry';
import { Disposable } from '../platform/disposable';
import { TEST_SEAM } from '../base/testSeam';
import { neutralizeValue } from '../base/neutralize';

/**
 * ONE status-bar item for every pending code (created once with an id and a name, then only
 * updated): `$(key) Sales ABCD-EFGH 2:13` for the code expiring first, `+N` for N more. A click
 * copies the only code, or picks among several. An expired, linked or cleared code leaves at
 * once; with none left the item hides and no timer runs.
 */
export class CodeStatusBar extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private ticker: NodeJS.Timeout | undefined;

  constructor(
    private readonly pendingCodes: PendingCodes,
    private readonly registry: InstanceRegistry,
  ) {
    super();
    this.item = this.register(vscode.window.createStatusBarItem('greenApi.code', vscode.StatusBarAlignment.Left, 100));
    this.item.name = t('GREEN-API authorization code');
    this.item.command = { title: t('Copy authorization code'), command: COMMAND.copyAuthorizationCode };
    this.register(pendingCodes.onDidChange(() => this.tick()));
    this.register(registry.onDidChange(() => this.tick()));
    this.register(
      new vscode.Disposable(() => {
        clearTimeout(this.ticker);
        this.ticker = undefined;
      }),
    );
  }

  /** Whether a countdown timer is running, and how many codes the item stands for, for the tests. */
  [TEST_SEAM](): { readonly isTicking: boolean; readonly shownCount: number } {
    return {
      isTicking: this.ticker !== undefined,
      shownCount: this.ticker === undefined ? 0 : this.pendingCodes.all().length,
    };
  }

  /** Renders the item from the deadlines, then sleeps until the next second boundary of the soonest code. */
  private tick(): void {
    clearTimeout(this.ticker);
    this.ticker = undefined;
    const pending = this.pendingCodes.all().sort((a, b) => a.expiresAt - b.expiresAt);
    const first = pending[0];
    if (!first) {
      this.item.hide();
      return;
    }
    // Monotonic: a wall-clock step must not change what is left.
    const remainingMs = this.pendingCodes.remainingMs(first);
    this.render(first, pending.length - 1, remainingMs);
    this.item.show();
    this.ticker = setTimeout(() => this.tick(), Math.max(20, delayToNextSecond(remainingMs)));
  }

  private render(code: PendingCode, more: number, remainingMs: number): void {
    const grouped = formatAuthorizationCode(code.code);
    const remaining = formatRemaining(remainingMs);
    const record = this.registry.get(code.idInstance);
    const name = record ? displayName(record) : code.idInstance;
    // The name is the user's text in any script: no icon syntax or bidi marks of its own, and isolated.
    const shownName = isolateFirstStrong(String(neutralizeValue(name)));
    this.item.text = `$(key) ${shownName} ${isolateLeftToRight(grouped)} ${remaining}${more > 0 ? ` +${more}` : ''}`;
    this.item.accessibilityInformation = {
      label:
        more > 0
          ? t(
              'GREEN-API authorization code for {0}: {1}, expires in {2}; {3} more pending. Activate to pick one to copy.',
              name,
              grouped.split('').join(' '),
              remaining,
              more,
            )
          : t(
              'GREEN-API authorization code for {0}: {1}, expires in {2}. Activate to copy.',
              name,
              grouped.split('').join(' '),
              remaining,
            ),
      role: 'button',
    };
    this.item.backgroundColor =
      remainingMs <= EXPIRING_SOON_MS ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.tooltip = codeTooltip(name, code, grouped, more);
  }
}

function codeTooltip(name: string, code: PendingCode, grouped: string, more: number): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(
    `${t('**GREEN-API authorization code** for {0} ({1})', escapeMarkdown(name), code.idInstance)}\n\n`,
  );
  tooltip.appendMarkdown(`$(device-mobile) ${t('Phone: {0}', escapeMarkdown(maskPhoneNumberShown(code.phone)))}  \n`);
  tooltip.appendMarkdown(`$(watch) ${t('Expires at {0}', new Date(code.expiresAt).toLocaleTimeString())}\n\n`);
  tooltip.appendMarkdown(
    `${t('On the phone, in WhatsApp: **Settings → Linked devices → Link a device → Link with phone number instead**, then type {0}.', isolateLeftToRight(`\`${grouped}\``))}\n\n`,
  );
  tooltip.appendMarkdown(
    more > 0 ? t('{0} more codes are pending. Click to pick the one to copy.', more) : t('Click to copy the code.'),
  );
  return tooltip;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
