import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { GreenApiClient, PartnerClient } from '../../src/api/client';

const TOKEN = 'NEWtoken0123456789abcdefABCDEF0123456789abcdef';
const PARTNER = 'PARTNERsecret0123456789abcdef';

describe("a server that quotes the request path: its text loses the exchange's own secret (issue 24, L3)", () => {
  let server: http.Server;
  let url: string;
  before(async () => {
    server = http.createServer((request, response) => {
      const partner = request.url?.includes('/partner/') ?? false;
      response.writeHead(partner ? 200 : 400, { 'Content-Type': 'application/json' });
      // Answers that quote the path, as a server or a proxy might.
      response.end(
        JSON.stringify(
          partner
            ? { code: 401, description: `no partner account for ${request.url}` }
            : { message: `bad token ${request.url?.split('/').pop()}` },
        ),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const messageOf = async (call: Promise<unknown>): Promise<string> => {
    try {
      await call;
    } catch (error) {
      return `${(error as Error).message} ${JSON.stringify(error)}`;
    }
    throw new Error('the call succeeded');
  };

  it('a token under check is not in the error of a getStateInstance answered 400', async () => {
    const text = await messageOf(
      new GreenApiClient(
        { apiUrl: url, idInstance: '1101000002', apiTokenInstance: TOKEN },
        { timeoutMs: 2_000 },
      ).getStateInstance(),
    );
    assert.ok(!text.includes(TOKEN), text);
    assert.ok(!text.includes(TOKEN.slice(0, 16)), text);
  });

  it('the partner token is not in the error of a getInstances answered 200 with an error code', async () => {
    const text = await messageOf(new PartnerClient(url, PARTNER, { timeoutMs: 2_000 }).getInstances());
    assert.ok(text.length > 0);
    assert.ok(!text.includes(PARTNER.slice(0, 16)), text);
  });
});
