// The tenancy walls (ARCHITECTURE.md §2): RLS isolates tenants even when a query forgets its
// organizationId filter, fails closed without a tenant, and the app role cannot switch it off.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDb } from '../../lib/db/client.ts';
import { withTenant } from '../../lib/db/tenant.ts';
import { getEnv } from '../../lib/env.ts';
import { addMember, createOrganization, createUser } from '../factories.ts';
import { findTenancyViolations } from '../setup/tenancy-catalog.ts';
import { expectInvalidInput } from '../helpers/expect-error.ts';

let orgA: { id: string };
let orgB: { id: string };
let memberB: { id: string };

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

beforeAll(async () => {
  orgA = await createOrganization({ name: 'Alpha' });
  orgB = await createOrganization({ name: 'Bravo' });
  const user = await createUser();
  await addMember(orgA.id, user.id, 'OWNER');
  memberB = await addMember(orgB.id, (await createUser()).id, 'OWNER');
  await addMember(orgB.id, user.id, 'VIEWER');
});

describe('with a tenant context', () => {
  it('returns only that tenant’s rows to a query without any organizationId filter', async () => {
    const rows = await withTenant(orgA.id, (tx) => tx.membership.findMany());
    expect(rows).toHaveLength(1);
    expect(rows.every((m) => m.organizationId === orgA.id)).toBe(true);

    const raw = await withTenant(
      orgB.id,
      (tx) => tx.$queryRaw<{ organization_id: string }[]>`SELECT organization_id FROM memberships`,
    );
    expect(raw).toHaveLength(2);
    expect(raw.every((m) => m.organization_id === orgB.id)).toBe(true);

    const orgs = await withTenant(orgA.id, (tx) => tx.organization.findMany());
    expect(orgs.map((o) => o.id)).toEqual([orgA.id]);
  });

  it('cannot read, update or delete another tenant’s row by id', async () => {
    await withTenant(orgA.id, async (tx) => {
      expect(await tx.membership.findFirst({ where: { id: memberB.id } })).toBeNull();
      expect(
        (await tx.membership.updateMany({ where: { id: memberB.id }, data: { role: 'VIEWER' } })).count,
      ).toBe(0);
      expect((await tx.membership.deleteMany({ where: { id: memberB.id } })).count).toBe(0);
    });
    const still = await withTenant(orgB.id, (tx) => tx.membership.findFirst({ where: { id: memberB.id } }));
    expect(still?.role).toBe('OWNER');
  });

  it('cannot write a row that belongs to (references) another tenant', async () => {
    const user = await createUser();
    await expect(
      withTenant(
        orgA.id,
        (tx) =>
          tx.$executeRaw`INSERT INTO memberships (id, organization_id, user_id, role, updated_at)
                       VALUES (gen_random_uuid(), ${orgB.id}::uuid, ${user.id}::uuid, 'VIEWER', now())`,
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      withTenant(orgA.id, (tx) =>
        tx.membership.create({ data: { organizationId: orgB.id, userId: user.id, role: 'VIEWER' } }),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      withTenant(
        orgA.id,
        (tx) =>
          tx.$executeRaw`UPDATE memberships SET organization_id = ${orgB.id}::uuid WHERE organization_id = ${orgA.id}::uuid`,
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('refuses a tenant id that is not a uuid before touching the database', async () => {
    await expectInvalidInput(
      withTenant("x' OR true --", async () => 1),
      '',
    );
  });
});

describe('without a tenant context', () => {
  it('sees no tenant rows and cannot write any', async () => {
    expect(await appDb().organization.findMany()).toEqual([]);
    expect(await appDb().membership.findMany()).toEqual([]);
    expect(await appDb().auditEvent.count()).toBe(0);
    await expect(appDb().organization.create({ data: { name: 'Sneaky', slug: 'sneaky' } })).rejects.toThrow(
      /row-level security|permission denied/,
    );
  });

  it('fails closed on a pooled connection after a transaction-local tenant setting', async () => {
    const client = await connect(getEnv().DATABASE_URL);
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.organization_id', $1, true)`, [orgA.id]);
      expect((await client.query('SELECT id FROM organizations')).rowCount).toBe(1);
      await client.query('COMMIT');
      // The local setting now reads back as '' on this connection: still no rows, and no cast error.
      expect((await client.query(`SELECT current_setting('app.organization_id', true) AS v`)).rows[0].v).toBe(
        '',
      );
      expect((await client.query('SELECT id FROM organizations')).rowCount).toBe(0);
    } finally {
      await client.end();
    }
  });
});

describe('the app role', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = await connect(getEnv().DATABASE_URL);
  });
  afterAll(() => client.end());

  it('is neither superuser nor BYPASSRLS and owns no table', async () => {
    const { rows } = await client.query(
      `SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
    );
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
    const owned = await client.query(
      `SELECT relname FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) AND relkind IN ('r','p')`,
    );
    expect(owned.rows).toEqual([]);
  });

  it('cannot disable or bypass row-level security', async () => {
    await expect(client.query('ALTER TABLE memberships DISABLE ROW LEVEL SECURITY')).rejects.toThrow(/owner/);
    await expect(client.query('ALTER TABLE memberships NO FORCE ROW LEVEL SECURITY')).rejects.toThrow(
      /owner/,
    );
    await expect(client.query('DROP POLICY tenant_isolation ON memberships')).rejects.toThrow(/owner/);
    await client.query('SET row_security = off');
    await expect(client.query('SELECT * FROM memberships')).rejects.toThrow(/row-level security/);
    await client.query('RESET row_security');
    const owner = new URL(getEnv().DATABASE_OWNER_URL).username;
    await expect(client.query(`SET ROLE ${pg.escapeIdentifier(owner)}`)).rejects.toThrow(/permission denied/);
  });

  it('cannot change or delete audit events, even its own tenant’s', async () => {
    await expect(client.query('DELETE FROM audit_events')).rejects.toThrow(/permission denied/);
    await expect(client.query('TRUNCATE audit_events')).rejects.toThrow(/permission denied/);
  });
});

describe('the schema', () => {
  it('follows the tenancy rules: RLS forced on every tenant table, composite tenant foreign keys', async () => {
    const client = await connect(getEnv().DATABASE_OWNER_URL);
    try {
      expect(await findTenancyViolations(client)).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it('flags a tenant table without RLS and a foreign key that could cross tenants', async () => {
    const client = await connect(getEnv().DATABASE_OWNER_URL);
    try {
      await client.query(`
        CREATE SCHEMA rule_fixture;
        CREATE TABLE rule_fixture.parents (organization_id uuid NOT NULL, id uuid PRIMARY KEY, UNIQUE (organization_id, id));
        ALTER TABLE rule_fixture.parents ENABLE ROW LEVEL SECURITY;
        ALTER TABLE rule_fixture.parents FORCE ROW LEVEL SECURITY;
        CREATE POLICY p ON rule_fixture.parents USING (organization_id = app_current_organization_id());
        CREATE TABLE rule_fixture.children (organization_id uuid NOT NULL, id uuid PRIMARY KEY,
          parent_id uuid REFERENCES rule_fixture.parents (id));
        CREATE TABLE rule_fixture.notes (body text);`);
      expect(await findTenancyViolations(client, 'rule_fixture')).toEqual([
        'children.children_parent_id_fkey: foreign key to tenant table parents does not include organization_id',
        'children: has no row-level security policy',
        'children: row-level security is not enabled',
        'children: row-level security is not forced',
        'notes: has no organization_id and is not on the list of global tables',
      ]);
    } finally {
      await client.query('DROP SCHEMA IF EXISTS rule_fixture CASCADE');
      await client.end();
    }
  });
});
