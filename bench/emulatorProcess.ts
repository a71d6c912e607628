import { ChildProcess, fork } from 'node:child_process';
import * as path from 'node:path';
import type { InstanceStats } from './emulatorChild';

/**
 * The emulator in a process of its own, so that its work does not count against the
 * client being measured. It prints its URL, then takes control commands on stdin
 * as JSON lines.
 */
export interface EmulatorProcess {
  readonly url: string;
  add(spec: Record<string, unknown>): Promise<{ idInstance: string; apiTokenInstance: string }>;
  addMany(count: number, spec: Record<string, unknown>): Promise<{ idInstance: string; apiTokenInstance: string }[]>;
  setFaults(idInstance: string, faults: unknown[]): Promise<void>;
  /** Requests per method, arrival times (epoch ms) and 429s answered, per instance asked for. */
  stats(ids: readonly string[]): Promise<InstanceStats[]>;
  /** Forgets the arrival log of these instances, so the next stats cover only what follows. */
  clearLog(ids: readonly string[]): Promise<void>;
  stop(): Promise<void>;
}

export async function startEmulatorProcess(options: Record<string, unknown> = {}): Promise<EmulatorProcess> {
  const child: ChildProcess = fork(path.join(__dirname, 'emulatorChild.js'), [JSON.stringify(options)], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const waiting = new Map<number, (value: unknown) => void>();
  const ready = new Promise<string>((resolve) => {
    child.on('message', (message: { id?: number; url?: string; result?: unknown }) => {
      if (message.url) resolve(message.url);
      else if (message.id !== undefined) {
        waiting.get(message.id)?.(message.result);
        waiting.delete(message.id);
      }
    });
  });
  const call = (command: string, ...args: unknown[]): Promise<unknown> =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      child.send({ id, command, args });
    });
  const url = await ready;
  return {
    url,
    add: (spec) => call('add', spec) as Promise<{ idInstance: string; apiTokenInstance: string }>,
    addMany: (count, spec) =>
      call('addMany', count, spec) as Promise<{ idInstance: string; apiTokenInstance: string }[]>,
    setFaults: async (idInstance, faults) => {
      await call('setFaults', idInstance, faults);
    },
    stats: async (ids) =>
      ((await call('stats', ids)) as (InstanceStats | undefined)[]).filter(
        (entry): entry is InstanceStats => entry !== undefined,
      ),
    clearLog: async (ids) => {
      await call('clearLog', ids);
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}
