// The SP-API simulator in a worker thread, for benchmarks that measure OUR side of the wire
// (bench/ingest.ts). In-process, the simulator renders and encrypts every response on the same
// event loop as the sync under test, so its CPU would be counted as the sync's; Amazon is a
// remote service. Same simulator (tests/simulators/amazon/server.ts), same HTTPS and dev CA; the
// few controls a benchmark needs go over the thread's message port.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { StartAmazonSimulatorOptions } from '../simulators/amazon/server.ts';

type Control =
  | { op: 'authorize'; clientId: string; sellingPartnerId: string }
  | { op: 'reset' }
  | { op: 'now' }
  | { op: 'counts' }
  | { op: 'close' };

export interface AmazonSimulatorThread {
  port: number;
  caPath: string;
  /** Self-authorization: a new refresh token for (app, seller). */
  authorize(clientId: string, sellingPartnerId: string): Promise<string>;
  /** Token buckets full again and the call log cleared. */
  reset(): Promise<void>;
  /** The simulator clock. */
  now(): Promise<number>;
  /** Calls per operation since the last reset. */
  countsByOperation(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/** Only plain, cloneable options cross the thread boundary (no `random` function). */
export type ThreadSimulatorOptions = Omit<StartAmazonSimulatorOptions, 'random'>;

export async function startAmazonSimulatorThread(
  options: ThreadSimulatorOptions,
): Promise<AmazonSimulatorThread> {
  // The worker registers tsx's loader itself (Node 20 does not pass loader hooks to workers),
  // then runs this file.
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(
    import.meta.url,
  )}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: options });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let seq = 0;
  const ready = new Promise<{ port: number; caPath: string }>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', resolve);
  });
  const { port, caPath } = await ready;
  worker.on('message', (m: { id: number; result?: unknown; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error !== undefined) p.reject(new Error(m.error));
    else p.resolve(m.result);
  });
  worker.on('error', (error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  });
  const call = <T>(c: Control): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++seq;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, ...c });
    });
  return {
    port,
    caPath,
    authorize: (clientId, sellingPartnerId) => call({ op: 'authorize', clientId, sellingPartnerId }),
    reset: () => call({ op: 'reset' }),
    now: () => call({ op: 'now' }),
    countsByOperation: () => call({ op: 'counts' }),
    close: async () => {
      await call({ op: 'close' });
      await worker.terminate();
    },
  };
}

async function serve(options: ThreadSimulatorOptions): Promise<void> {
  const { startAmazonSimulator } = await import('../simulators/amazon/server.ts');
  const sim = await startAmazonSimulator(options);
  const port = parentPort!;
  port.on('message', async (m: { id: number } & Control) => {
    try {
      let result: unknown;
      if (m.op === 'authorize') result = sim.registry.authorize(m.clientId, m.sellingPartnerId);
      else if (m.op === 'reset') {
        sim.rateLimits.resetBuckets();
        sim.calls.clear();
      } else if (m.op === 'now') result = sim.clock.now();
      else if (m.op === 'counts') result = sim.calls.countsByOperation();
      else await sim.close();
      port.postMessage({ id: m.id, result });
    } catch (error) {
      port.postMessage({ id: m.id, error: (error as Error).message });
    }
  });
  port.postMessage({ port: sim.port, caPath: sim.caPath });
}

if (!isMainThread && parentPort) await serve(workerData as ThreadSimulatorOptions);
