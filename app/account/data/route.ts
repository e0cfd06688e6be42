// GET /account/data — the signed-in person's own data as a JSON download (lib/privacy/account-data-export.ts).
import { getSessionUser } from '@/lib/auth/session.ts';
import { exportAccountData } from '@/lib/privacy/account-data-export.ts';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const user = await getSessionUser();
  if (!user) {
    return Response.json({ error: { code: 'UNAUTHENTICATED', message: 'Sign in again.' } }, { status: 401 });
  }
  const now = new Date();
  const data = await exportAccountData(user.userId, now);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="packline-account-${now.toISOString().slice(0, 10)}.json"`,
      'cache-control': 'no-store',
    },
  });
}
