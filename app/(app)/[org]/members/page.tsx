import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
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
import { listMembers } from '@/lib/members/list-members.ts';
import { findOrganizationBySlug } from '@/lib/organizations/find-organization-by-slug.ts';
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
  const org = await findOrganizationBySlug(slug);
  if (!org) notFound();

  // TODO(auth): require a members-read permission here once sign-in lands.
  const page = await listMembers({
    organizationId: org.id,
    after: firstParam(query.after),
    before: firstParam(query.before),
  });

  return (
    <>
      <PageHeader
        title="Members"
        description={`People who can sign in to ${org.name}, and what they may do.`}
      />

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
                      <Badge tone={role.tone}>{role.label}</Badge>
                    </TableCell>
                    <TableCell align="right" numeric className="whitespace-nowrap text-ink-muted">
                      <time dateTime={member.joinedAt.toISOString()}>{joined.format(member.joinedAt)}</time>
                    </TableCell>
                  </TableRow>
                );
              })}
              {page.members.length === 0 ? (
                <tr>
                  <TableCell colSpan={4} className="py-8 text-center text-ink-muted">
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
