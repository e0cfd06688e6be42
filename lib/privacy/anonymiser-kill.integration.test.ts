// Kill the anonymiser mid-run (SIGKILL of the process running it): every batch it committed is
// whole, nothing is half-anonymised, and a rerun finishes the job.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { resetTenantKeys } from '../crypto/tenant-keys.ts';
import { systemDb } from '../db/system.ts';
import { createOrganization } from '../../tests/factories.ts';
import { createOrdersWithPii, daysBefore, privacyState } from '../../tests/factories/orders.ts';
import { memberContext } from '../../tests/helpers/contexts.ts';
import { childProcessEnv } from '../../tests/helpers/test-env.ts';
import { anonymiseDueOrders } from './anonymise-buyer-pii.ts';

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});
afterAll(() => resetTenantKeys());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function consistent(rows: Awaited<ReturnType<typeof privacyState>>): boolean {
  return rows.every((r) =>
    r.pii_status === 'ANONYMISED'
      ? r.anonymised && !r.has_ciphertext && !r.has_index
      : r.pii_status === 'STORED' && !r.anonymised && r.has_ciphertext && r.has_index,
  );
}

describe('anonymiser killed mid-run', () => {
  it('SIGKILL leaves only whole batches; the rerun finishes and nothing is half-anonymised', async () => {
    const org = await createOrganization();
    const manager = await memberContext(org.id, 'MANAGER');
    const now = new Date('2027-03-01T00:00:00.000Z');
    const total = 2_000;
    const orders = await createOrdersWithPii(
      manager,
      Array.from({ length: total }, (_, i) => ({ completedAt: daysBefore(now, 31 + (i % 50)) })),
    );
    const ids = orders.map((o) => o.id);

    child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/helpers/anonymiser-child.ts', org.id, now.toISOString()],
      {
        cwd: new URL('../..', import.meta.url).pathname,
        env: childProcessEnv({ LOG_LEVEL: 'silent' }),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise((resolve) => child!.once('exit', resolve));

    const deadline = Date.now() + 30_000;
    let done = 0;
    while (done < 300) {
      if (Date.now() > deadline) throw new Error(`the child never got going:\n${output}`);
      await sleep(20);
      done = await systemDb().order.count({ where: { organizationId: org.id, piiStatus: 'ANONYMISED' } });
    }
    child.kill('SIGKILL');
    await exited;
    child = undefined;

    const midway = await privacyState(ids);
    const erased = midway.filter((r) => r.pii_status === 'ANONYMISED').length;
    expect(erased).toBeGreaterThanOrEqual(300);
    expect(erased).toBeLessThan(total);
    expect(erased % 100).toBe(0); // whole batches only
    expect(consistent(midway)).toBe(true);

    const rerun = await anonymiseDueOrders(org.id, { now, batchSize: 500 });
    expect(rerun).toMatchObject({ anonymised: total - erased, left: 0 });
    const end = await privacyState(ids);
    expect(consistent(end)).toBe(true);
    expect(end.every((r) => r.pii_status === 'ANONYMISED')).toBe(true);
    expect(end.every((r) => r.lines === 1)).toBe(true);
  }, 90_000);
});
