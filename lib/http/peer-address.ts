// The TCP peer of each request, as a header the app can read. Route handlers and server actions
// get the request's headers only, and `next start` fills X-Forwarded-For with the socket address
// only when the client sent none — so a client could pick the address it is rate-limited and
// audited under. Node's `http.server.request.start` diagnostics channel fires for every request
// before Next.js sees it: the subscriber overwrites PEER_ADDRESS_HEADER with the socket's address,
// so a value a client sends under that name never survives. lib/auth/request-meta.ts reads it.
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { processSingleton } from '../process-singleton.ts';

export const PEER_ADDRESS_HEADER = 'x-packline-peer-address';

function stampPeerAddress(message: unknown): void {
  const { request, socket } = message as { request: IncomingMessage; socket: Socket };
  request.headers[PEER_ADDRESS_HEADER] = socket.remoteAddress ?? '';
}

/** Once per process, at server start (instrumentation.ts). */
export function installPeerAddressHeader(): void {
  processSingleton('peer-address-hook', () => subscribe('http.server.request.start', stampPeerAddress));
}
