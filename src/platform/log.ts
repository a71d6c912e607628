import * as vscode from 'vscode';
import { RequestRecord } from '../api/client';
import { SecretIndex } from '../base/redact';

/**
 * The "GREEN-API" log. Everything written goes through redaction of every token the
 * extension knows, as a second line of defence behind the redacted URLs.
 */
export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;

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

  private clean(message: string): string {
    return this.knownSecrets().redact(message);
  }
}
