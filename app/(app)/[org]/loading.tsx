import { LoadingRegion, Skeleton, TableSkeleton } from '@/components/ui/skeleton.tsx';

export default function OrganizationLoading() {
  return (
    <LoadingRegion label="Loading page…">
      <div className="mb-6 space-y-2">
        <Skeleton className="h-6 w-48" />
        <Skeleton className="h-4 w-80 max-w-full" />
      </div>
      <TableSkeleton />
    </LoadingRegion>
  );
}
