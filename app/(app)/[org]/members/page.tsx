import type { Metadata } from 'next';
import { Users } from 'lucide-react';
import { Badge, type BadgeTone } from '@/components/ui/badge.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { KeysetPager } from '@/components/ui/keyset-pager.tsx';
import {
  Table,
  TableBody,
  TableCell,
  TableFooter,
  TableHead,
  TableHeaderCell,
  TableRow,
} from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { initials } from '@/components/shell/initials.ts';
import type { MembershipRole } from '@/lib/db/generated/prisma/client.ts';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { holds, requireTenant } from '@/lib/auth/require-tenant.ts';
import { listMembers } from '@/lib/members/list-members.ts';
import { listPendingInvitations } from '@/lib/members/list-invitations.ts';
import { InviteForm } from './invite-form.tsx';
import {
  LeaveOrganizationButton,
  MemberButtons,
  MemberRoleSelect,
  RevokeInvitationButton,
} from './member-actions.tsx';
import { firstParam, type SearchParamsRecord } from '@/lib/pagination/pager-href.ts';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Members' };

const roles: Record<MembershipRole, { label: string; tone: BadgeTone }> = {
  OWNER: { label: 'Owner', tone: 'accent' },
  ADMIN: { label: 'Admin', tone: 'info' },
  MANAGER: { label: 'Manager', tone: 'neutral' },
  WAREHOUSE: { label: 'Warehouse', tone: 'neutral' },
  VIEWER: { label: 'Viewer', tone: 'neutral' },
};

const joined = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

export default async function MembersPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<SearchParamsRecord>;
}) {
  const [{ org: slug }, query] = await Promise.all([params, searchParams]);
  const tenant = await requireTenant(slug, 'members.read');
  const org = tenant.organization;
  const canInvite = holds(tenant, 'members.invite');
  const canUpdate = holds(tenant, 'members.update');
  const canRemove = holds(tenant, 'members.remove');
  const isOwner = tenant.ctx.role === 'OWNER';
  // Only an owner may grant the owner role (lib/members/owner-guard.ts).
  const roleOptions = (Object.keys(roles) as MembershipRole[])
    .filter((r) => isOwner || r !== 'OWNER')
    .map((r) => ({ value: r, label: roles[r].label }));
  const [page, invitations] = await Promise.all([
    listMembers({
      organizationId: org.id,
      after: firstParam(query.after),
      before: firstParam(query.before),
    }),
    canInvite ? listPendingInvitations(tenant.ctx) : Promise.resolve([]),
  ]);

  return (
    <>
      <PageHeader
        title="Members"
        description={`People who can sign in to ${org.name}, and what they may do.`}
        actions={
          tenant.ctx.actor.type === 'USER' ? (
            <LeaveOrganizationButton orgSlug={org.slug} orgName={org.name} />
          ) : null
        }
      />

      {canInvite ? (
        <Card className="mb-6">
          <CardHeader
            title="Invite a member"
            description="They get a single-use link by email, valid for 7 days."
          />
          <div className="p-4">
            <InviteForm orgSlug={org.slug} roles={roleOptions} />
          </div>
          {invitations.length > 0 ? (
            <ul aria-label="Pending invitations" className="divide-y divide-line border-t border-line">
              {invitations.map((inv) => (
                <li key={inv.id} className="flex items-center justify-between gap-3 px-4 py-2 text-sm">
                  <span className="truncate">
                    {inv.email} <span className="text-ink-subtle">· {roles[inv.role].label} · pending</span>
                  </span>
                  <RevokeInvitationButton orgSlug={org.slug} invitationId={inv.id} email={inv.email} />
                </li>
              ))}
            </ul>
          ) : null}
        </Card>
      ) : null}

      {page.members.length === 0 && !page.prevCursor ? (
        <EmptyState
          icon={Users}
          title="No members yet"
          description="Members appear here once people are invited to this organization."
        />
      ) : (
        <>
          <Table caption={`Members of ${org.name}`}>
            <TableHead>
              <tr>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell className="max-sm:hidden">Email</TableHeaderCell>
                <TableHeaderCell>Role</TableHeaderCell>
                <TableHeaderCell align="right">Joined</TableHeaderCell>
                {canUpdate || canRemove ? <TableHeaderCell align="right">Actions</TableHeaderCell> : null}
              </tr>
            </TableHead>
            <TableBody>
              {page.members.map((member) => {
                const role = roles[member.role];
                return (
                  <TableRow key={member.membershipId}>
                    <TableCell>
                      <div className="flex items-center gap-2.5">
                        <span
                          aria-hidden
                          className="flex size-6 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-[10px] font-semibold text-ink-muted"
                        >
                          {initials(member.name || member.email)}
                        </span>
                        <div className="min-w-0">
                          <p className="truncate font-medium text-ink">{member.name}</p>
                          <p className="truncate text-xs text-ink-subtle sm:hidden">{member.email}</p>
                        </div>
                      </div>
                    </TableCell>
                    <TableCell className="text-ink-muted max-sm:hidden">{member.email}</TableCell>
                    <TableCell>
                      {canUpdate && (isOwner || member.role !== 'OWNER') ? (
                        <MemberRoleSelect
                          orgSlug={org.slug}
                          membershipId={member.membershipId}
                          role={member.role}
                          name={member.name}
                          roles={roleOptions}
                        />
                      ) : (
                        <Badge tone={role.tone}>{role.label}</Badge>
                      )}
                      {member.disabled ? (
                        <Badge tone="neutral" className="ml-2">
                          Disabled
                        </Badge>
                      ) : null}
                    </TableCell>
                    <TableCell align="right" numeric className="whitespace-nowrap text-ink-muted">
                      <time dateTime={member.joinedAt.toISOString()}>{joined.format(member.joinedAt)}</time>
                    </TableCell>
                    {canUpdate || canRemove ? (
                      <TableCell align="right">
                        {member.userId !== tenant.ctx.actor.id && (isOwner || member.role !== 'OWNER') ? (
                          <MemberButtons
                            orgSlug={org.slug}
                            membershipId={member.membershipId}
                            name={member.name}
                            disabled={member.disabled}
                            canUpdate={canUpdate}
                            canRemove={canRemove}
                          />
                        ) : null}
                      </TableCell>
                    ) : null}
                  </TableRow>
                );
              })}
              {page.members.length === 0 ? (
                <tr>
                  <TableCell
                    colSpan={canUpdate || canRemove ? 5 : 4}
                    className="py-8 text-center text-ink-muted"
                  >
                    No more members on this page.
                  </TableCell>
                </tr>
              ) : null}
            </TableBody>
          </Table>
          <TableFooter>
            <p>{page.members.length === 1 ? '1 member' : `${page.members.length} members`} on this page</p>
            <KeysetPager
              pathname={`/${org.slug}/members`}
              searchParams={query}
              prevCursor={page.prevCursor}
              nextCursor={page.nextCursor}
              label="Members pages"
            />
          </TableFooter>
        </>
      )}
    </>
  );
}
