/**
 * Runs in a fresh Node process: loads one client bundle (ours, or the SDK, both bundled by
 * esbuild the same way), makes one getStateInstance call, and reports how long that took from before
 * the module was loaded.
 */
const [which = '', url = '', idInstance = '', token = '', bundle = ''] = process.argv.slice(2);

async function main(): Promise<void> {
  const started = performance.now();
  if (which === 'ours') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { GreenApiClient } = require(bundle) as typeof import('../src/api/client');
    await new GreenApiClient({ apiUrl: url, idInstance, apiTokenInstance: token }).getStateInstance();
  } else {
    console.log = () => undefined;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { GreenApiClient } = require(bundle) as {
      GreenApiClient: new (i: object) => {
        client: { defaults: { baseURL?: string } };
        getStateInstance(): Promise<unknown>;
      };
    };
    const sdk = new GreenApiClient({ idInstance: Number(idInstance), apiTokenInstance: token });
    sdk.client.defaults.baseURL = `${url}/waInstance${idInstance}`;
    await sdk.getStateInstance();
  }
  process.send?.(performance.now() - started);
}

void main();
