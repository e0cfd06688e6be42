// POST /api/v1/auth/token — OAuth 2.0 token endpoint for API clients (client_credentials and
// refresh_token grants; lib/api-clients/issue-api-tokens.ts). Public by nature (it is where a
// client authenticates), so it is on the allow-list of tests/unit/permission-coverage.test.ts;
// rate-limited per address and per credential. Accepts form-encoded (RFC 6749) or JSON bodies and
// HTTP Basic client authentication. Errors use the one envelope `{ error: { code, message } }`.
import { toErrorEnvelope } from '@/lib/auth/error-envelope.ts';
import { metaFromHeaders } from '@/lib/auth/principal.ts';
import { issueApiTokens } from '@/lib/api-clients/issue-api-tokens.ts';
import { ZTokenRequest } from '@/lib/api-clients/schemas.ts';
import { consumeTokenRequest } from '@/lib/api-clients/token-rate-limit.ts';
import { AppError } from '@/lib/errors/app-error.ts';
import { readLimitedText } from '@/lib/http/read-limited-body.ts';
import { hashOpaqueToken } from '@/lib/security/opaque-token.ts';

const MAX_BODY = 8_192;

async function readBody(request: Request): Promise<Record<string, unknown>> {
  const text = await readLimitedText(request, MAX_BODY);
  const type = request.headers.get('content-type') ?? '';
  let body: Record<string, unknown>;
  if (type.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(text || '{}');
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      throw new AppError('BAD_REQUEST', 'request body is not a JSON object');
    }
  } else {
    body = Object.fromEntries(new URLSearchParams(text).entries());
  }
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(request.headers.get('authorization')?.trim() ?? '');
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const sep = decoded.indexOf(':');
    if (sep > 0) {
      body.client_id ??= decodeURIComponent(decoded.slice(0, sep));
      body.client_secret ??= decodeURIComponent(decoded.slice(sep + 1));
    }
  }
  return body;
}

export async function POST(request: Request): Promise<Response> {
  const meta = metaFromHeaders(request.headers);
  try {
    const raw = await readBody(request);
    const credential =
      typeof raw.client_id === 'string'
        ? `client:${raw.client_id.slice(0, 64)}`
        : typeof raw.refresh_token === 'string'
          ? `refresh:${hashOpaqueToken(raw.refresh_token).slice(0, 32)}`
          : 'none';
    await consumeTokenRequest({ ip: meta.ip ?? 'unknown', credential });
    const tokens = await issueApiTokens(ZTokenRequest.parse(raw), meta);
    return Response.json(tokens, { headers: { 'cache-control': 'no-store', pragma: 'no-cache' } });
  } catch (error) {
    const { status, body } = toErrorEnvelope(error, meta.requestId);
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    if (
      error instanceof AppError &&
      error.code === 'RATE_LIMITED' &&
      typeof error.details?.retryAfter === 'number'
    ) {
      headers['retry-after'] = String(error.details.retryAfter);
    }
    return Response.json(body, { status, headers });
  }
}
