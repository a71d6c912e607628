import { FaultRule, NewInstance } from '../emulator/instances';
import { startEmulator } from '../emulator/server';

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
    }
    send({ id: message.id, result });
  });
  send({ url: emulator.url });
}

void main();
