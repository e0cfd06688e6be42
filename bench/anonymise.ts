// npm run bench:anonymise [-- <orders> [<batch size>]] — throughput of the anonymiser (lib/privacy/
// anonymise-buyer-pii.ts) on N due orders (default 200 000), printed as orders/s and as a ratio
// to a raw SQL UPDATE of the same rows measured in the same run (the floor: one statement, no
// batching, no locking, no tenant transaction). Figures, not a pass/fail test; the aim is
// >= 20 000 orders/s.
//
// Runs on a scratch database migrated for the run and dropped after (needs the local PostgreSQL).
// The rows are generated in SQL with dummy bytea "ciphertexts": the anonymiser never decrypts, so
// the cost measured is the same as on real vault rows.
import { availableParallelism, loadavg } from 'node:os';
import pg from 'pg';
import { setupScratchDatabase } from '../tests/helpers/scratch-database.ts';

const N = Number(process.argv[2] ?? 200_000);
/** Default: the anonymiser's own batch size (read after the scratch database is set up). */
const BATCH_ARG = process.argv[3];
const ORG = '0193a000-0000-7000-8000-00000000a0a0';

async function main(): Promise<void> {
  const scratch = await setupScratchDatabase('bench_anonymise');
  const { getEnv } = await import('../lib/env.ts');
  const owner = new pg.Client({ connectionString: getEnv().DATABASE_OWNER_URL });
  const system = new pg.Client({ connectionString: getEnv().DATABASE_SYSTEM_URL });
  await Promise.all([owner.connect(), system.connect()]);
  try {
    process.stdout.write(`seeding ${N} due orders with vault records…\n`);
    await system.query(
      `INSERT INTO organizations (id, slug, name, updated_at) VALUES ($1, 'bench-anon', 'Bench', now())`,
      [ORG],
    );
    await system.query(
      `INSERT INTO pii_records (id, organization_id, owner_type, owner_id, key_version, name, address_line1, city,
                                postcode, phone, email, country_code, blind_index_key_version, email_index,
                                phone_index, postcode_index, updated_at)
       SELECT gen_random_uuid(), $1, 'order-recipient', 'o-' || i, 1,
              decode(md5('n' || i), 'hex'), decode(md5('a' || i), 'hex'), decode(md5('c' || i), 'hex'),
              decode(md5('p' || i), 'hex'), decode(md5('t' || i), 'hex'), decode(md5('e' || i), 'hex'), 'DE', 1,
              decode(md5('ei' || i), 'hex'), decode(md5('ti' || i), 'hex'), decode(md5('pi' || i), 'hex'), now()
         FROM generate_series(1, $2::int) AS i`,
      [ORG, N],
    );
    await system.query(
      `INSERT INTO orders (id, organization_id, channel, status, channel_status, fulfilment_channel, purchased_at,
                           channel_updated_at, pii_status, pii_record_id, completed_at, updated_at)
       SELECT gen_random_uuid(), $1, 'MANUAL', 'SHIPPED', 'Shipped', 'MERCHANT', now() - interval '60 days',
              now() - interval '40 days', 'STORED', r.id,
              now() - interval '40 days' + (row_number() OVER ()) * interval '1 millisecond', now()
         FROM pii_records r WHERE r.organization_id = $1`,
      [ORG],
    );
    await owner.query('VACUUM ANALYZE orders, pii_records');

    // Baseline: the same rows erased by two plain UPDATEs in one transaction, then rolled back.
    await system.query('BEGIN');
    const t0 = performance.now();
    await system.query(
      `UPDATE pii_records SET name = NULL, address_line1 = NULL, address_line2 = NULL, address_line3 = NULL,
              city = NULL, region = NULL, postcode = NULL, phone = NULL, email = NULL, email_index = NULL,
              phone_index = NULL, postcode_index = NULL, blind_index_key_version = NULL,
              anonymised_at = now(), updated_at = now()
        WHERE organization_id = $1`,
      [ORG],
    );
    await system.query(
      `UPDATE orders SET pii_status = 'ANONYMISED', updated_at = now() WHERE organization_id = $1`,
      [ORG],
    );
    const rawMs = performance.now() - t0;
    await system.query('ROLLBACK');
    await owner.query('VACUUM ANALYZE orders, pii_records');

    const { anonymiseDueOrders, ANONYMISE_DEFAULT_BATCH } =
      await import('../lib/privacy/anonymise-buyer-pii.ts');
    const BATCH = Number(BATCH_ARG ?? ANONYMISE_DEFAULT_BATCH);
    const t1 = performance.now();
    const result = await anonymiseDueOrders(ORG, { now: new Date(), batchSize: BATCH });
    const anonMs = performance.now() - t1;
    const { disconnectAppDb } = await import('../lib/db/client.ts');
    await disconnectAppDb();

    const rate = (ms: number) => Math.round((N / ms) * 1000);
    process.stdout.write(
      [
        `orders:            ${N} (anonymised ${result.anonymised} in ${result.batches} batches, left ${result.left})`,
        `raw SQL UPDATE:    ${rawMs.toFixed(0)} ms  ${rate(rawMs).toLocaleString('en')} orders/s`,
        `anonymiser:        ${anonMs.toFixed(0)} ms  ${rate(anonMs).toLocaleString('en')} orders/s`,
        `ratio (anon/raw):  ${(rawMs / anonMs).toFixed(2)}  (aim: >= 20 000 orders/s; batch ${BATCH})`,
        // Both figures move with machine load; the ratio is the comparable one.
        `machine:           ${availableParallelism()} CPUs, load average ${loadavg()[0]!.toFixed(1)}`,
        '',
      ].join('\n'),
    );
  } finally {
    await Promise.allSettled([owner.end(), system.end()]);
    await scratch.drop();
  }
}

await main();
