// The system client bypasses row-level security, so every file that imports it is a reviewed
// call site (ARCHITECTURE.md §2). A new caller fails this test until it is added here on purpose.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, sourceFiles } from '../helpers/source-files.ts';

const REVIEWED = [
  'jobs/start-worker.ts', // closes the client at shutdown (no queries)
  'lib/api-clients/find-grant-credentials.ts', // token endpoint: a client by client_id / a refresh token by hash, before the tenant is known
  'lib/auth/list-user-organizations.ts', // a user's own memberships across organizations (switcher, sign-in), filtered by the session's user id
  'lib/channels/amazon/register-sync-schedulers.ts', // worker start: one sync scheduler per connected Amazon integration (ids and intervals only)
  'lib/channels/amazon/sweep-stock-pushes.ts', // fleet-wide sweep: ids of listings whose stock push is pending, to re-queue their tenant-scoped push jobs
  'lib/crypto/resume-reencryption.ts', // finds organizations with unfinished key rotations (ids only) to re-enqueue their jobs
  'lib/crypto/rewrap-data-keys.ts', // re-wraps every organization's data keys under a new KMS key (one pass, audited per organization)
  'lib/demo/seed-demo.ts', // creates the demo tenant before any tenant exists
  'lib/members/find-invitation-by-token.ts', // an invitation link's token hash → its organization, before the tenant is known
  'lib/operators/list-organizations-for-operator.ts', // operator console: organization names and status only, never tenant data
  'lib/organizations/find-organization-by-slug.ts', // resolves the URL's organization before the tenant is known
  'lib/privacy/delete-user-account.ts', // account deletion: the user's memberships across organizations (then removed per tenant) and the global users row
  'lib/privacy/list-retention-organizations.ts', // daily retention sweep: every organization's id, to enqueue one tenant-scoped retention job each
  'lib/privacy/termination-requests.ts', // hourly termination sweep: the requests past their grace period, across organizations (then claimed and run per tenant)
  'prisma/seed.ts', // disconnects the client after seeding
  'scripts/dev.ts', // disconnects the client after seeding
];

describe('system client call sites', () => {
  it('are only the reviewed ones', async () => {
    const files = (
      await Promise.all(['app', 'components', 'lib', 'jobs', 'scripts', 'prisma'].map(sourceFiles))
    ).flat();
    const callers: string[] = [];
    for (const file of files) {
      if (file === 'lib/db/system.ts') continue;
      if (/from ['"][^'"]*db\/system(\.ts)?['"]/.test(await readFile(path.join(ROOT, file), 'utf8')))
        callers.push(file);
    }
    expect(callers.sort()).toEqual(REVIEWED);
  });
});
