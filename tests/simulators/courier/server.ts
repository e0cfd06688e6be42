// Courier simulator: one plain-HTTP server standing in for the built-in TEST carrier and for
// Royal Mail Click & Drop, DPD UK and DHL Express MyDHL (shared/reference/couriers.md §6), each
// under its own path prefix so one base URL per carrier points at it:
//
//   /test/v1/...              TEST carrier (test-carrier.ts)
//   /royal-mail/api/v1/...    Click & Drop (royal-mail.ts)
//   /dpd/...                  DPD UK GeoSession API (dpd.ts)
//   /dhl/mydhlapi/...         MyDHL API (dhl.ts)
//
// Every request: route → call log → fault injection → the carrier's handler (which checks auth
// before it looks at the body). The call log keeps each request's parsed body so tests can assert
// which carrier received a recipient.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleDhl } from './dhl.ts';
import { handleDpd } from './dpd.ts';
import { json, parseJson, readBody, send, INVALID_JSON, type SimReply, type SimRequest } from './http.ts';
import { handleRoyalMail } from './royal-mail.ts';
import {
  DEFAULT_SWITCHES,
  NO_FAULTS,
  type CourierCall,
  type CourierFaults,
  type SimCarrier,
  type SimState,
  type SimSwitches,
} from './state.ts';
import { handleTestCarrier } from './test-carrier.ts';

export { BAD_POSTCODES, DEV_COURIER_CREDENTIALS } from './state.ts';
export type { CourierCall, CourierFaults, SimCarrier, SimShipment, SimSwitches } from './state.ts';

const PREFIXES: [SimCarrier, string][] = [
  ['test', '/test'],
  ['royal-mail', '/royal-mail/api/v1'],
  ['dpd', '/dpd'],
  ['dhl', '/dhl/mydhlapi'],
];

export interface CourierSimulator {
  url: string;
  port: number;
  /** Base URL of one carrier's API on this simulator (what an adapter's config points at). */
  baseUrl(carrier: SimCarrier): string;
  calls: {
    list(carrier?: SimCarrier): CourierCall[];
    clear(): void;
  };
  faults: { set(f: Partial<CourierFaults>): void; reset(): void };
  switches: { set(s: Partial<SimSwitches>): void; reset(): void };
  shipments(carrier?: SimCarrier): SimState['shipments'];
  close(): Promise<void>;
}

export function baseUrlOf(root: string, carrier: SimCarrier): string {
  return `${root}${PREFIXES.find(([c]) => c === carrier)![1]}`;
}

export async function startCourierSimulator(
  options: { port?: number; host?: string } = {},
): Promise<CourierSimulator> {
  const state: SimState = {
    shipments: [],
    switches: { ...DEFAULT_SWITCHES },
    counters: { test: 0, 'royal-mail': 0, dpd: 0, dhl: 0 },
    dpdSessions: new Map(),
    rmWindow: new Map(),
    rmManifests: new Map(),
  };
  const calls: CourierCall[] = [];
  let faults: CourierFaults = { ...NO_FAULTS };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://sim');
      const found = PREFIXES.find(([, p]) => url.pathname === p || url.pathname.startsWith(`${p}/`));
      const rawBody = await readBody(req);
      const sim: SimRequest = {
        method: req.method ?? 'GET',
        path: found ? url.pathname.slice(found[1].length) || '/' : url.pathname,
        query: url.searchParams,
        headers: req.headers,
        rawBody,
        body: parseJson(rawBody),
      };
      const call: CourierCall = {
        carrier: found?.[0] ?? 'unknown',
        method: sim.method,
        path: sim.path,
        query: url.search,
        status: 0,
        body: sim.body === INVALID_JSON ? undefined : sim.body,
        at: Date.now(),
      };
      calls.push(call);
      if (!found) {
        call.status = 404;
        return send(res, json(404, { message: 'unknown carrier prefix' }));
      }
      const applies =
        faults.failNext > 0 &&
        (!faults.carriers || faults.carriers.includes(found[0])) &&
        (!faults.match || faults.match.test(`${sim.method} ${sim.path}`));
      if (applies) {
        faults.failNext -= 1;
        const kind = faults.failWith;
        if (kind === 'hang') {
          call.fault = 'hang';
          setTimeout(() => res.destroy(), faults.hangMs).unref();
          return;
        }
        if (kind === 'malformed') {
          call.fault = 'malformed';
          call.status = 200;
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end('{"truncated":');
        }
        if (kind === 429 || kind === 500 || kind === 503) {
          call.fault = kind === 429 ? '429' : '5xx';
          call.status = kind;
          return send(
            res,
            json(kind, { message: kind === 429 ? 'Too Many Requests' : 'Service Unavailable' }),
          );
        }
        // lost-response: the carrier does the work, then the connection drops before the answer.
        call.fault = 'lost-response';
        await dispatch(found[0], sim, state);
        return res.destroy();
      }
      const reply = await dispatch(found[0], sim, state);
      call.status = reply.status;
      send(res, reply);
    })().catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `simulator error: ${String(error)}` }));
    });
  });

  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    url,
    port,
    baseUrl: (carrier) => baseUrlOf(url, carrier),
    calls: {
      list: (carrier) => calls.filter((c) => !carrier || c.carrier === carrier),
      clear: () => void calls.splice(0),
    },
    faults: {
      set: (f) => void (faults = { ...faults, ...f }),
      reset: () => void (faults = { ...NO_FAULTS }),
    },
    switches: {
      set: (s) => void Object.assign(state.switches, s),
      reset: () => void Object.assign(state.switches, DEFAULT_SWITCHES),
    },
    shipments: (carrier) => state.shipments.filter((s) => !carrier || s.carrier === carrier),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function dispatch(carrier: SimCarrier, req: SimRequest, state: SimState): Promise<SimReply> {
  switch (carrier) {
    case 'test':
      return handleTestCarrier(req, state);
    case 'royal-mail':
      return handleRoyalMail(req, state);
    case 'dpd':
      return handleDpd(req, state);
    case 'dhl':
      return handleDhl(req, state);
  }
}
