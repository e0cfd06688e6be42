// One instance per process of what holds connections, caches or hooks (database and Redis
// clients, queues, the logger, tenant keys). Kept on globalThis: Next's dev server reloads modules,
// and a production build may carry one module in several route bundles — all must share the one
// instance rather than each opening its own pool.
const holder = globalThis as unknown as { __packlineSingletons?: Map<string, unknown> };

function singletons(): Map<string, unknown> {
  holder.__packlineSingletons ??= new Map();
  return holder.__packlineSingletons;
}

/** The process's instance called `name`, made by `create` on first use. */
export function processSingleton<T>(name: string, create: () => T): T {
  const map = singletons();
  if (!map.has(name)) map.set(name, create());
  return map.get(name) as T;
}

/** Forgets the instance (the next use makes a new one) and returns it, to be closed by the caller. */
export function dropProcessSingleton<T>(name: string): T | undefined {
  const map = singletons();
  const value = map.get(name) as T | undefined;
  map.delete(name);
  return value;
}
