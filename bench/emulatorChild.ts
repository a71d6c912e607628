import { FaultRule, NewInstance } from '../emulator/instances';
import { startEmulator } from '../emulator/server';

/** What the parent can ask of one instance after a run: requests per method, and when each request arrived (epoch ms). */
export interface InstanceStats {
  readonly idInstance: string;
  readonly calls: Record<string, number>;
  readonly arrivals: { readonly method: string; readonly at: number }[];
  /** Answers with a status of 429 the emulator gave (its faults). */
  readonly rateLimited: number;
}

async function main(): Promise<void> {
  const emulator = await startEmulator(JSON.parse(process.argv[2] ?? '{}'));
  const send = (message: unknown): void => void process.send?.(message);
  process.on('message', (message: { id: number; command: string; args: unknown[] }) => {
    const [first, second] = message.args;
    let result: unknown;
    if (message.command === 'add') {
      const instance = emulator.store.add(first as NewInstance);
      result = { idInstance: instance.idInstance, apiTokenInstance: instance.apiTokenInstance };
    } else if (message.command === 'addMany') {
      result = Array.from({ length: first as number }, () => {
        const instance = emulator.store.add(second as NewInstance);
        return { idInstance: instance.idInstance, apiTokenInstance: instance.apiTokenInstance };
      });
    } else if (message.command === 'setFaults') {
      const instance = emulator.store.get(first as string);
      if (instance) instance.faults = second as FaultRule[];
    } else if (message.command === 'stats') {
      result = (first as string[]).map((idInstance): InstanceStats | undefined => {
        const instance = emulator.store.get(idInstance);
        return (
          instance && {
            idInstance,
            calls: { ...instance.calls },
            arrivals: instance.requestLog.map((request) => ({ method: request.method, at: request.arrivedAt })),
            rateLimited: instance.requestLog.filter((request) => request.status === 429).length,
          }
        );
      });
    } else if (message.command === 'clearLog') {
      for (const idInstance of first as string[]) emulator.store.get(idInstance)?.requestLog.splice(0);
    }
    send({ id: message.id, result });
  });
  send({ url: emulator.url });
}

void main();
