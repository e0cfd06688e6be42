// Login with Amazon: `POST https://api.amazon.com/auth/o2/token` and the website authorization
// workflow's consent page on Seller Central (sp-api.md §1).
import { randomBytes } from 'node:crypto';
import type { Region } from './generator.ts';
import { newToken, type AmazonSimApp, type SimResponse, type SimState } from './state.ts';

const NO_STORE = {
  'cache-control': 'no-store',
  pragma: 'no-cache',
  'content-type': 'application/json;charset=UTF-8',
};
const AUTH_CODE_TTL_MS = 5 * 60_000;
export const GRANTLESS_SCOPES = [
  'sellingpartnerapi::notifications',
  'sellingpartnerapi::migration',
  'sellingpartnerapi::client_credential:rotation',
];

function lwaError(status: number, error: string, description: string): SimResponse {
  return { status, headers: NO_STORE, body: { error_description: description, error }, errorCode: error };
}

/** Parses a JSON or form-urlencoded body into string fields. */
export function parseLwaBody(contentType: string, body: string): Record<string, string> | undefined {
  if (contentType.includes('application/json')) {
    try {
      const json = JSON.parse(body) as unknown;
      if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(json)) if (typeof v === 'string') out[k] = v;
      return out;
    } catch {
      return undefined;
    }
  }
  if (contentType.includes('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(body));
  return undefined;
}

function authenticateClient(state: SimState, f: Record<string, string>): AmazonSimApp | SimResponse {
  const app = f.client_id ? state.apps.get(f.client_id) : undefined;
  if (!app || f.client_secret !== app.clientSecret || state.secretExpired.has(app.clientId)) {
    return lwaError(401, 'invalid_client', 'Client authentication failed');
  }
  return app;
}

function issueAccessToken(
  state: SimState,
  clientId: string,
  sellingPartnerId: string,
  region: Region,
): string {
  const token = newToken('Atza|', 96);
  state.accessTokens.set(token, {
    token,
    kind: 'lwa',
    clientId,
    sellingPartnerId,
    region,
    expiresAt: state.clock.now() + state.accessTokenTtlSeconds * 1000,
  });
  return token;
}

export function issueRefreshToken(
  state: SimState,
  clientId: string,
  sellingPartnerId: string,
  region: Region,
): string {
  const token = newToken('Atzr|', 96);
  state.refreshTokens.set(token, { token, clientId, sellingPartnerId, region, revoked: false });
  return token;
}

export function tokenEndpoint(
  state: SimState,
  contentType: string,
  body: string,
): SimResponse & { grantType?: string } {
  const f = parseLwaBody(contentType, body);
  if (!f)
    return lwaError(400, 'invalid_request', 'The request has an invalid parameter : Content-Type or body');
  const grantType = f.grant_type;
  if (!grantType)
    return lwaError(400, 'invalid_request', 'The request is missing a required parameter : grant_type');
  const withGrant = (r: SimResponse) => ({ ...r, grantType });
  if (!['authorization_code', 'refresh_token', 'client_credentials'].includes(grantType)) {
    return withGrant(
      lwaError(
        400,
        'unsupported_grant_type',
        `The authorization grant type is not supported by the authorization server : ${grantType}`,
      ),
    );
  }
  for (const p of ['client_id', 'client_secret']) {
    if (!f[p])
      return withGrant(
        lwaError(400, 'invalid_request', `The request is missing a required parameter : ${p}`),
      );
  }
  const app = authenticateClient(state, f);
  if ('status' in app) return withGrant(app);
  const now = state.clock.now();
  const ok = (b: Record<string, unknown>): SimResponse => ({ status: 200, headers: NO_STORE, body: b });
  if (grantType === 'authorization_code') {
    if (!f.code)
      return withGrant(
        lwaError(400, 'invalid_request', 'The request is missing a required parameter : code'),
      );
    const code = state.authCodes.get(f.code);
    const bad =
      !code ||
      code.used ||
      code.expiresAt <= now ||
      code.clientId !== app.clientId ||
      (f.redirect_uri !== undefined && f.redirect_uri !== code.redirectUri);
    if (code) code.used = true; // single use, even when the exchange fails
    if (bad || !code)
      return withGrant(lwaError(400, 'invalid_grant', 'The request has an invalid grant parameter : code'));
    const refresh = issueRefreshToken(state, app.clientId, code.sellingPartnerId, code.region);
    return withGrant(
      ok({
        access_token: issueAccessToken(state, app.clientId, code.sellingPartnerId, code.region),
        refresh_token: refresh,
        token_type: 'bearer',
        expires_in: state.accessTokenTtlSeconds,
      }),
    );
  }
  if (grantType === 'refresh_token') {
    if (f.scope)
      return withGrant(lwaError(400, 'invalid_request', 'The request has an invalid parameter : scope'));
    if (!f.refresh_token)
      return withGrant(
        lwaError(400, 'invalid_request', 'The request is missing a required parameter : refresh_token'),
      );
    const r = state.refreshTokens.get(f.refresh_token);
    if (!r || r.clientId !== app.clientId) {
      return withGrant(
        lwaError(400, 'invalid_grant', 'The request has an invalid grant parameter : refresh_token'),
      );
    }
    if (r.revoked) {
      return withGrant(
        lwaError(
          400,
          'invalid_grant',
          "The request has an invalid grant parameter : refresh_token. User may have revoked or didn't grant the permission.",
        ),
      );
    }
    return withGrant(
      ok({
        access_token: issueAccessToken(state, app.clientId, r.sellingPartnerId, r.region),
        refresh_token: r.token,
        token_type: 'bearer',
        expires_in: state.accessTokenTtlSeconds,
      }),
    );
  }
  // client_credentials (grantless)
  if (f.refresh_token)
    return withGrant(
      lwaError(400, 'invalid_request', 'The request has an invalid parameter : refresh_token'),
    );
  if (!f.scope || !GRANTLESS_SCOPES.includes(f.scope)) {
    return withGrant(lwaError(400, 'invalid_scope', 'The request has an invalid parameter : scope'));
  }
  const token = newToken('Atc|', 96);
  state.accessTokens.set(token, {
    token,
    kind: 'grantless',
    clientId: app.clientId,
    expiresAt: now + state.accessTokenTtlSeconds * 1000,
  });
  return withGrant(
    ok({
      access_token: token,
      scope: f.scope,
      token_type: 'bearer',
      expires_in: state.accessTokenTtlSeconds,
    }),
  );
}

/** Seller Central host → region. */
export function sellerCentralRegion(host: string): Region | undefined {
  if (host === 'sellercentral.amazon.com') return 'na';
  if (
    ['sellercentral-europe.amazon.com', 'sellercentral.amazon.co.uk', 'sellercentral.amazon.de'].includes(
      host,
    )
  )
    return 'eu';
  if (['sellercentral.amazon.co.jp', 'sellercentral.amazon.com.au', 'sellercentral.amazon.sg'].includes(host))
    return 'fe';
  return undefined;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(status: number, title: string, body: string): SimResponse {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'referrer-policy': 'no-referrer' },
    raw: `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body>${body}</body></html>`,
  };
}

function authError(code: string, message: string): SimResponse {
  return {
    ...page(
      400,
      `Authorization error ${code}`,
      `<h1>We're sorry!</h1><p id="error-code">${code}</p><p>${esc(message)}</p>`,
    ),
    errorCode: code,
  };
}

interface ConsentCheck {
  app: AmazonSimApp;
  redirectUri: string;
  state: string;
  version?: string;
}

function checkConsent(st: SimState, f: URLSearchParams): ConsentCheck | SimResponse {
  const app = [...st.apps.values()].find((a) => a.applicationId === f.get('application_id'));
  if (!app)
    return authError('MD1000', 'The application ID is not valid or the application is not published.');
  const version = f.get('version') ?? undefined;
  if (app.draft && version !== 'beta')
    return authError('MD1000', 'This application is in Draft state: add version=beta to authorize it.');
  const redirectUri = f.get('redirect_uri') ?? app.redirectUris[0];
  if (!redirectUri) return authError('MD5101', 'The application has no OAuth redirect URI.');
  if (redirectUri.includes('#')) return authError('MD5110', 'The redirect URI contains a fragment.');
  if (!app.redirectUris.includes(redirectUri))
    return authError('MD5101', 'The redirect URI is not registered for this application.');
  const stateParam = f.get('state');
  if (!stateParam) return authError('MD5101', 'The state parameter is missing.');
  return { app, redirectUri, state: stateParam, ...(version ? { version } : {}) };
}

/** GET /apps/authorize/consent: the page a logged-in seller sees, with an "Authorize" form. */
export function consentPage(st: SimState, host: string, query: URLSearchParams): SimResponse {
  const region = sellerCentralRegion(host);
  const c = checkConsent(st, query);
  if ('status' in c) return c;
  const sellers = [...st.sellers.values()].filter((s) => s.region === region);
  const preselected = query.get('selling_partner_id');
  const options = sellers
    .map(
      (s) =>
        `<option value="${esc(s.sellingPartnerId)}"${s.sellingPartnerId === preselected ? ' selected' : ''}>${esc(s.sellingPartnerId)}</option>`,
    )
    .join('');
  const hidden = (n: string, v: string) => `<input type="hidden" name="${n}" value="${esc(v)}">`;
  return page(
    200,
    'Authorize application',
    `<h1>Authorize ${esc(c.app.applicationId)}</h1>
<form method="post" action="/apps/authorize/confirm">
${hidden('application_id', c.app.applicationId)}${hidden('state', c.state)}${hidden('redirect_uri', c.redirectUri)}${c.version ? hidden('version', c.version) : ''}
<label>Selling partner <select name="selling_partner_id">${options}</select></label>
<button type="submit" name="authorize" value="1">Authorize</button>
</form>`,
  );
}

/** POST /apps/authorize/confirm: issues a 5-minute single-use code and redirects. */
export function consentConfirm(st: SimState, host: string, body: string): SimResponse {
  const region = sellerCentralRegion(host);
  const f = new URLSearchParams(body);
  const c = checkConsent(st, f);
  if ('status' in c) return c;
  const seller = st.sellers.get(f.get('selling_partner_id') ?? '');
  if (!seller || seller.region !== region)
    return authError('MD9100', 'Unknown selling partner for this Seller Central region.');
  const code = `AN${randomBytes(15).toString('base64url')}`;
  st.authCodes.set(code, {
    code,
    clientId: c.app.clientId,
    sellingPartnerId: seller.sellingPartnerId,
    region: seller.region,
    redirectUri: c.redirectUri,
    expiresAt: st.clock.now() + AUTH_CODE_TTL_MS,
    used: false,
  });
  const target = new URL(c.redirectUri);
  target.searchParams.set('state', c.state);
  target.searchParams.set('selling_partner_id', seller.sellingPartnerId);
  target.searchParams.set('spapi_oauth_code', code);
  return { status: 302, headers: { location: target.toString(), 'referrer-policy': 'no-referrer' } };
}
