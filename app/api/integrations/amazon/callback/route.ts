// Amazon's OAuth redirect URI (website authorization workflow, Step 3). Registered once for the
// app, so it carries no organization: the signed `state` names the organization's slug. This
// handler only checks the state's signature and expiry and sends the browser on to the
// organization's callback page, which authenticates the user, checks the state's binding to
// organization + user and exchanges the code (lib/channels/amazon/complete-amazon-consent.ts).
// It reads no data and writes nothing.
import { NextResponse, type NextRequest } from 'next/server';
import { readConsentStateSlug } from '@/lib/channels/amazon/oauth-state.ts';

const FORWARDED = ['state', 'selling_partner_id', 'spapi_oauth_code'] as const;

export function GET(request: NextRequest): NextResponse {
  const params = request.nextUrl.searchParams;
  const state = params.get('state') ?? '';
  const slug = state.length <= 2000 ? readConsentStateSlug(state) : null;
  if (!slug) {
    return NextResponse.json(
      {
        error: {
          code: 'BAD_REQUEST',
          message: 'the Amazon authorization link is invalid or expired; start again',
        },
      },
      { status: 400, headers: { 'referrer-policy': 'no-referrer' } },
    );
  }
  const target = new URL(`/${slug}/integrations/amazon-callback`, request.nextUrl.origin);
  for (const key of FORWARDED) {
    const value = params.get(key);
    if (value !== null && value.length <= 2048) target.searchParams.set(key, value);
  }
  return NextResponse.redirect(target, { status: 303, headers: { 'referrer-policy': 'no-referrer' } });
}
