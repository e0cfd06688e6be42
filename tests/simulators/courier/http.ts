// Small HTTP helpers of the courier simulator.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SimRequest {
  method: string;
  /** Path relative to the carrier prefix, e.g. `/orders`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  rawBody: string;
  /** Parsed JSON body; undefined when absent; `INVALID_JSON` when unparsable. */
  body: unknown;
}

export const INVALID_JSON = Symbol('invalid-json');

export interface SimReply {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialised unless a Buffer or string. */
  body?: unknown;
}

export function json(status: number, body: unknown, contentType = 'application/json'): SimReply {
  return { status, headers: { 'content-type': contentType }, body };
}

export function raw(status: number, body: Buffer | string, contentType: string): SimReply {
  return { status, headers: { 'content-type': contentType }, body };
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function parseJson(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID_JSON;
  }
}

export function send(res: ServerResponse, reply: SimReply): void {
  const payload =
    reply.body === undefined
      ? ''
      : Buffer.isBuffer(reply.body) || typeof reply.body === 'string'
        ? reply.body
        : JSON.stringify(reply.body);
  res.writeHead(reply.status, reply.headers ?? {});
  res.end(payload);
}

/** `Basic base64(user:pass)` → [user, pass], else null. */
export function basicAuth(header: string | undefined): [string, string] | null {
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? null : [decoded.slice(0, i), decoded.slice(i + 1)];
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
