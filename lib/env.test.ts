import { afterEach, describe, expect, it } from 'vitest';
import { e2eEnv } from '../tests/e2e/e2e-env.ts';
import { setTestEnv, snapshotTestEnv } from '../tests/helpers/test-env.ts';
import { getEnv } from './env.ts';

const restore = snapshotTestEnv();
afterEach(restore);

/** The configuration errors getEnv reports, or '' when the environment is accepted. */
function problems(): string {
  try {
    getEnv();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('environment', () => {
  it('names every bad variable in one error', () => {
    setTestEnv({ DATABASE_URL: 'mysql://x', REDIS_URL: 'http://nope', DATABASE_POOL_SIZE: 'many' });
    expect(() => getEnv()).toThrow(
      /DATABASE_URL: must be a postgres[\s\S]*DATABASE_POOL_SIZE[\s\S]*REDIS_URL/,
    );
  });

  it('has working local defaults outside production', () => {
    setTestEnv({ NODE_ENV: 'development', DATABASE_URL: undefined, REDIS_URL: undefined });
    expect(getEnv()).toMatchObject({
      DATABASE_URL: expect.stringMatching(/^postgresql:\/\/packline_app/),
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
  });

  it('requires connection strings in production', () => {
    setTestEnv({
      NODE_ENV: 'production',
      DATABASE_URL: undefined,
      DATABASE_SYSTEM_URL: undefined,
      APP_URL: undefined,
    });
    expect(() => getEnv()).toThrow(/DATABASE_URL[\s\S]*DATABASE_SYSTEM_URL[\s\S]*APP_URL/);
  });

  it('refuses the SP-API simulator in production unless a throwaway test stack allows it', () => {
    // A complete production environment (the e2e stack's), so only the simulator rule can object.
    setTestEnv({
      ...e2eEnv(),
      NODE_ENV: 'production',
      AMAZON_SP_API_SIMULATOR: '127.0.0.1:4600',
      AMAZON_SP_API_CA_PATH: '/tmp/ca.pem',
    });
    expect(problems()).toMatch(/AMAZON_SP_API_SIMULATOR: is for development and tests only/);
    setTestEnv({ AMAZON_SP_API_SIMULATOR_ALLOW_IN_PRODUCTION: 'true' });
    expect(problems()).not.toContain('AMAZON_SP_API_SIMULATOR');
  });

  it('refuses loopback outbound URLs (OUTBOUND_ALLOW_LOOPBACK) in production only', () => {
    setTestEnv({ ...e2eEnv(), NODE_ENV: 'production', OUTBOUND_ALLOW_LOOPBACK: 'true' });
    expect(() => getEnv()).toThrow(/OUTBOUND_ALLOW_LOOPBACK: is for development and tests only/);
    setTestEnv({ OUTBOUND_ALLOW_LOOPBACK: 'false' });
    expect(getEnv().OUTBOUND_ALLOW_LOOPBACK).toBe(false);
    setTestEnv({ NODE_ENV: 'development', OUTBOUND_ALLOW_LOOPBACK: 'true' });
    expect(getEnv().OUTBOUND_ALLOW_LOOPBACK).toBe(true);
  });

  it('refuses a missing signing key or next-auth secret, and plain-http KMS or carrier endpoints, in production', () => {
    setTestEnv({ ...e2eEnv(), NODE_ENV: 'production' });
    expect(problems()).toBe('');
    setTestEnv({
      AUTH_PRIVATE_KEY: undefined,
      AUTH_SECRET: undefined,
      KMS_ENDPOINT: 'http://kms.internal:4599',
      DPD_API_URL: 'http://api.dpd.example',
      ROYAL_MAIL_API_URL: 'https://api.royalmail.example',
    });
    const message = problems();
    expect(message).toMatch(/AUTH_PRIVATE_KEY: is required in production/);
    expect(message).toMatch(/AUTH_SECRET: is required in production/);
    expect(message).toMatch(/KMS_ENDPOINT: must be an https:\/\/ URL in production/);
    expect(message).toMatch(/DPD_API_URL: must be an https:\/\/ URL in production/);
    expect(message).not.toContain('ROYAL_MAIL_API_URL');
    // The same settings are fine on a development machine.
    setTestEnv({ NODE_ENV: 'development' });
    expect(problems()).toBe('');
  });

  it('refuses production without SMTP_URL unless a throwaway test stack allows the outbox', () => {
    // The e2e stack's complete production environment, minus its outbox permission.
    setTestEnv({ ...e2eEnv(), NODE_ENV: 'production', EMAIL_OUTBOX_ALLOW_IN_PRODUCTION: undefined });
    expect(() => getEnv()).toThrow(/SMTP_URL: is required in production/);
    setTestEnv({ SMTP_URL: 'smtps://mailer:secret@smtp.example.com:465' });
    expect(getEnv().SMTP_URL).toBe('smtps://mailer:secret@smtp.example.com:465');
    setTestEnv({ SMTP_URL: undefined, EMAIL_OUTBOX_ALLOW_IN_PRODUCTION: 'true' });
    expect(getEnv().EMAIL_OUTBOX_ALLOW_IN_PRODUCTION).toBe(true);
  });

  it('never keeps security logs under 12 months', () => {
    setTestEnv({ SECURITY_LOG_RETENTION_MONTHS: '11' });
    expect(() => getEnv()).toThrow(/SECURITY_LOG_RETENTION_MONTHS/);
    setTestEnv({ SECURITY_LOG_RETENTION_MONTHS: '18' });
    expect(getEnv().SECURITY_LOG_RETENTION_MONTHS).toBe(18);
  });
});
