// GET /.well-known/jwks.json — the public keys that verify Packline's RS256 tokens (current and
// retired-but-valid; lib/auth/keys.ts). Public by design: on the allow-list of
// tests/unit/permission-coverage.test.ts.
import { jwks } from '@/lib/auth/keys.ts';

// Keys come from the runtime environment, never from the build.
export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  return Response.json(await jwks(), { headers: { 'cache-control': 'public, max-age=300' } });
}
