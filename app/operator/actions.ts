'use server';
// Platform operator console actions (issue 3, item 10).
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { operatorAction } from '@/lib/auth/operator-action.ts';
import { toErrorEnvelope } from '@/lib/auth/error-envelope.ts';
import { clearOperatorSessionCookie, setOperatorSessionCookie } from '@/lib/auth/operator-session.ts';
import { metaFromHeaders } from '@/lib/auth/principal.ts';
import type { ActionResult } from '@/lib/auth/tenant-action.ts';
import { ZSuspendOrganizationInput, type TOperatorSignInInput } from '@/lib/operators/schemas.ts';
import { signInOperator } from '@/lib/operators/sign-in-operator.ts';
import { suspendOrganization } from '@/lib/operators/suspend-organization.ts';
import {
  addIncidentNote,
  completeIncidentReview,
  recordIncident,
  recordIncidentMilestone,
  ZIncidentMilestoneInput,
  ZIncidentNoteInput,
  ZIncidentReviewInput,
  ZRecordIncidentInput,
} from '@/lib/privacy/incidents.ts';

export type OperatorSignInState =
  { status: 'enrol'; secret: string; uri: string } | { status: 'code_required' } | { status: 'signed_in' };

/** Public by nature (it is the sign-in): allow-listed in the permission coverage test. */
export async function operatorSignInAction(
  input: TOperatorSignInInput,
): Promise<ActionResult<OperatorSignInState>> {
  const meta = metaFromHeaders(await headers());
  try {
    const result = await signInOperator(input, meta);
    if (result.status === 'signed_in') {
      await setOperatorSessionCookie(result.token);
      return { ok: true, data: { status: 'signed_in' } };
    }
    return { ok: true, data: result };
  } catch (error) {
    return { ok: false, ...toErrorEnvelope(error, meta.requestId).body };
  }
}

/** Ends the operator's own session only: allow-listed (harmless without one). */
export async function operatorSignOutAction(): Promise<void> {
  await clearOperatorSessionCookie();
  redirect('/operator/sign-in');
}

export const suspendOrganizationAction = operatorAction(
  ZSuspendOrganizationInput,
  'operator.organizations.suspend',
  ({ operator, input, meta }) => suspendOrganization(operator.operatorId, input, meta),
);

// Incident register (privacy engine §8). Each returns the incident id only: the page re-reads it.
export const recordIncidentAction = operatorAction(
  ZRecordIncidentInput,
  'operator.incidents.manage',
  async ({ operator, input, meta }) =>
    (await recordIncident(operator.operatorId, input, new Date(), meta)).id,
);

export const recordIncidentMilestoneAction = operatorAction(
  ZIncidentMilestoneInput,
  'operator.incidents.manage',
  async ({ operator, input, meta }) =>
    (await recordIncidentMilestone(operator.operatorId, input, new Date(), meta)).id,
);

export const addIncidentNoteAction = operatorAction(
  ZIncidentNoteInput,
  'operator.incidents.manage',
  async ({ operator, input, meta }) =>
    (await addIncidentNote(operator.operatorId, input, new Date(), meta)).id,
);

export const closeIncidentAction = operatorAction(
  ZIncidentReviewInput,
  'operator.incidents.manage',
  async ({ operator, input, meta }) =>
    (await completeIncidentReview(operator.operatorId, input, new Date(), meta)).id,
);
