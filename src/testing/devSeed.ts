import { parseApiToken, parseApiUrl, parseIdInstance } from '../core/validation';
import { InstanceRegistry } from '../core/instanceRegistry';
import { Log } from '../platform/log';

/**
 * `npm run demo` (and the end-to-end tests) start VS Code with this extension in
 * development mode and GREEN_API_DEMO_INSTANCES set to entries separated by ";", each
 * "apiUrl idInstance token name…", so the emulator's instances are there from the
 * start. Never in an installed extension. An apiUrl is taken as the Add Instance form takes
 * it (https, or plain http to loopback only): the end-to-end workbench gives the emulator
 * under a GREEN-API host name, routed to loopback, so that its screenshots show no test address.
 */
export async function seedDevelopmentInstances(registry: InstanceRegistry, log: Log): Promise<void> {
  const spec = process.env.GREEN_API_DEMO_INSTANCES;
  if (!spec) return;
  await registry.whenLoaded();
  for (const entry of spec.split(';').map((part) => part.trim()).filter(Boolean)) {
    const [url = '', id = '', token = '', ...name] = entry.split(/\s+/);
    const apiUrl = parseApiUrl(url);
    const idInstance = parseIdInstance(id);
    const apiTokenInstance = parseApiToken(token);
    if (!apiUrl.ok || !idInstance.ok || !apiTokenInstance.ok) {
      log.warn('A GREEN_API_DEMO_INSTANCES entry is not "apiUrl idInstance token name"; ignored.');
      continue;
    }
    if (registry.get(idInstance.value)) continue;
    await registry.save({ apiUrl: apiUrl.value, idInstance: idInstance.value, apiTokenInstance: apiTokenInstance.value, name: name.join(' ') });
    log.info(`Added the development instance ${idInstance.value} (${apiUrl.value}).`);
  }
}
