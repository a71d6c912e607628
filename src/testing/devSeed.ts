import { parseApiToken, parseApiUrl, parseIdInstance } from '../core/validation';
import { InstanceRegistry } from '../core/instanceRegistry';
import { Log } from '../platform/log';

/**
 * Development runs only (`npm run demo`, the e2e tests): adds the instances in
 * GREEN_API_DEMO_INSTANCES ("apiUrl idInstance token name…" entries separated by ";"). An apiUrl
 * is taken as the Add form takes it (https, or http to loopback); the e2e routes a GREEN-API host
 * name to the emulator, so that screenshots show no test address.
 */
export async function seedDevelopmentInstances(registry: InstanceRegistry, log: Log): Promise<void> {
  const spec = process.env.GREEN_API_DEMO_INSTANCES;
  if (!spec) return;
  await registry.whenLoaded();
  for (const entry of spec
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [url = '', id = '', token = '', ...name] = entry.split(/\s+/);
    const apiUrl = parseApiUrl(url);
    const idInstance = parseIdInstance(id);
    const apiTokenInstance = parseApiToken(token);
    if (!apiUrl.ok || !idInstance.ok || !apiTokenInstance.ok) {
      log.warn('A GREEN_API_DEMO_INSTANCES entry is not "apiUrl idInstance token name"; ignored.');
      continue;
    }
    if (registry.get(idInstance.value)) continue;
    await registry.save({
      apiUrl: apiUrl.value,
      idInstance: idInstance.value,
      apiTokenInstance: apiTokenInstance.value,
      name: name.join(' '),
    });
    log.info(`Added the development instance ${idInstance.value} (${apiUrl.value}).`);
  }
}
