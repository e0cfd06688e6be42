import { ArrowLeft } from 'lucide-react';
import { ButtonLink } from '@/components/ui/button.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import type { NavItem } from './nav-items.ts';
import { PageHeader } from './page-header.tsx';

/** The tidy stand-in for a section whose screen is not built yet. */
export function ComingSoon({ item, orgSlug }: { item: NavItem; orgSlug: string }) {
  return (
    <>
      <PageHeader title={item.label} description={item.description} />
      <EmptyState
        icon={item.icon}
        title={`${item.label} is coming soon`}
        description="This part of Packline is being built. Everything else in the sidebar that is ready works today."
        action={
          <ButtonLink href={`/${orgSlug}`} variant="secondary">
            <ArrowLeft aria-hidden />
            Back to dashboard
          </ButtonLink>
        }
      />
    </>
  );
}
