// A raw HTTPS driver for simulator tests, speaking on the wire the way amazon-sp-api@1.x does
// (sp-api.md §8.1): Amazon hostnames through the simulator transport agent, query keys sorted,
// arrays as comma lists with the comma percent-encoded, `Content-Type: application/json;
// charset=utf-8` on every request, the token in `x-amz-access-token`, JSON LWA bodies.
// It is NOT a stand-in for the client library (real-client tests use createSpClient); it lets
// the tests check the simulator's wire behaviour exactly (headers, raw bodies, encodings).
import https from 'node:https';
import type { SpApiSimulatorAgent } from '../../../lib/channels/amazon/sp-api-transport.ts';

export interface WireResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export type Query = Record<string, string | number | readonly string[] | undefined>;

export function buildQuery(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(query).sort()) {
    const v = query[key];
    if (v === undefined) continue;
    params.set(key, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function wire(
  agent: SpApiSimulatorAgent,
  options: {
    host: string;
    method?: string;
    path: string;
    query?: Query;
    token?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
    timeoutMs?: number;
  },
): Promise<WireResponse> {
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        agent,
        method: options.method ?? 'GET',
        hostname: options.host,
        port: 443,
        path: options.path + buildQuery(options.query),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'packline-tests/0.0 (Language=Node.js; Platform=linux)',
          ...(options.token ? { 'x-amz-access-token': options.token } : {}),
          ...(payload !== undefined ? { 'content-length': String(Buffer.byteLength(payload)) } : {}),
          ...(options.headers ?? {}),
        },
        timeout: options.timeoutMs ?? 5_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(payload);
  });
}
