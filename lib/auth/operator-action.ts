// The wrapper for platform-operator server actions: an MFA-verified operator session (there is no
// other kind, lib/auth/operator-session.ts) → zod input → call, errors in the one envelope.
// Operators hold the operator permissions below and nothing in any tenant: tenant data needs a
// break-glass grant, honoured by resolve-tenant-context.ts. The declared permission is read by
// tests/unit/permission-coverage.test.ts.
import { headers } from 'next/headers';
import type { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { toErrorEnvelope } from './error-envelope.ts';
import { getOperatorSession, type OperatorSession } from './operator-session.ts';
import { metaFromHeaders, type RequestMeta } from './principal.ts';
import type { ActionResult } from './tenant-action.ts';

export const OPERATOR_PERMISSIONS = [
  'operator.organizations.read',
  'operator.organizations.suspend',
  // The incident register (lib/privacy/incidents.ts): record, milestones, notes, review and close.
  'operator.incidents.manage',
] as const;
export type OperatorPermission = (typeof OPERATOR_PERMISSIONS)[number];

export function operatorAction<S extends z.ZodType, R>(
  schema: S,
  permission: OperatorPermission,
  fn: (args: { operator: OperatorSession; input: z.output<S>; meta: RequestMeta }) => Promise<R>,
) {
  const action = async (input: z.input<S>): Promise<ActionResult<R>> => {
    const meta = metaFromHeaders(await headers());
    try {
      const operator = await getOperatorSession();
      if (!operator) throw new AppError('UNAUTHENTICATED', 'operator sign-in required');
      const data = await fn({ operator, input: schema.parse(input), meta });
      return { ok: true, data };
    } catch (error) {
      return { ok: false, ...toErrorEnvelope(error, meta.requestId).body };
    }
  };
  return Object.assign(action, { operatorPermission: permission });
}
