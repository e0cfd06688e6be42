// Pre-account takeover: an account fresh from sign-up has an unproven address, so it cannot accept
// an invitation or be reached through Google sign-in until the emailed link is opened (or a
// password reset proves the mailbox). Links are bound to the user and the address, expire, and
// a token of another kind is no link at all.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { appDb } from '../db/client.ts';
import { systemDb } from '../db/system.ts';
import type { TEmailMessage } from '../email/send-email.ts';
import { captureEmails } from '../../tests/helpers/emails.ts';
import { AppError } from '../errors/app-error.ts';
import { acceptInvitation } from '../members/accept-invitation.ts';
import { inviteMember } from '../members/invite-member.ts';
import { userContext } from '../tenancy/tenant-context.ts';
import { addMember, createOrganization, createUser, TEST_BCRYPT_COST } from '../../tests/factories.ts';
import { googleSignInAllowed } from './auth-options.ts';
import {
  EMAIL_VERIFICATION_HOURS,
  isEmailVerified,
  sendEmailVerification,
  verifyEmail,
} from './email-verification.ts';
import { requestPasswordReset, resetPassword } from './password-reset.ts';
import { LIMITS } from './rate-limits.ts';
import { encodeSessionToken } from './session-token.ts';
import { signUp } from './sign-up.ts';
import { disconnectLimitsRedis } from '../redis/limits-redis.ts';

const sent = captureEmails();
afterAll(disconnectLimitsRedis);

const opts = { cost: TEST_BCRYPT_COST };
const stamp = () => Math.random().toString(36).slice(2, 8);
const linkToken = (m: TEmailMessage) => /\/verify-email#token=([A-Za-z0-9._-]+)/.exec(m.text)?.[1] ?? '';
const verificationMails = (to: string) =>
  sent.filter((m) => m.to === to && m.kind === 'account.email_verification');
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e.code : e),
  );

async function signUpFresh() {
  const email = `vera-${stamp()}@shop.test`;
  const result = await signUp(
    {
      name: 'Vera Newcomer',
      email,
      password: 'violet tractor sings loudly',
      organizationName: `Vera ${stamp()}`,
    },
    { ip: '192.0.2.40' },
    opts,
  );
  return { ...result, email };
}

async function invitationFor(email: string) {
  const org = await createOrganization();
  const owner = await createUser();
  await addMember(org.id, owner.id, 'OWNER');
  await inviteMember(
    userContext({ organizationId: org.id, userId: owner.id, role: 'OWNER' }),
    { email, role: 'VIEWER' },
    org.name,
  );
  const mail = sent.find((m) => m.kind === 'member.invitation' && m.to === email)!;
  return { org, token: /#(inv_[A-Za-z0-9_-]{43})/.exec(mail.text)![1]! };
}

describe('email verification', () => {
  it('blocks invitations and Google linking until the emailed link is opened', async () => {
    const user = await signUpFresh();
    expect(await isEmailVerified(user.userId)).toBe(false);
    const [mail] = verificationMails(user.email);
    expect(mail?.text).toContain('/verify-email#token=');
    const { org, token } = await invitationFor(user.email);

    expect(await rejection(acceptInvitation(user.userId, { token }))).toBe('FORBIDDEN');
    expect(await googleSignInAllowed({ email_verified: true }, user.email)).toBe(false);

    await verifyEmail({ token: linkToken(mail!) }, { ip: '192.0.2.41' });
    expect(await isEmailVerified(user.userId)).toBe(true);
    expect(await googleSignInAllowed({ email_verified: true }, user.email)).toBe(true);
    expect(await acceptInvitation(user.userId, { token })).toEqual({ organizationSlug: org.slug });
    // Opening the link again changes nothing and records nothing more.
    await verifyEmail({ token: linkToken(mail!) });
    const events = await appDb().securityEvent.findMany({
      where: { userId: user.userId, action: 'auth.email_verified' },
    });
    expect(events).toHaveLength(1);
    // The link's token is not stored anywhere in the event.
    expect(JSON.stringify(events)).not.toContain(linkToken(mail!));
  });

  it('refuses a link for an address the account no longer has, a forged or foreign token, and an expired one', async () => {
    const user = await signUpFresh();
    const token = linkToken(verificationMails(user.email)[0]!);
    // The address changed after the link was sent: the link no longer proves anything.
    await systemDb().user.update({
      where: { id: user.userId },
      data: { email: `moved-${stamp()}@shop.test` },
    });
    expect(await rejection(verifyEmail({ token }))).toBe('GONE');

    const other = await createUser({ emailVerified: false });
    const session = await encodeSessionToken({
      sub: other.id,
      sv: 1,
      authTime: Math.floor(Date.now() / 1000),
      mfa: 'none',
    });
    expect(await rejection(verifyEmail({ token: session }))).toBe('GONE');
    const [header, payload] = token.split('.');
    expect(await rejection(verifyEmail({ token: `${header}.${payload}.AAAA` }))).toBe('GONE');
    expect(await rejection(verifyEmail({ token: 'not a token' }))).toBe('GONE');
    // A real link for `other`, opened a day and an hour later: expired. The same link in time works.
    await sendEmailVerification(other.id);
    const late = linkToken(verificationMails(other.email)[0]!);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + (EMAIL_VERIFICATION_HOURS + 1) * 3_600_000);
      expect(await rejection(verifyEmail({ token: late }))).toBe('GONE');
    } finally {
      vi.useRealTimers();
    }
    expect(await isEmailVerified(other.id)).toBe(false);
    await verifyEmail({ token: late });
    expect(await isEmailVerified(other.id)).toBe(true);
    expect(await isEmailVerified(user.userId)).toBe(false);
  });

  it('counts a completed password reset as proof of the mailbox', async () => {
    const user = await signUpFresh();
    await requestPasswordReset({ email: user.email }, { ip: '192.0.2.42' });
    const reset = sent.find((m) => m.kind === 'password.reset')!;
    const token = /#token=(pwr_[A-Za-z0-9_-]{43})/.exec(reset.text)![1]!;
    await resetPassword({ token, password: 'amber kettle hums at dawn' }, {}, opts);
    expect(await isEmailVerified(user.userId)).toBe(true);
  });

  it('sends new links on request, at most a few an hour, and none once verified', async () => {
    const user = await createUser({ emailVerified: false });
    for (let i = 0; i < LIMITS.verifyEmailAccount.points; i++) {
      expect(await sendEmailVerification(user.id)).toEqual({ sent: true });
    }
    expect(await rejection(sendEmailVerification(user.id))).toBe('RATE_LIMITED');
    expect(verificationMails(user.email)).toHaveLength(LIMITS.verifyEmailAccount.points);
    const verified = await createUser();
    expect(await sendEmailVerification(verified.id)).toEqual({ sent: false });
  });
});
