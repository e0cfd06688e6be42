// Issue 3, "done when": no password, token, secret or TOTP seed appears in logs or audit events.
// Runs the identity flows with the process logger at trace level into memory, then searches the
// log lines, the security events and every organization's audit chain for each secret used.
import { Writable } from 'node:stream';
import { Secret, TOTP } from 'otpauth';
import { afterAll, describe, expect, it } from 'vitest';
import { appDb } from '../db/client.ts';
import { systemDb } from '../db/system.ts';
import { createLogger } from '../logger.ts';
import { setEmailTransportForTests, type TEmailMessage } from '../email/send-email.ts';
import {
  addMember,
  createOrganization,
  createUserWithPassword,
  TEST_BCRYPT_COST,
} from '../../tests/factories.ts';
import { authOptions } from './auth-options.ts';
import { changePassword } from './change-password.ts';
import { confirmMfaEnrolment, startMfaEnrolment, verifyMfaCode } from './mfa/mfa.ts';
import { requestPasswordReset, resetPassword } from './password-reset.ts';
import { encodeSessionToken } from './session-token.ts';
import { signInWithPassword } from './sign-in-with-password.ts';
import { disconnectLimitsRedis } from '../redis/limits-redis.ts';
import { dropProcessSingleton, processSingleton } from '../process-singleton.ts';

const lines: string[] = [];
const destination = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(chunk.toString());
    done();
  },
});
// The process logger of this file writes here, at every level.
dropProcessSingleton('logger');
processSingleton('logger', () => createLogger({ level: 'trace', destination }));
const sent: TEmailMessage[] = [];
setEmailTransportForTests({ send: async (m) => void sent.push(m) });
afterAll(async () => {
  setEmailTransportForTests(undefined);
  dropProcessSingleton('logger');
  await disconnectLimitsRedis();
});

describe('secrets stay out of logs and audit events', () => {
  it('across sign-in, lockout, reset, password change and MFA', async () => {
    const org = await createOrganization();
    const user = await createUserWithPassword();
    await addMember(org.id, user.id, 'OWNER');
    const secrets: string[] = [user.password, user.passwordHash!];
    const meta = { ip: '192.0.2.77', requestId: 'req-secrets' };

    for (let i = 0; i < 6; i++) {
      const wrong = `Wrong-Password-Attempt-${i}`;
      secrets.push(wrong);
      await signInWithPassword({ email: user.email, password: wrong }, meta);
    }
    await requestPasswordReset({ email: user.email }, meta);
    const token = /#token=(pwr_[A-Za-z0-9_-]+)/.exec(sent[0]!.text)![1]!;
    const afterReset = 'amber kettle hums at dawn';
    secrets.push(token, afterReset);
    await resetPassword({ token, password: afterReset }, meta, { cost: TEST_BCRYPT_COST });
    const changed = 'cedar kettle hums at dawn';
    secrets.push(changed);
    await changePassword(user.id, { currentPassword: afterReset, newPassword: changed }, meta, {
      cost: TEST_BCRYPT_COST,
    });

    const enrolment = await startMfaEnrolment(user.id);
    const seed = enrolment.secretForDisplay.replace(/\s/g, '');
    const code = TOTP.generate({ secret: Secret.fromBase32(seed), timestamp: Date.now() - 30_000 });
    secrets.push(seed);
    const { recoveryCodes } = await confirmMfaEnrolment(user.id, code, meta);
    secrets.push(...recoveryCodes);
    await verifyMfaCode(user.id, recoveryCodes[0]!, meta);
    await verifyMfaCode(user.id, '123456', meta).catch(() => undefined);

    // next-auth's own error logging (e.g. a bad session cookie) goes through our logger too.
    const session = await encodeSessionToken({
      sub: user.id,
      sv: 1,
      authTime: Math.floor(Date.now() / 1000),
      mfa: 'none',
    });
    secrets.push(session);
    authOptions.logger!.error!(
      'JWT_SESSION_ERROR',
      Object.assign(new Error(`bad token ${session}`), { name: 'JWTError' }),
    );

    const stored = JSON.stringify(
      [await appDb().securityEvent.findMany(), await systemDb().auditEvent.findMany()],
      (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
    );
    const logged = lines.join('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(stored).toContain('auth.lockout');
    expect(stored).toContain('auth.mfa_enabled');
    for (const secret of secrets) {
      expect(logged).not.toContain(secret);
      expect(stored).not.toContain(secret);
    }
    expect(stored).not.toContain(user.email);
  });
});
