'use client';

import { useParams } from 'next/navigation';
import { ArrowLeft, FileQuestion } from 'lucide-react';
import { ButtonLink } from '@/components/ui/button.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';

/**
 * A missing page inside an organization keeps the shell, so the way back is obvious. (A client
 * component only to read the organization slug: not-found files receive no params.)
 */
export default function OrganizationNotFound() {
  const params = useParams<{ org?: string }>();
  const home = params?.org ? `/${encodeURIComponent(params.org)}` : '/';
  return (
    <EmptyState
      icon={FileQuestion}
      title="Page not found"
      description="There is nothing at this address in this organization. Pick a section from the navigation."
      action={
        <ButtonLink href={home} variant="secondary">
          <ArrowLeft aria-hidden />
          Back to dashboard
        </ButtonLink>
      }
    />
  );
}
