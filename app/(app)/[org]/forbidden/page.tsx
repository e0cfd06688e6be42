import type { Metadata } from 'next';
import { ShieldAlert } from 'lucide-react';
import { EmptyState } from '@/components/ui/empty-state.tsx';

export const metadata: Metadata = { title: 'Not allowed' };

// Where requireTenant sends a member who lacks a page's permission. Shows no organization data,
// so it needs no permission itself (and cannot loop back into requireTenant).
export default function ForbiddenPage() {
  return (
    <EmptyState
      icon={ShieldAlert}
      title="You don’t have access to this page"
      description="Your role in this organization does not include it. Ask an owner or admin if you need it."
    />
  );
}
