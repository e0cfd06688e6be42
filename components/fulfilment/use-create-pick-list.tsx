'use client';
// Creating a pick list from a client screen (the pick-list page's order selection, the orders
// list's bulk action): calls the action (which revalidates the organization's screens), opens the
// new list when every order went on it, and otherwise keeps the orders the server left out, with
// why, for <PickListOutcome>. No router hook: the orders list also renders outside the app router
// (tests/pii-canary-pages.integration.test.ts).
import Link from 'next/link';
import { useState, useTransition } from 'react';
import { createPickListAction } from '@/app/(app)/[org]/fulfilment/pick-lists/actions.ts';
import type { TCreatePickListInput } from '@/lib/fulfilment/pick-list-schemas.ts';

const REASONS: Record<string, string> = {
  NOT_FOUND: 'not found',
  NOT_AWAITING_FULFILMENT: 'not awaiting fulfilment',
  ON_HOLD: 'on hold (order page)',
  ON_ANOTHER_PICK_LIST: 'already on an open pick list',
  NOT_ALLOCATED: 'no stock allocated in this warehouse',
  PARTIALLY_ALLOCATED: 'only partly allocated here',
};

interface Outcome {
  error: string | null;
  skipped: { label: string | null; reason: string }[];
  created: { id: string; number: string }[];
}

export function useCreatePickList(orgSlug: string) {
  const [pending, start] = useTransition();
  const [outcome, setOutcome] = useState<Outcome>({ error: null, skipped: [], created: [] });

  const create = (input: TCreatePickListInput) =>
    start(async () => {
      const result = await createPickListAction(orgSlug, input);
      if (!result.ok) {
        setOutcome({ error: result.error.message, skipped: [], created: [] });
        return;
      }
      const { pickLists, skipped } = result.data;
      const first = pickLists[0];
      if (first && skipped.length === 0) {
        // A full load: useRouter() would throw where the list renders outside the app router.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- see above
        window.location.assign(`/${orgSlug}/fulfilment/pick-lists/${first.id}`);
        return;
      }
      setOutcome({
        error: pickLists.length === 0 ? 'No pick list was created.' : null,
        skipped,
        created: pickLists.map((p) => ({ id: p.id, number: p.number })),
      });
    });

  return { pending, outcome, create };
}

/** The error, the lists created and the orders left out of the last creation. */
export function PickListOutcome({ orgSlug, outcome }: { orgSlug: string; outcome: Outcome }) {
  return (
    <>
      {outcome.error ? (
        <p role="alert" className="text-sm text-red-700">
          {outcome.error}
        </p>
      ) : null}
      {outcome.skipped.length > 0 ? (
        <div role="status" className="rounded border border-line p-3 text-sm">
          {outcome.created.length > 0 ? (
            <p>
              Created{' '}
              {outcome.created.map((p) => (
                <Link key={p.id} className="underline" href={`/${orgSlug}/fulfilment/pick-lists/${p.id}`}>
                  {p.number}
                </Link>
              ))}
              .
            </p>
          ) : null}
          <p className="font-medium">Left out:</p>
          <ul className="list-disc pl-5">
            {outcome.skipped.map((s, i) => (
              <li key={i}>
                {s.label ?? 'an order'} — {REASONS[s.reason] ?? s.reason}
              </li>
            ))}
          </ul>
          <Link className="underline" href={`/${orgSlug}/fulfilment/pick-lists`}>
            See pick lists
          </Link>
        </div>
      ) : null}
    </>
  );
}
