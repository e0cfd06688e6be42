// The one wrapper for tenant route handlers (issue 3, item 5; STYLE.md, shaped like dub's
// withWorkspace): principal (session or bearer API token) → organization (the `[org]` URL
// segment, else the token's `org`) → membership → TenantContext → permission → zod-parsed path
// segments, query and body → handler → JSON, with every error mapped to `{ error: { code, message } }`.
// A path segment that fails its schema names nothing that exists: 404, like another tenant's id
// (docs/decisions/0020-tenancy-walk-and-404s.md).
// The declared permission is also read by tests/unit/permission-coverage.test.ts.
import type { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { readLimitedText } from '../http/read-limited-body.ts';
import type { OrganizationSummary } from '../organizations/find-organization-by-slug.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import { bearerToken } from './api-token.ts';
import { currentPrincipal } from './current-principal.ts';
import { toErrorEnvelope } from './error-envelope.ts';
import type { Permission } from './permissions.ts';
import { metaFromHeaders } from './principal.ts';
import { authorize, resolveTenantContext, type OrganizationRef } from './resolve-tenant-context.ts';

type Params = Record<string, string | string[] | undefined>;

export interface TenantRouteArgs<Q, B, P = Params> {
  request: Request;
  ctx: TenantContext;
  organization: OrganizationSummary;
  params: P;
  query: Q;
  body: B;
}

export interface TenantRouteOptions<
  QS extends z.ZodType | undefined,
  BS extends z.ZodType | undefined,
  PS extends z.ZodType | undefined = undefined,
> {
  permission: Permission;
  /** The path's own segments (the organization excepted), e.g. `z.object({ orderId: z.uuid() })`. */
  params?: PS;
  query?: QS;
  body?: BS;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export const MAX_JSON_BODY_BYTES = 1_000_000;

async function readJson(request: Request): Promise<unknown> {
  const text = await readLimitedText(request, MAX_JSON_BODY_BYTES);
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('BAD_REQUEST', 'request body is not valid JSON');
  }
}

export function withTenantRoute<
  QS extends z.ZodType | undefined = undefined,
  BS extends z.ZodType | undefined = undefined,
  PS extends z.ZodType | undefined = undefined,
>(
  handler: (
    args: TenantRouteArgs<Out<QS>, Out<BS>, PS extends z.ZodType ? z.output<PS> : Params>,
  ) => Promise<unknown>,
  options: TenantRouteOptions<QS, BS, PS>,
) {
  const route = async (request: Request, context?: { params?: Promise<Params> }): Promise<Response> => {
    const meta = metaFromHeaders(request.headers);
    try {
      const params = (await context?.params) ?? {};
      const slug = typeof params.org === 'string' ? params.org : undefined;
      // Routes without an organization in the URL (the REST API) take only bearer tokens (RFC 6750).
      if (!slug && bearerToken(request.headers) === null) {
        throw new AppError('UNAUTHENTICATED', 'a bearer access token is required');
      }
      const principal = await currentPrincipal(request.headers);
      let ref: OrganizationRef;
      if (slug) ref = { slug };
      else if (principal.kind === 'api_client') ref = { organizationId: principal.organizationId };
      else throw new AppError('UNAUTHENTICATED', 'a bearer access token is required');
      const resolved = await resolveTenantContext(principal, ref, meta);
      await authorize(resolved, options.permission);

      let pathParams: unknown = params;
      if (options.params) {
        const { org: _org, ...own } = params;
        const parsed = options.params.safeParse(own);
        if (!parsed.success) throw new AppError('NOT_FOUND', 'not found');
        pathParams = parsed.data;
      }
      const url = new URL(request.url);
      const query = options.query
        ? options.query.parse(Object.fromEntries(url.searchParams.entries()))
        : undefined;
      const body = options.body ? options.body.parse(await readJson(request)) : undefined;

      const result = await handler({
        request,
        ctx: resolved.ctx,
        organization: resolved.organization,
        params: pathParams as PS extends z.ZodType ? z.output<PS> : Params,
        query: query as Out<QS>,
        body: body as Out<BS>,
      });
      if (result instanceof Response) return result;
      return Response.json(result ?? { ok: true });
    } catch (error) {
      const { status, body } = toErrorEnvelope(error, meta.requestId);
      const headers: HeadersInit = status === 401 ? { 'www-authenticate': 'Bearer realm="packline"' } : {};
      return Response.json(body, { status, headers });
    }
  };
  return Object.assign(route, { permission: options.permission });
}
