import { parseApiToken, parseApiUrl, parseIdInstance } from './core/validation';
import { InstanceRegistry } from './instances/instanceRegistry';
import { Log } from './log';

/**
 * `npm run demo` starts VS Code with the extension in development mode and the
 * emulator's demo instance in GREEN_API_DEMO_INSTANCE ("apiUrl idInstance token"),
 * so a newcomer gets a code without a GREEN-API account. Only loopback apiUrls are
 * taken, and never in a production (installed) extension.
 */
export async function seedDevelopmentInstance(registry: InstanceRegistry, log: Log): Promise<void> {
  const spec = process.env.GREEN_API_DEMO_INSTANCE;
  if (!spec) return;
  const [url = '', id = '', token = ''] = spec.trim().split(/\s+/);
  const apiUrl = parseApiUrl(url);
  const idInstance = parseIdInstance(id);
  const apiTokenInstance = parseApiToken(token);
  if (!apiUrl.ok || !idInstance.ok || !apiTokenInstance.ok || !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(apiUrl.value + '/')) {
    log.warn('GREEN_API_DEMO_INSTANCE is set but is not "http://127.0.0.1:PORT idInstance token"; ignored.');
    return;
  }
  await registry.ready();
  if (registry.get(idInstance.value)) return;
  await registry.save({ apiUrl: apiUrl.value, idInstance: idInstance.value, apiTokenInstance: apiTokenInstance.value, name: 'Demo instance (emulator)' });
  log.info(`Added the emulator's demo instance ${idInstance.value} (${apiUrl.value}).`);
}
