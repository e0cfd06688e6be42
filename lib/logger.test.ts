import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, REDACT_PATHS, REDACTED, REDACTED_KEYS, redactNested, TRUNCATED } from './logger.ts';

function memoryLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  const logger = createLogger({ level: 'trace', destination });
  return { logger, lines, text: () => lines.join('\n') };
}

// Each canary is unique so a hit names the leaking field.
const canary = (field: string) => `CANARY-${field}-7f3a`;

describe('logger redaction', () => {
  it('keeps every canary value out of the output, top level and nested', () => {
    const { logger, text } = memoryLogger();

    logger.info(
      {
        orderId: 'order-1',
        email: canary('email'),
        password: canary('password'),
        buyerName: canary('buyerName'),
        token: canary('token'),
      },
      'top level',
    );
    logger.info(
      {
        order: {
          id: 'order-2',
          buyerEmail: canary('buyerEmail'),
          buyerPhone: canary('buyerPhone'),
          shippingAddress: {
            name: canary('shipName'),
            addressLine1: canary('shipLine1'),
            city: canary('city'),
          },
        },
        user: { email: canary('userEmail'), passwordHash: canary('passwordHash') },
        credentials: { refreshToken: canary('refreshToken'), clientSecret: canary('clientSecret') },
      },
      'one level deep',
    );
    logger.info(
      {
        req: {
          headers: {
            authorization: canary('authorization'),
            cookie: canary('cookie'),
            'set-cookie': [canary('setCookie')],
            'x-amz-access-token': canary('amzToken'),
            'user-agent': 'vitest',
          },
        },
        orders: [{ email: canary('arrayEmail') }, { buyer: { email: canary('arrayBuyer') } }],
        body: {
          payload: { BuyerInfo: { BuyerEmail: canary('BuyerEmail'), BuyerName: canary('BuyerName') } },
        },
        response: { data: { ShippingAddress: { Phone: canary('Phone'), PostalCode: canary('PostalCode') } } },
        a: { b: { c: { phone: canary('deepPhone'), accessToken: canary('deepAccessToken') } } },
      },
      'nested',
    );
    logger
      .child({ requestId: 'req-123' })
      .warn(
        { integration: { refresh_token: canary('refresh_token'), secret: canary('secret') } },
        'child logger',
      );

    const out = text();
    expect(out).not.toMatch(/CANARY-/);
    // Redaction replaced, it did not drop: the keys are still visible for debugging.
    expect(out).toContain(REDACTED);
    expect(out).toContain('"orderId":"order-1"');
    expect(out).toContain('"id":"order-2"');
    expect(out).toContain('"user-agent":"vitest"');
  });

  it('redacts names, cities and regions at the top level and in SP-API-shaped addresses', () => {
    const { logger, text } = memoryLogger();
    logger.info({ name: canary('name'), city: canary('city'), region: canary('region') }, 'top');
    logger.info(
      {
        order: {
          DefaultShipFromLocationAddress: {
            Name: canary('Name'),
            City: canary('City'),
            StateOrRegion: canary('StateOrRegion'),
            CountryCode: 'GB',
          },
          recipient: { stateOrRegion: canary('stateOrRegion') },
        },
      },
      'nested',
    );
    const out = text();
    expect(out).not.toMatch(/CANARY-/);
    expect(out).toContain('"CountryCode":"GB"');
  });

  it('binds requestId on child loggers and keeps levels readable', () => {
    const { logger, lines } = memoryLogger();
    logger.child({ requestId: 'req-abc' }).info({ password: canary('pw') }, 'signed in');

    const line = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'info', requestId: 'req-abc', msg: 'signed in', password: REDACTED });
  });

  it('redacts headers of a logged request object', () => {
    const { logger, lines } = memoryLogger();
    logger.info({ headers: { Authorization: canary('Authorization'), Cookie: canary('Cookie') } }, 'req');
    const line = JSON.parse(lines[0] ?? '{}') as { headers: Record<string, string> };
    expect(line.headers).toEqual({ Authorization: REDACTED, Cookie: REDACTED });
  });

  it('redacts at any depth, in child bindings, and without mutating the logged object', () => {
    const { logger, text } = memoryLogger();
    const order = { id: 'o-1', lines: [{ sku: 'S', ship: { to: { contact: { email: canary('deep5') } } } }] };
    const snapshot = structuredClone(order);
    const parent = logger.child({
      integration: { id: 'i-1', credentials: { refreshToken: canary('binding') } },
    });
    parent
      .child({ job: { id: 'j-1', headers: { authorization: canary('grandchild') } } })
      .info({ order }, 'x');

    expect(text()).not.toMatch(/CANARY-/);
    expect(text()).toContain('"sku":"S"');
    // nested children keep their parents' bindings
    expect(text()).toContain('"id":"i-1"');
    expect(text()).toContain('"id":"j-1"');
    expect(order).toEqual(snapshot);
  });

  it('fails closed below the walk depth instead of logging an unwalked value', () => {
    let deep: Record<string, unknown> = { email: canary('bottom') };
    for (let i = 0; i < 12; i++) deep = { next: deep };
    expect(JSON.stringify(redactNested(deep))).not.toMatch(/CANARY-/);
    expect(JSON.stringify(redactNested(deep))).toContain(TRUNCATED);
  });

  it('leaves Errors to the err serializer', () => {
    const { logger, lines } = memoryLogger();
    logger.error({ err: Object.assign(new Error('boom'), { code: 'ECONNREFUSED' }) }, 'failed');
    const line = JSON.parse(lines[0] ?? '{}') as { err: Record<string, unknown> };
    expect(line.err).toMatchObject({ type: 'Error', message: 'boom', code: 'ECONNREFUSED' });
  });

  it('uses bracket notation for header names in the top-level pino paths', () => {
    expect(REDACT_PATHS).toHaveLength(REDACTED_KEYS.length);
    expect(REDACT_PATHS).toContain('["set-cookie"]');
    expect(REDACT_PATHS).toContain('email');
  });

  it('honours the level', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _e, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const logger = createLogger({ level: 'warn', destination });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines).toHaveLength(1);
  });
});
