// Transport for the `amazon-sp-api` client in dev and tests: an https.Agent, passed as the
// client's `https_proxy_agent` option, that sends every connection to the SP-API simulator
// (tests/simulators/amazon) while keeping Amazon's hostnames (sp-api.md §8.2, ENVIRONMENT.md).
//
// The client hard-codes `https://sellingpartnerapi-<region>.amazon.com:443` and
// `https://api.amazon.com/auth/o2/token`, and routes both (plus `download`/`upload`, but NOT the
// stream helpers) through this agent. Only the TCP destination changes: the Host header, the TLS
// SNI (`servername`) and the certificate check stay those of the Amazon host, and the check stays
// strict — the simulator's dev CA is the ONLY trusted root for these connections
// (`rejectUnauthorized` is forced on).
//
// Dev/test only: production never constructs this agent (the client then uses Node's default).
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

export interface SpApiSimulatorTarget {
  /** Where the simulator listens, e.g. `127.0.0.1`. */
  host: string;
  port: number;
  /** PEM of the simulator's dev CA. */
  ca: string | Buffer;
}

export class SpApiSimulatorAgent extends https.Agent {
  readonly target: SpApiSimulatorTarget;

  constructor(target: SpApiSimulatorTarget, options: https.AgentOptions = {}) {
    super({ keepAlive: true, ...options });
    if (!Number.isInteger(target.port) || target.port <= 0 || target.port > 65_535) {
      throw new Error(`invalid SP-API simulator port: ${String(target.port)}`);
    }
    this.target = target;
  }

  // Node's Agent has already set `servername` from the request's host (the Amazon hostname);
  // we keep it and replace only host/port. The socket is returned synchronously, which is how
  // Node's own https.Agent does it (the callback is not needed then).
  override createConnection(options: https.RequestOptions): Duplex {
    const amazonHost = options.servername || options.hostname || options.host || undefined;
    return tls.connect({
      ...(options as tls.ConnectionOptions),
      host: this.target.host,
      port: this.target.port,
      servername: amazonHost ?? undefined,
      ca: this.target.ca,
      rejectUnauthorized: true,
    });
  }
}

/** The agent to pass as `options.https_proxy_agent` to `new SellingPartner(...)`. */
export function createSpApiSimulatorAgent(
  target: SpApiSimulatorTarget,
  options?: https.AgentOptions,
): SpApiSimulatorAgent {
  return new SpApiSimulatorAgent(target, options);
}
