// Redis connection OPTIONS for BullMQ (ENVIRONMENT.md "Services"): BullMQ creates, owns and closes
// the connections. Never hand it ioredis instances (`redis.duplicate()` leaves the process hanging
// at exit unless every one is closed by hand).
import type { ConnectionOptions } from 'bullmq';
import { getEnv } from '../env.ts';

/**
 * Producers (web requests, use cases enqueueing after commit) fail fast when Redis is down: one
 * retry per command and no offline queue, so a request errors instead of hanging. Connecting is
 * bounded separately by `enqueue` (lib/jobs/registry.ts), since BullMQ waits for "ready".
 */
export function producerConnection(redisUrl = getEnv().REDIS_URL): ConnectionOptions {
  return {
    url: redisUrl,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 5_000,
    connectionName: 'packline-producer',
  };
}

/**
 * Workers keep retrying for ever (`maxRetriesPerRequest: null`, required for blocking commands;
 * BullMQ would force it anyway) and keep the offline queue, so a Redis restart pauses work
 * instead of failing jobs.
 */
export function workerConnection(redisUrl = getEnv().REDIS_URL): ConnectionOptions {
  return {
    url: redisUrl,
    maxRetriesPerRequest: null,
    connectionName: 'packline-worker',
  };
}
