// The simulator transport: Amazon hostnames on the wire (Host + SNI), TCP to the simulator, TLS
// verified strictly against the simulator's dev CA only.
import https from 'node:https';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAmazonSimulator, type AmazonSimulator } from '../../../tests/simulators/amazon/server.ts';
import { SpApiSimulatorAgent, createSpApiSimulatorAgent } from './sp-api-transport.ts';

let sim: AmazonSimulator;

beforeAll(async () => {
  sim = await startAmazonSimulator();
});
afterAll(async () => {
  await sim.close();
});

function request(agent: https.Agent, host: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      { agent, hostname: host, port: 443, path, method: 'GET', timeout: 5_000 },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

describe('SpApiSimulatorAgent', () => {
  it('keeps the Amazon hostname for Host and SNI while connecting to the simulator', async () => {
    const agent = createSpApiSimulatorAgent({ host: '127.0.0.1', port: sim.port, ca: sim.ca });
    try {
      for (const host of [
        'sellingpartnerapi-na.amazon.com',
        'sellingpartnerapi-eu.amazon.com',
        'sellingpartnerapi-fe.amazon.com',
      ]) {
        const r = await request(agent, host, '/orders/v0/orders/111-0000000-0000000');
        expect(r.status).toBe(403);
        expect(JSON.parse(r.body)).toEqual({
          errors: [
            { message: 'Access to requested resource is denied.', code: 'MissingAuthenticationToken' },
          ],
        });
        expect(sim.calls.log.at(-1)).toMatchObject({ host, sni: host, operation: 'orders.getOrder' });
      }
      const lwa = await request(agent, 'api.amazon.com', '/auth/o2/token');
      expect(lwa.status).toBe(404); // GET is not the token endpoint; the host was routed to LWA
      expect(sim.calls.log.at(-1)).toMatchObject({ host: 'api.amazon.com', sni: 'api.amazon.com' });
    } finally {
      agent.destroy();
    }
  });

  it('reuses kept-alive connections per Amazon host', async () => {
    const agent = new SpApiSimulatorAgent({ host: '127.0.0.1', port: sim.port, ca: sim.ca });
    let sockets = 0;
    const original = agent.createConnection.bind(agent);
    agent.createConnection = (options) => {
      sockets += 1;
      return original(options);
    };
    try {
      for (let i = 0; i < 5; i++)
        await request(agent, 'sellingpartnerapi-na.amazon.com', '/orders/v0/orders/111-0000000-0000000');
      expect(sockets).toBe(1);
    } finally {
      agent.destroy();
    }
  });

  it('verifies the certificate strictly: the public roots do not trust the simulator', async () => {
    const agent = new SpApiSimulatorAgent({
      host: '127.0.0.1',
      port: sim.port,
      ca: tls.rootCertificates.join('\n'),
    });
    try {
      await expect(request(agent, 'sellingpartnerapi-na.amazon.com', '/')).rejects.toMatchObject({
        code: expect.stringMatching(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|UNABLE_TO_GET_ISSUER_CERT/),
      });
    } finally {
      agent.destroy();
    }
  });

  it('checks the hostname against the certificate: a host outside its SANs is refused', async () => {
    const agent = new SpApiSimulatorAgent({ host: '127.0.0.1', port: sim.port, ca: sim.ca });
    try {
      await expect(request(agent, 'evil.example.com', '/')).rejects.toMatchObject({
        code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      });
    } finally {
      agent.destroy();
    }
  });

  it('rejects an invalid port', () => {
    expect(() => new SpApiSimulatorAgent({ host: '127.0.0.1', port: 0, ca: sim.ca })).toThrow(/port/);
  });
});
