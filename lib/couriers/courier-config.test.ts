// Where the adapters point: the simulator outside production, real URLs in production, overrides
// win, and production refuses the simulator unless a throwaway stack allows it.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { getEnv } from '../env.ts';
import { setTestEnv, snapshotTestEnv } from '../../tests/helpers/test-env.ts';
import { courierEndpoint, REAL_BASE_URLS } from './courier-config.ts';
import { ruleMatches, type RuleConditions } from './select-carrier-service.ts';
import { generateAuthSecrets } from '../../scripts/lib/dev-secrets.ts';

afterEach(snapshotTestEnv());

describe('courierEndpoint', () => {
  it('points every carrier at the simulator outside production; overrides win', () => {
    setTestEnv({
      NODE_ENV: 'test',
      COURIER_SIMULATOR_URL: 'http://127.0.0.1:4999/',
      DPD_API_URL: 'https://api.dpdlocal.co.uk',
    });
    expect(courierEndpoint('TEST')?.baseUrl).toBe('http://127.0.0.1:4999/test');
    expect(courierEndpoint('ROYAL_MAIL')?.baseUrl).toBe('http://127.0.0.1:4999/royal-mail/api/v1');
    expect(courierEndpoint('DHL')?.baseUrl).toBe('http://127.0.0.1:4999/dhl/mydhlapi');
    expect(courierEndpoint('DPD')?.baseUrl).toBe('https://api.dpdlocal.co.uk');
  });

  it('uses the real URLs without a simulator, where the TEST carrier does not exist', () => {
    const env = { ...getEnv(), COURIER_SIMULATOR_URL: undefined };
    expect(courierEndpoint('ROYAL_MAIL', env)?.baseUrl).toBe(REAL_BASE_URLS.ROYAL_MAIL);
    expect(courierEndpoint('DHL', env)?.baseUrl).toBe('https://express.api.dhl.com/mydhlapi');
    expect(courierEndpoint('TEST', env)).toBeNull();
  });

  it('production refuses the simulator unless explicitly allowed', () => {
    const pg = 'postgresql://u:p@db.example.com:5432/packline';
    setTestEnv({
      NODE_ENV: 'production',
      DATABASE_URL: pg,
      DATABASE_SYSTEM_URL: pg,
      DATABASE_OWNER_URL: pg,
      DATABASE_ADMIN_URL: pg,
      REDIS_URL: 'redis://redis.example.com:6379',
      APP_URL: 'https://packline.example.com',
      SMTP_URL: 'smtps://mailer:secret@smtp.example.com:465',
      ...generateAuthSecrets(),
      KEY_PROVIDER: 'local',
      LOCAL_MASTER_KEY: randomBytes(32).toString('base64'),
      LOCAL_KEY_PROVIDER_ALLOW_IN_PRODUCTION: 'true',
      COURIER_SIMULATOR_URL: 'http://127.0.0.1:4610',
    });
    expect(() => getEnv()).toThrow(/COURIER_SIMULATOR_URL: is for development and tests only/);
    setTestEnv({ COURIER_SIMULATOR_ALLOW_IN_PRODUCTION: 'true' });
    expect(getEnv().COURIER_SIMULATOR_URL).toBe('http://127.0.0.1:4610');
    setTestEnv({ COURIER_SIMULATOR_URL: undefined, COURIER_SIMULATOR_ALLOW_IN_PRODUCTION: undefined });
    expect(courierEndpoint('ROYAL_MAIL')?.baseUrl).toBe(REAL_BASE_URLS.ROYAL_MAIL);
    expect(courierEndpoint('TEST')).toBeNull();
  });
});

describe('ruleMatches', () => {
  const any: RuleConditions = {
    countryCodes: [],
    minWeightGrams: null,
    maxWeightGrams: null,
    maxValueMinor: null,
    valueCurrency: null,
    channel: null,
  };
  const parcel = {
    countryCode: 'gb',
    weightGrams: 1000,
    valueMinor: 5000,
    currency: 'gbp',
    channel: 'AMAZON' as const,
  };
  it('empty conditions match anything; each condition can exclude', () => {
    expect(ruleMatches(any, parcel)).toBe(true);
    expect(ruleMatches({ ...any, countryCodes: ['GB'] }, parcel)).toBe(true);
    expect(ruleMatches({ ...any, countryCodes: ['IE'] }, parcel)).toBe(false);
    expect(ruleMatches({ ...any, minWeightGrams: 1000, maxWeightGrams: 1000 }, parcel)).toBe(true);
    expect(ruleMatches({ ...any, minWeightGrams: 1001 }, parcel)).toBe(false);
    expect(ruleMatches({ ...any, maxWeightGrams: 999 }, parcel)).toBe(false);
    expect(ruleMatches({ ...any, maxValueMinor: 5000, valueCurrency: 'GBP' }, parcel)).toBe(true);
    expect(ruleMatches({ ...any, maxValueMinor: 4999, valueCurrency: 'GBP' }, parcel)).toBe(false);
    expect(ruleMatches({ ...any, maxValueMinor: 999_999, valueCurrency: 'EUR' }, parcel)).toBe(false);
    expect(ruleMatches({ ...any, channel: 'MANUAL' }, parcel)).toBe(false);
  });
});
