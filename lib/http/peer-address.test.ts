// The peer-address header comes from the socket, never from the client: a real HTTP server, a
// request that sends its own value under the header's name.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { installPeerAddressHeader, PEER_ADDRESS_HEADER } from './peer-address.ts';

describe('installPeerAddressHeader', () => {
  it('overwrites a client-sent peer header with the socket address', async () => {
    installPeerAddressHeader();
    installPeerAddressHeader(); // idempotent: one subscription
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/`, {
        headers: { [PEER_ADDRESS_HEADER]: '6.6.6.6', 'x-forwarded-for': '6.6.6.6' },
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]?.[PEER_ADDRESS_HEADER]).toBe('127.0.0.1');
  });
});
