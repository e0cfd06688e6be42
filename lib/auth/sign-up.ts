// Sign-up: a new user and a new organization in which they are OWNER, in one transaction.
// The organization is created through withTenant with its own, freshly generated id as the
// tenant, so the row-level security WITH CHECK passes without the system client.
// Anti-automation: a per-IP limit and a honeypot field; the caller signs the user in afterwards.
// A verification link goes to the address (lib/auth/email-verification.ts): until it is opened the
// account cannot accept invitations or be reached through Google sign-in.
import { Prisma } from '../db/generated/prisma/client.ts';
import { appDb } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { withTenant } from '../db/tenant.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { AppError } from '../errors/app-error.ts';
import { findOrganizationBySlug } from '../organizations/find-organization-by-slug.ts';
import { assertPasswordAcceptable, storePassword } from './set-password.ts';
import type { HashOptions } from './password-hash.ts';
import { getLogger } from '../logger.ts';
import { sendEmailVerification } from './email-verification.ts';
import { consume } from './rate-limits.ts';
import { recordSecurityEventSafely } from './security-events.ts';
import { ZSignUpInput } from './schemas.ts';
import type { RequestMeta } from './sign-in-with-password.ts';

/** Top-level paths of the app: an organization slug must never shadow them. */
export const RESERVED_SLUGS = new Set([
  'account',
  'api',
  'admin',
  'operator',
  'sign-in',
  'sign-up',
  'sign-out',
  'reset-password',
  'invitations',
  'invite',
  'dev',
  'settings',
  'new',
  'static',
  'public',
  'well-known',
]);

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return base.length >= 2 ? base : 'org';
}

async function availableSlug(name: string): Promise<string> {
  const base = slugify(name);
  for (let i = 0; i < 20; i++) {
    const candidate = i === 0 ? base : `${base}-${Math.random().toString(36).slice(2, 6)}`;
    if (RESERVED_SLUGS.has(candidate)) continue;
    if (!(await findOrganizationBySlug(candidate))) return candidate;
  }
  throw new AppError('CONFLICT', 'Could not find a free address for this organization; try another name.');
}

export interface SignUpResult {
  userId: string;
  organizationId: string;
  slug: string;
  sessionVersion: number;
}

export async function signUp(
  input: unknown,
  meta: RequestMeta = {},
  options: HashOptions = {},
): Promise<SignUpResult> {
  const parsed = ZSignUpInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('BAD_REQUEST', issue?.message ?? 'Check the form.', {
      field: String(issue?.path[0] ?? ''),
    });
  }
  const { name, email, password, organizationName, website } = parsed.data;
  const limit = await consume('signUpIp', meta.ip ?? 'unknown');
  if (limit.limited || website) {
    throw new AppError('RATE_LIMITED', 'Too many sign-ups from your network. Try again later.');
  }
  assertPasswordAcceptable(password, { email, name });

  if (await appDb().user.findUnique({ where: { email }, select: { id: true } })) {
    // Sign-up necessarily tells whether an email is registered; the per-IP limit bounds how fast
    // anyone can ask. The message points to sign-in and reset, nothing more.
    throw new AppError(
      'CONFLICT',
      'An account with this email already exists. Sign in or reset your password.',
      {
        field: 'email',
      },
    );
  }

  for (let attempt = 0; ; attempt++) {
    const slug = await availableSlug(organizationName);
    const organizationId = newId();
    try {
      const result = await withTenant(organizationId, async (tx) => {
        const user = await tx.user.create({
          data: { email, name },
          select: { id: true, sessionVersion: true },
        });
        await storePassword(tx, user.id, password, options);
        await tx.organization.create({ data: { id: organizationId, slug, name: organizationName } });
        await tx.membership.create({ data: { organizationId, userId: user.id, role: 'OWNER' } });
        await recordAuditEvent(tx, {
          organizationId,
          actorType: 'USER',
          actorId: user.id,
          action: 'organization.created',
          targetType: 'organization',
          targetId: organizationId,
          ip: meta.ip ?? null,
          requestId: meta.requestId ?? null,
          metadata: { via: 'sign_up' },
        });
        return { userId: user.id, organizationId, slug, sessionVersion: user.sessionVersion };
      });
      await recordSecurityEventSafely({
        action: 'auth.signed_up',
        userId: result.userId,
        ip: meta.ip,
        requestId: meta.requestId,
      });
      // The account exists either way; a lost email is sent again from the account page.
      await sendEmailVerification(result.userId).catch((error: unknown) =>
        getLogger().error({ err: error, requestId: meta.requestId }, 'verification email not sent'),
      );
      return result;
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        const target = JSON.stringify(error.meta ?? {});
        if (target.includes('email')) {
          throw new AppError(
            'CONFLICT',
            'An account with this email already exists. Sign in or reset your password.',
            {
              field: 'email',
            },
          );
        }
        if (attempt < 2) continue; // the slug was taken in between: pick another
      }
      throw error;
    }
  }
}
