import * as vscode from 'vscode';
import { RequestRecord } from './api/client';
import { SecretIndex, redactSecrets } from './shared/redact';

/**
 * The "GREEN-API" log. Everything written goes through redaction of every token the
 * extension knows, as a second line of defence behind the redacted URLs.
 */
export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;

  /** Secrets of exchanges under way (a partner token, a token being checked), with how many hold each. */
  private readonly inFlight = new Map<string, number>();

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
   * Redacts `secret` (not stored: a partner token, a token under check) from every line
   * until the returned function is called. Nested holds of one secret are counted.
   */
  holdSecret(secret: string): () => void {
    if (secret.length === 0) return () => undefined;
    this.inFlight.set(secret, (this.inFlight.get(secret) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const count = (this.inFlight.get(secret) ?? 1) - 1;
      if (count <= 0) this.inFlight.delete(secret);
      else this.inFlight.set(secret, count);
    };
  }

  private clean(message: string): string {
    const redacted = this.knownSecrets().redact(message);
    return this.inFlight.size === 0 ? redacted : redactSecrets(redacted, this.inFlight.keys());
  }
}
