import * as vscode from 'vscode';
import { RequestRecord } from '../api/transport';
import { HeldSecrets, SecretIndex } from '../base/redact';

/**
 * The "GREEN-API" log. Everything written goes through redaction of every token the
 * extension knows, as a second line of defence behind the redacted URLs.
 */
export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;
  private readonly held = new HeldSecrets();

  /** @param knownSecrets the stored tokens, indexed (InstanceRegistry.tokenIndex: cached, so a line costs the same for any number of them). */
  constructor(private readonly knownSecrets: () => SecretIndex) {
    this.channel = vscode.window.createOutputChannel('GREEN-API', { log: true });
  }

  info(message: string): void {
    this.channel.info(this.clean(message));
  }

  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }

  error(message: string): void {
    this.channel.error(this.clean(message));
  }

  request(record: RequestRecord): void {
    const line = `${record.httpMethod} ${record.redactedUrl} → ${record.status ?? '-'} ${record.outcome} in ${Math.round(record.durationMs)} ms`;
    if (record.outcome === 'ok') this.info(line);
    else this.warn(line);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  /**
   * Redacts `secrets` (not stored: a partner token, a token under its credential check)
   * from every line, and from {@link redact}, until the result is disposed. Security review L3.
   */
  holdSecrets(secrets: Iterable<string>): vscode.Disposable {
    return new vscode.Disposable(this.held.hold(secrets));
  }

  /** `text` without any stored or held secret: for a text about to be shown (a notification built from a server's answer). */
  redact(text: string): string {
    return this.held.redact(this.knownSecrets().redact(text));
  }

  private clean(message: string): string {
    return this.redact(message);
  }
}
