import * as vscode from 'vscode';
import { isGreenApiError } from '../api/errors';
import { ApiClients } from '../apiClients';
import { readSettings } from '../config';
import { failureReason } from '../core/explain';
import { InstanceStates } from '../core/instanceStates';
import { RefreshQueue, RefreshReport } from '../core/refreshQueue';
import { InstanceRegistry } from '../core/instanceRegistry';
import { Log } from '../log';

/** Keeps the states of all instances fresh for the Instances view, within GREEN-API's rate limits. */
export class StateRefresher implements vscode.Disposable {
  private readonly queue: RefreshQueue;

  constructor(
    private readonly registry: InstanceRegistry,
    private readonly states: InstanceStates,
    private readonly clients: ApiClients,
    private readonly log: Log,
  ) {
    this.queue = new RefreshQueue({
      concurrency: () => readSettings().refreshConcurrency,
      check: (idInstance) => this.check(idInstance),
      // A 429 pauses the host that sent it, not the others.
      hostOf: (idInstance) => hostOf(this.registry.get(idInstance)?.apiUrl) ?? idInstance,
      rateLimit: (error) => (isGreenApiError(error) && error.kind === 'rateLimited' ? { retryAfterMs: error.retryAfterMs } : undefined),
    });
  }

  async refreshAll(): Promise<RefreshReport> {
    await this.registry.ready();
    const ids = this.registry.list().map((instance) => instance.idInstance);
    const started = Date.now();
    const report = await this.queue.refresh(ids);
    this.log.info(`Checked ${report.checked} of ${ids.length} instances in ${Date.now() - started} ms (${report.failed} failed, ${report.rateLimitWaits} rate-limit waits).`);
    return report;
  }

  /** Checks under way; for the tests that nothing is left after deactivate. */
  get activeCount(): number {
    return this.queue.activeCount;
  }

  refresh(idInstance: string): Promise<RefreshReport> {
    return this.queue.refresh([idInstance]);
  }

  dispose(): void {
    this.queue.dispose();
  }

  private async check(idInstance: string): Promise<void> {
    const record = this.registry.get(idInstance);
    if (!record) return;
    const client = this.clients.for(record);
    this.states.checking(idInstance);
    try {
      const { stateInstance } = await client.getStateInstance();
      this.states.learned(idInstance, stateInstance);
      if (stateInstance === 'authorized' || stateInstance === 'yellowCard') {
        // The linked phone is a nicety: its failure must not fail the check.
        const settings = await client.getWaSettings().catch(() => undefined);
        if (settings) this.states.learnedPhone(idInstance, settings.phone);
      }
    } catch (error) {
      this.states.failed(idInstance, failureReason(error));
      throw error;
    }
  }
}

function hostOf(apiUrl: string | undefined): string | undefined {
  try {
    return apiUrl === undefined ? undefined : new URL(apiUrl).host;
  } catch {
    return undefined;
  }
}
