// GET /api/health — for the load balancer and monitoring. Unauthenticated by design, so the body
// holds statuses and timings only (lib/health/check-health.ts): no versions, hosts or errors.
import { connection } from 'next/server';
import { checkHealth, healthResponse } from '@/lib/health/check-health.ts';

export async function GET(): Promise<Response> {
  await connection(); // always at request time, never prerendered at build
  return healthResponse(await checkHealth());
}
