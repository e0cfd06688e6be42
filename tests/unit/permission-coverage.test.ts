// Every route handler (`app/**/route.ts`) and every server action (`'use server'` files, and inline
// `'use server'` functions) must declare a permission through the wrappers of issue 3, item 5:
//   export const GET = withTenantRoute(handler, { permission: 'members.read', … })
//   export const doThing = tenantAction(ZSchema, 'members.update', fn)
//   export const doOperatorThing = operatorAction(ZSchema, 'operator.organizations.suspend', fn)
// — or be on the commented allow-list below, which is the complete list of endpoints reachable
// without an organization permission. The permission named must exist in lib/auth/permissions.ts.
// The check reads the source (no imports), so a new file fails here before anyone calls it.
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../lib/auth/permissions.ts';
import { OPERATOR_PERMISSIONS } from '../../lib/auth/operator-action.ts';
import {
  analyseExports,
  hasUseServerDirective,
  readSource,
  routeHandlers,
  sourceFiles,
  type Finding,
} from '../helpers/app-surface.ts';

/** Route handlers reachable without a tenant permission: `<file>#<METHOD>` → why. */
const PUBLIC_ROUTES: Record<string, string> = {
  // Load balancer / monitoring probe: statuses and timings only (lib/health/check-health.ts).
  'app/api/health/route.ts#GET': 'health',
  // next-auth's own endpoints (sign-in, callback, CSRF, session, sign-out): authentication itself.
  'app/api/auth/[...nextauth]/route.ts#GET': 'auth',
  'app/api/auth/[...nextauth]/route.ts#POST': 'auth',
  // Public keys for verifying our tokens: public by definition.
  'app/.well-known/jwks.json/route.ts#GET': 'jwks',
  // OAuth token endpoint: where an API client authenticates (client secret / refresh token), rate-limited.
  'app/api/v1/auth/token/route.ts#POST': 'token',
  // Amazon's OAuth redirect URI: checks the signed state's signature only and redirects to the
  // organization's callback page (requireTenant + integrations.manage there); reads/writes nothing.
  'app/api/integrations/amazon/callback/route.ts#GET': 'amazon oauth redirect',
  // The signed-in person's own data (session checked in the route; their rows only).
  'app/account/data/route.ts#GET': 'own account',
};

/** Server actions reachable without a tenant permission: `<file>#<export>` → why. */
const PUBLIC_ACTIONS: Record<string, string> = {
  // Shows only the organization name and role an invitation token is for (token = the secret).
  'app/invitations/accept/actions.ts#previewInvitationAction': 'invitation preview',
  // Needs a signed-in user whose email matches the invitation; checked inside (not yet a member).
  'app/invitations/accept/actions.ts#acceptInvitationAction': 'invitation accept',
  // Operator console sign-in (password + TOTP) and sign-out of the operator's own session.
  'app/operator/actions.ts#operatorSignInAction': 'operator auth',
  'app/operator/actions.ts#operatorSignOutAction': 'operator auth',
  // Account (identity) actions: no organization involved. Public ones are rate-limited inside
  // lib/auth (sign-up and reset per IP + honeypot; reset per account; the reset token is the secret).
  'app/(auth)/sign-up/actions.ts#submitSignUp': 'sign-up',
  'app/(auth)/reset-password/actions.ts#submitResetRequest': 'reset request',
  'app/(auth)/reset-password/actions.ts#submitNewPassword': 'reset with link',
  // Email verification: the link's signed token (bound to user and address) is the secret; a new
  // link goes only to the signed-in user's own address, limited per user.
  'app/(auth)/verify-email/actions.ts#submitVerifyEmail': 'verify with link',
  'app/(auth)/verify-email/actions.ts#submitResendVerification': 'own account',
  // The pending-MFA session cookie authorises the challenge (getPendingMfaSession), rate-limited.
  'app/(auth)/sign-in/mfa/actions.ts#submitMfaChallenge': 'MFA challenge',
  // The signed-in user's own account: each checks the session (getSessionClaims) and acts on that user only.
  'app/account/security/actions.ts#submitChangePassword': 'own account',
  'app/account/security/actions.ts#submitStartMfa': 'own account',
  'app/account/security/actions.ts#submitConfirmMfa': 'own account',
  'app/account/security/actions.ts#submitDisableMfa': 'own account',
  'app/account/security/actions.ts#submitRegenerateCodes': 'own account',
  'app/account/security/actions.ts#submitSignOutEverywhere': 'own account',
  'app/account/actions.ts#submitDeleteAccount': 'own account',
  'app/account/security/actions.ts#submitReauthenticate': 'own account',
};

const tenantPermissions = new Set<string>(PERMISSIONS);
const operatorPermissions = new Set<string>(OPERATOR_PERMISSIONS);

function problemsOf(file: string, finding: Finding, kind: 'route' | 'action'): string | null {
  const key = `${file}#${finding.name}`;
  const allowed = kind === 'route' ? PUBLIC_ROUTES[key] : PUBLIC_ACTIONS[key];
  if (!finding.wrapper) {
    return allowed
      ? null
      : `${key}: not wrapped in ${kind === 'route' ? 'withTenantRoute' : 'tenantAction/operatorAction'} and not on the public allow-list`;
  }
  if (allowed) return `${key}: wrapped but also allow-listed (remove it from the allow-list)`;
  if (kind === 'route' && finding.wrapper !== 'withTenantRoute')
    return `${key}: route handlers use withTenantRoute`;
  const valid = finding.wrapper === 'operatorAction' ? operatorPermissions : tenantPermissions;
  if (!finding.permission || !valid.has(finding.permission)) {
    return `${key}: declares no known permission (${finding.permission ?? 'none found'})`;
  }
  return null;
}

describe('permission coverage of routes and server actions', () => {
  it('every route handler declares a permission or is allow-listed as public', async () => {
    const routes = await routeHandlers();
    expect(routes.length).toBeGreaterThan(0);
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const { key, file, finding } of routes) {
      seen.add(key);
      const problem = problemsOf(file, finding, 'route');
      if (problem) problems.push(problem);
    }
    for (const key of Object.keys(PUBLIC_ROUTES)) {
      if (!seen.has(key)) problems.push(`${key}: allow-listed but no such route (remove it)`);
    }
    expect(problems).toEqual([]);
  });

  it('every server action declares a permission or is allow-listed as public', async () => {
    const sources = [
      ...(await sourceFiles('app', (n) => /\.(ts|tsx)$/.test(n))),
      ...(await sourceFiles('components', (n) => /\.(ts|tsx)$/.test(n))),
      ...(await sourceFiles('lib', (n) => /\.(ts|tsx)$/.test(n) && !/\.test\.tsx?$/.test(n))),
    ];
    const problems: string[] = [];
    let actionFiles = 0;
    for (const file of sources) {
      const source = await readSource(file);
      if (hasUseServerDirective(source)) {
        actionFiles++;
        for (const f of analyseExports(source)) {
          const problem = problemsOf(file, f, 'action');
          if (problem) problems.push(problem);
        }
      } else if (/['"]use server['"]/.test(source)) {
        // Inline server actions inside components escape the wrappers: move them to an actions file.
        problems.push(
          `${file}: inline 'use server' function (put actions in a 'use server' file with tenantAction)`,
        );
      }
    }
    expect(actionFiles).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('the analyser itself catches unwrapped and mis-declared exports', () => {
    const bad = analyseExports(`'use server';
export async function naked() {}
export const wrongPerm = tenantAction(ZX, 'members.fly', fn);
export const ok = tenantAction(ZX, 'members.read', async ({ ctx }) => {
  return 1;
});
export { naked as alias };
export default async function () {}`);
    expect(bad.map((f) => [f.name, f.wrapper ?? null, f.permission ?? null])).toEqual([
      ['naked', null, null],
      ['wrongPerm', 'tenantAction', 'members.fly'],
      ['ok', 'tenantAction', 'members.read'],
      ['alias', null, null],
      ['default', null, null],
    ]);
    expect(problemsOf('x.ts', bad[1]!, 'action')).toMatch(/no known permission/);
    expect(problemsOf('x.ts', bad[2]!, 'action')).toBeNull();
    const route =
      analyseExports(`export const GET = withTenantRoute(async () => ({}), { permission: 'members.read' });
export async function POST() {}`);
    expect(problemsOf('r.ts', route[0]!, 'route')).toBeNull();
    expect(problemsOf('r.ts', route[1]!, 'route')).toMatch(/not wrapped/);
    expect(hasUseServerDirective(`// comment\n'use server';\nexport const a = 1;`)).toBe(true);
    expect(hasUseServerDirective(`import x from 'y';\n'use server';`)).toBe(false);
  });
});
