// Loaded with `node --require` into code-server and its extension host by the end-to-end
// workbench (test/e2e/workbench.ts): rows, panels and screenshots show a GREEN-API host name
// (`1101.api.greenapi.com`) while the extension runs unchanged against the local emulator.
// GREEN_API_E2E_ROUTE is "<host>=127.0.0.1:<port>": a TLS connection to exactly that host gets a
// plain TCP socket to the emulator (Node's https agent only needs a duplex socket); other hosts are
// left alone, and the target must be loopback. The host appends its pid, once routed, to the file
// GREEN_API_E2E_ROUTE_READY names. The integration suite imports routeTlsHost for one test.
import * as fs from 'node:fs';
import * as net from 'node:net';
// The default import is Node's own module object (a namespace import would be a copy), so the
// patch below reaches https.Agent, which calls tls.connect through it.
import tls from 'node:tls';

const ROUTE = /^([a-z0-9.-]+)=(127\.0\.0\.1):(\d{1,5})$/;

/**
 * From now on a TLS connection to exactly `host` gets a plain TCP socket to `address:port` (loopback)
 * instead, in this process; `address` must be loopback (throws otherwise). Returns the function that
 * puts tls.connect back. For tests that need an instance's own GREEN-API host (partner import's
 * suggested host) to answer from the emulator.
 */
export function routeTlsHost(host: string, address: string, port: number): () => void {
  if (address !== '127.0.0.1') throw new Error(`routeTlsHost: ${address} is not loopback`);
  const connectTls = tls.connect;
  const routed = function (this: unknown, ...args: unknown[]): net.Socket {
    // tls.connect(options[, callback]) or tls.connect(port[, host][, options][, callback]).
    const options = args.find((arg): arg is tls.ConnectionOptions => typeof arg === 'object' && arg !== null);
    const hostArgument = typeof args[1] === 'string' ? args[1] : undefined;
    if (options?.host === host || options?.servername === host || hostArgument === host) {
      const callback = args.find((arg): arg is () => void => typeof arg === 'function');
      const socket = net.connect({ host: address, port });
      // What a caller of tls.connect waits for; Node's https.Agent itself needs neither.
      socket.once('connect', () => {
        socket.emit('secureConnect');
        callback?.();
      });
      return socket;
    }
    return (connectTls as (...rest: unknown[]) => net.Socket).apply(this, args);
  };
  (tls as { connect: unknown }).connect = routed;
  return () => {
    (tls as { connect: unknown }).connect = connectTls;
  };
}

const route = process.env.GREEN_API_E2E_ROUTE;
if (route) {
  const match = ROUTE.exec(route);
  // A malformed route must stop the process: quietly ignoring it would send the tests' requests
  // to the real host named in it.
  if (!match) throw new Error(`GREEN_API_E2E_ROUTE is not "host=127.0.0.1:port": ${route}`);
  const [, host, address, port] = match as unknown as [string, string, string, string];
  routeTlsHost(host, address, Number(port));
  // Tells the workbench that the route is in place in the extension host before any test sends
  // the emulator's tokens: without it they would go to the real host named in the route.
  const ready = process.env.GREEN_API_E2E_ROUTE_READY;
  if (ready && process.argv.includes('--type=extensionHost')) fs.appendFileSync(ready, `${process.pid}\n`);
}
