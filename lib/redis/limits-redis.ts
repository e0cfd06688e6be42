// One Redis connection per process for counters: rate limits (sign-in, operator sign-in, API
// tokens, PII reads) and alert debounce keys. The limiters built on it are kept with it, so
// closing it (tests, shutdown) drops them too. Key names go through redisKey: every key starts with
// QUEUE_PREFIX, whose default `{packline}` is a Redis Cluster hash tag (docs/scale-out.md).
import { Redis } from 'ioredis';
import { getEnv } from '../env.ts';
import { dropProcessSingleton, processSingleton } from '../process-singleton.ts';

const NAME = 'limits-redis';

interface LimitsRedis {
  client: Redis;
  built: Map<string, unknown>;
}

function limits(): LimitsRedis {
  return processSingleton<LimitsRedis>(NAME, () => ({
    client: new Redis(getEnv().REDIS_URL, {
      maxRetriesPerRequest: 1,
      connectTimeout: 5_000,
      connectionName: 'packline-limits',
    }),
    built: new Map(),
  }));
}

export function limitsRedis(): Redis {
  return limits().client;
}

/** Something built on the connection (a rate limiter), made once per connection under `name`. */
export function onLimitsRedis<T>(name: string, build: (client: Redis) => T): T {
  const { client, built } = limits();
  if (!built.has(name)) built.set(name, build(client));
  return built.get(name) as T;
}

export async function disconnectLimitsRedis(): Promise<void> {
  dropProcessSingleton<LimitsRedis>(NAME)?.client.disconnect();
}

/** A key under this environment's prefix: `redisKey('rl', 'token')` → `{packline}:rl:token`. */
export function redisKey(...parts: string[]): string {
  return [getEnv().QUEUE_PREFIX, ...parts].join(':');
}
