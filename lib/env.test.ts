import { afterEach, describe, expect, it } from 'vitest';
import { e2eEnv } from '../tests/e2e/e2e-env.ts';
import { setTestEnv, snapshotTestEnv } from '../tests/helpers/test-env.ts';
import { getEnv } from './env.ts';

const restore = snapshotTestEnv();
afterEach(restore);

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
    const problems = () => {
      try {
        getEnv();
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    };
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
});
