// Loaded with `node --require` (NODE_OPTIONS) into code-server and the extension host it forks,
// only by the end-to-end workbench (test/e2e/workbench.ts). It lets the extension reach the local
// emulator under a GREEN-API host name, so that rows, panels and screenshots show what a user
// sees (`1101.api.greenapi.com`) instead of a test address, while the extension runs unchanged:
// it validates an https apiUrl and opens an https request as it would for GREEN-API itself.
//
// GREEN_API_E2E_ROUTE is "<host>=127.0.0.1:<port>". A TLS connection to exactly that host is
// handed a plain TCP socket to the emulator instead (the emulator speaks http; Node's https agent
// only needs a duplex socket). Every other host is left alone, and the target must be loopback:
// nothing here can send a request off the machine.
import * as net from 'node:net';
// The default import is Node's own module object (a namespace import would be a copy), so the
// patch below reaches https.Agent, which calls tls.connect through it.
import tls from 'node:tls';

const ROUTE = /^([a-z0-9.-]+)=(127\.0\.0\.1):(\d{1,5})$/;

const route = process.env.GREEN_API_E2E_ROUTE;
if (route) {
  const match = ROUTE.exec(route);
  // A malformed route must stop the process: quietly ignoring it would send the tests' requests
  // to the real host named in it.
  if (!match) throw new Error(`GREEN_API_E2E_ROUTE is not "host=127.0.0.1:port": ${route}`);
  const [, host, address, port] = match as unknown as [string, string, string, string];
  const connectTls = tls.connect;
  const routed = function (this: unknown, ...args: unknown[]): net.Socket {
    const options = args.find((arg): arg is tls.ConnectionOptions => typeof arg === 'object' && arg !== null);
    if (options?.host === host || options?.servername === host) {
      return net.connect({ host: address, port: Number(port) });
    }
    return (connectTls as (...rest: unknown[]) => net.Socket).apply(this, args);
  };
  (tls as { connect: unknown }).connect = routed;
}
