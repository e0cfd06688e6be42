// Password reset and change: the same answer for unknown emails, a single-use expiring link whose
// token is stored only hashed, history (no reuse of the last 10), and every session revoked.
import { afterAll, describe, expect, it } from 'vitest';
import { appDb } from '../db/client.ts';
import { systemDb } from '../db/system.ts';
import type { TEmailMessage } from '../email/send-email.ts';
import { captureEmails } from '../../tests/helpers/emails.ts';
import { createUserWithPassword, TEST_BCRYPT_COST } from '../../tests/factories.ts';
import { changePassword, signOutEverywhere } from './change-password.ts';
import { requestPasswordReset, resetPassword } from './password-reset.ts';
import { signInWithPassword } from './sign-in-with-password.ts';
import { disconnectLimitsRedis } from '../redis/limits-redis.ts';

const sent = captureEmails();
afterAll(disconnectLimitsRedis);

const opts = { cost: TEST_BCRYPT_COST };
const tokenFrom = (m: TEmailMessage) => /#token=(pwr_[A-Za-z0-9_-]{43})/.exec(m.text)?.[1] ?? '';

describe('password reset', () => {
  it('emails a one-time link for a real account and nothing for an unknown one, answering the same', async () => {
    const user = await createUserWithPassword();
    await expect(
      requestPasswordReset({ email: 'nobody@example.test' }, { ip: '192.0.2.10' }),
    ).resolves.toBeUndefined();
    expect(sent).toHaveLength(0);
    await expect(requestPasswordReset({ email: user.email }, { ip: '192.0.2.10' })).resolves.toBeUndefined();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: user.email, kind: 'password.reset' });
    const token = tokenFrom(sent[0]!);
    expect(token).toMatch(/^pwr_/);
    // Stored hashed only.
    const rows = JSON.stringify(await appDb().passwordResetToken.findMany({ where: { userId: user.id } }));
    expect(rows).not.toContain(token.slice(4));
  });

  it('sets the new password once, revokes sessions, and refuses the link a second time', async () => {
    const user = await createUserWithPassword();
    await requestPasswordReset({ email: user.email }, { ip: '192.0.2.11' });
    const token = tokenFrom(sent[0]!);
    const newPassword = 'amber kettle hums at dawn';
    await resetPassword({ token, password: newPassword }, {}, opts);
    const after = await appDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.sessionVersion).toBe(2);
    expect(
      await signInWithPassword({ email: user.email, password: newPassword }, { ip: '192.0.2.12' }),
    ).toMatchObject({ ok: true });
    await expect(
      resetPassword({ token, password: 'another fine passphrase' }, {}, opts),
    ).rejects.toMatchObject({ code: 'GONE' });
  });

  it('refuses expired and malformed links, and a password used recently', async () => {
    const user = await createUserWithPassword();
    await requestPasswordReset({ email: user.email }, { ip: '192.0.2.13' });
    const token = tokenFrom(sent[0]!);
    await expect(resetPassword({ token, password: user.password }, {}, opts)).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
      details: expect.objectContaining({ issues: ['reused'] }),
    });
    await systemDb().passwordResetToken.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expect(
      resetPassword({ token, password: 'amber kettle hums at dawn' }, {}, opts),
    ).rejects.toMatchObject({ code: 'GONE' });
    await expect(
      resetPassword({ token: 'nope', password: 'amber kettle hums at dawn' }, {}, opts),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('sends at most 3 emails an hour to one account, still answering the same', async () => {
    const user = await createUserWithPassword();
    for (let i = 0; i < 5; i++) await requestPasswordReset({ email: user.email }, { ip: '192.0.2.14' });
    expect(sent).toHaveLength(3);
  });
});

describe('change password', () => {
  it('needs the current password, keeps 10 in history and refuses their reuse', async () => {
    const user = await createUserWithPassword();
    await expect(
      changePassword(
        user.id,
        { currentPassword: 'wrong one!', newPassword: 'amber kettle hums at dawn' },
        {},
        opts,
      ),
    ).rejects.toMatchObject({ details: { field: 'currentPassword' } });
    const words = [
      'amber',
      'birch',
      'cedar',
      'delta',
      'ember',
      'fjord',
      'grove',
      'haven',
      'inlet',
      'juniper',
      'kestrel',
    ];
    let current = user.password;
    for (const w of words) {
      const next = `${w} kettle hums at dawn`;
      await changePassword(user.id, { currentPassword: current, newPassword: next }, {}, opts);
      current = next;
    }
    expect(await appDb().passwordHistory.count({ where: { userId: user.id } })).toBe(10);
    await expect(
      changePassword(
        user.id,
        { currentPassword: current, newPassword: 'cedar kettle hums at dawn' },
        {},
        opts,
      ),
    ).rejects.toMatchObject({
      details: expect.objectContaining({ field: 'newPassword', issues: ['reused'] }),
    });
    // The original password fell out of the last 10 and may come back.
    await expect(
      changePassword(user.id, { currentPassword: current, newPassword: user.password }, {}, opts),
    ).resolves.toMatchObject({ sessionVersion: 13 });
  });

  it('"sign out everywhere" raises the session version', async () => {
    const user = await createUserWithPassword();
    await signOutEverywhere(user.id);
    expect((await appDb().user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(2);
    const events = await appDb().securityEvent.findMany({ where: { userId: user.id } });
    expect(events.map((e) => e.action)).toContain('auth.signed_out_everywhere');
  });
});
