// Tokens API 2021-03-01 createRestrictedDataToken (tokens_2021-03-01.json, sp-api.md §3).
// The response is top level (no `payload`): {"restrictedDataToken":"Atz.sprdt|…","expiresIn":3600}.
import {
  DATA_ELEMENTS,
  errors,
  invalidInput,
  newToken,
  type DataElement,
  type RdtResource,
  type RequestContext,
  type SimResponse,
  type SimState,
} from './state.ts';

interface RestrictedTemplate {
  template: string;
  /** dataElements required and allowed for this operation; undefined = none needed. */
  dataElements?: readonly DataElement[];
  /** Role needed when the operation itself is the restricted data. */
  role?: DataElement;
}

/** Restricted operations of the APIs the simulator serves. */
const RESTRICTED: readonly RestrictedTemplate[] = [
  { template: '/orders/v0/orders', dataElements: ['buyerInfo', 'shippingAddress', 'buyerTaxInformation'] },
  {
    template: '/orders/v0/orders/{orderId}',
    dataElements: ['buyerInfo', 'shippingAddress', 'buyerTaxInformation'],
  },
  { template: '/orders/v0/orders/{orderId}/orderItems', dataElements: ['buyerInfo'] },
  { template: '/orders/v0/orders/{orderId}/address', role: 'shippingAddress' },
  { template: '/orders/v0/orders/{orderId}/buyerInfo', role: 'buyerInfo' },
  { template: '/orders/v0/orders/{orderId}/orderItems/buyerInfo', role: 'buyerInfo' },
];

function segmentsMatch(template: string, path: string): boolean {
  const t = template.split('/');
  const p = path.split('/');
  if (t.length !== p.length) return false;
  return t.every((seg, i) => {
    const ps = p[i]!;
    if (seg.startsWith('{')) return ps.length > 0 && (/^\{[A-Za-z]+\}$/.test(ps) || !ps.includes('{'));
    return seg === ps;
  });
}

/** Regex matching concrete request paths: `{x}` segments are wildcards, others literal. */
function pathPattern(path: string): RegExp {
  const src = path
    .split('/')
    .map((seg) => (/^\{[A-Za-z]+\}$/.test(seg) ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${src}$`);
}

/** Data elements granted by the RDT resources covering (method, path); undefined when none cover it. */
export function rdtCoverage(
  resources: readonly RdtResource[],
  method: string,
  path: string,
): Set<DataElement> | undefined {
  let covered = false;
  const els = new Set<DataElement>();
  for (const r of resources) {
    if (r.method !== method || !r.pattern.test(path)) continue;
    covered = true;
    for (const e of r.dataElements) els.add(e);
  }
  return covered ? els : undefined;
}

export function createRestrictedDataToken(state: SimState, ctx: RequestContext): SimResponse {
  let body: unknown;
  try {
    body = JSON.parse(ctx.body || 'null');
  } catch {
    return errors(400, {
      code: 'InvalidRequest',
      message: 'Request is missing or has invalid parameters',
      details: 'Malformed JSON body.',
    });
  }
  const resourcesIn = (body as { restrictedResources?: unknown } | null)?.restrictedResources;
  if (!Array.isArray(resourcesIn) || resourcesIn.length === 0) {
    return errors(400, {
      code: 'InvalidRequest',
      message: 'Request is missing or has invalid parameters',
      details: 'Resource not provided.',
    });
  }
  if (resourcesIn.length > 50) {
    return errors(400, {
      code: 'InvalidRequest',
      message: 'Request is missing or has invalid parameters',
      details: 'Too many restricted resources (max 50).',
    });
  }
  const target = (body as { targetApplication?: unknown }).targetApplication;
  if (
    target !== undefined &&
    (typeof target !== 'string' || ![...state.apps.values()].some((a) => a.applicationId === target))
  ) {
    return invalidInput('Invalid targetApplication.');
  }
  const roles = ctx.app?.restrictedRoles ?? [];
  const resources: RdtResource[] = [];
  const missing = new Set<DataElement>();
  for (const raw of resourcesIn as unknown[]) {
    const r = raw as { method?: unknown; path?: unknown; dataElements?: unknown };
    if (typeof r.method !== 'string' || !['GET', 'PUT', 'POST', 'DELETE'].includes(r.method)) {
      return invalidInput(`Invalid method: ${String(r.method)}.`);
    }
    if (typeof r.path !== 'string' || !r.path.startsWith('/'))
      return invalidInput(`Invalid path: ${String(r.path)}.`);
    const spec = RESTRICTED.find((t) => segmentsMatch(t.template, r.path as string));
    if (!spec || r.method !== 'GET')
      return invalidInput(`Invalid restricted resource: ${r.method} ${r.path}.`);
    let dataElements: DataElement[] = [];
    if (spec.dataElements) {
      if (!Array.isArray(r.dataElements) || r.dataElements.length === 0) {
        return invalidInput(`dataElements is required for ${r.path}.`);
      }
      for (const e of r.dataElements as unknown[]) {
        if (
          typeof e !== 'string' ||
          !DATA_ELEMENTS.includes(e as DataElement) ||
          !spec.dataElements.includes(e as DataElement)
        ) {
          return invalidInput(`Invalid dataElements value ${String(e)} for ${r.path}.`);
        }
      }
      dataElements = [...new Set(r.dataElements as DataElement[])];
      for (const e of dataElements) if (!roles.includes(e)) missing.add(e);
    } else if (spec.role && !roles.includes(spec.role)) {
      missing.add(spec.role);
    }
    resources.push({ method: r.method, path: r.path, pattern: pathPattern(r.path), dataElements });
  }
  if (roles.length === 0) return invalidInput("The application isn't configured with roles.");
  if (missing.size > 0) {
    return invalidInput(
      `Application does not have access to one or more requested data elements: [${[...missing].join(', ')}]`,
    );
  }
  const token = newToken('Atz.sprdt|');
  const ttl = 3600;
  state.accessTokens.set(token, {
    token,
    kind: 'rdt',
    clientId: ctx.token!.clientId,
    sellingPartnerId: ctx.seller!.sellingPartnerId,
    region: ctx.seller!.region,
    expiresAt: ctx.now + ttl * 1000,
    resources,
  });
  return { status: 200, body: { restrictedDataToken: token, expiresIn: ttl } };
}
