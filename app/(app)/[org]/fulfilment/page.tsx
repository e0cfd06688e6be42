import { redirect } from 'next/navigation';

/** The fulfilment section opens on its first step, the pick lists. */
export default async function FulfilmentPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  redirect(`/${org}/fulfilment/pick-lists`);
}
