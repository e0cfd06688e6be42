'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { Select } from '@/components/ui/select.tsx';
import {
  connectAmazonSelfAuthorizedAction,
  disconnectAmazonAction,
  startAmazonConsentAction,
  syncAmazonNowAction,
  updateAmazonSettingsAction,
} from './actions.ts';

const REGIONS = [
  { value: 'na', label: 'North America' },
  { value: 'eu', label: 'Europe' },
  { value: 'fe', label: 'Far East' },
];

function useAction() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (fn: () => Promise<{ ok: boolean; error?: { message: string } }>, after?: () => void) =>
    start(async () => {
      const result = await fn();
      if (!result.ok) {
        setError(result.error?.message ?? 'something went wrong');
        return;
      }
      setError(null);
      after?.();
      router.refresh();
    });
  return { pending, error, run };
}

function ErrorLine({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="text-sm text-red-700">
      {error}
    </p>
  ) : null;
}

export function ConnectAmazon({ orgSlug }: { orgSlug: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const self = useAction();

  function onConsent(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const region = String(new FormData(event.currentTarget).get('region') ?? 'na');
    start(async () => {
      const result = await startAmazonConsentAction(orgSlug, { region: region as 'na' });
      if (!result.ok) return setError(result.error.message);
      router.push(result.data.url);
    });
  }

  function onSelf(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    self.run(
      () =>
        connectAmazonSelfAuthorizedAction(orgSlug, {
          sellingPartnerId: String(data.get('sellingPartnerId') ?? '').trim(),
          region: String(data.get('region') ?? 'na') as 'na',
          refreshToken: String(data.get('refreshToken') ?? ''),
        }),
      () => form.reset(),
    );
  }

  return (
    <div className="grid gap-6 md:grid-cols-2">
      <form onSubmit={onConsent} className="space-y-3" aria-label="Connect with Amazon">
        <p className="text-sm text-ink-muted">Authorize Packline in Seller Central (recommended).</p>
        <div className="max-w-xs space-y-1.5">
          <Label htmlFor="consent-region">Region</Label>
          <Select id="consent-region" name="region" options={REGIONS} defaultValue="na" />
        </div>
        <Button type="submit" variant="primary" loading={pending}>
          Connect with Amazon
        </Button>
        <ErrorLine error={error} />
      </form>
      <form onSubmit={onSelf} className="space-y-3" aria-label="Connect with a refresh token">
        <p className="text-sm text-ink-muted">Private app: paste a refresh token from Seller Central.</p>
        <div className="space-y-1.5">
          <Label htmlFor="self-spid">Selling partner id</Label>
          <Input id="self-spid" name="sellingPartnerId" required maxLength={20} autoComplete="off" />
        </div>
        <div className="max-w-xs space-y-1.5">
          <Label htmlFor="self-region">Region</Label>
          <Select id="self-region" name="region" options={REGIONS} defaultValue="na" />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="self-token">Refresh token</Label>
          <Input id="self-token" name="refreshToken" type="password" required autoComplete="off" />
        </div>
        <Button type="submit" loading={self.pending}>
          Connect
        </Button>
        <ErrorLine error={self.error} />
      </form>
    </div>
  );
}

export function IntegrationControls({
  orgSlug,
  integrationId,
  ordersApiVersion,
  syncIntervalMinutes,
}: {
  orgSlug: string;
  integrationId: string;
  ordersApiVersion: string;
  syncIntervalMinutes: number;
}) {
  const sync = useAction();
  const settings = useAction();
  const disconnect = useAction();
  const [confirming, setConfirming] = useState(false);

  function onSettings(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    settings.run(() =>
      updateAmazonSettingsAction(orgSlug, {
        integrationId,
        ordersApiVersion: String(data.get('ordersApiVersion')) as 'V0',
        syncIntervalMinutes: Number(data.get('syncIntervalMinutes')),
      }),
    );
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <Button
          size="sm"
          variant="primary"
          loading={sync.pending}
          onClick={() => sync.run(() => syncAmazonNowAction(orgSlug, { integrationId }))}
        >
          Sync now
        </Button>
        {confirming ? (
          <>
            <Button
              size="sm"
              variant="danger"
              loading={disconnect.pending}
              onClick={() => disconnect.run(() => disconnectAmazonAction(orgSlug, { integrationId }))}
            >
              Yes, disconnect and delete the token
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </>
        ) : (
          <Button size="sm" variant="secondary" onClick={() => setConfirming(true)}>
            Disconnect
          </Button>
        )}
      </div>
      <ErrorLine error={sync.error ?? disconnect.error} />
      <form
        onSubmit={onSettings}
        className="flex flex-wrap items-end gap-3"
        aria-label="Integration settings"
      >
        <div className="space-y-1.5">
          <Label htmlFor={`v-${integrationId}`}>Orders API</Label>
          <Select
            id={`v-${integrationId}`}
            name="ordersApiVersion"
            defaultValue={ordersApiVersion}
            options={[
              { value: 'V0', label: 'v0 (until 2027-03-27)' },
              { value: 'V2026_01_01', label: '2026-01-01' },
            ]}
          />
        </div>
        <div className="w-32 space-y-1.5">
          <Label htmlFor={`i-${integrationId}`}>Every (minutes)</Label>
          <Input
            id={`i-${integrationId}`}
            name="syncIntervalMinutes"
            type="number"
            min={1}
            max={1440}
            defaultValue={syncIntervalMinutes}
          />
        </div>
        <Button type="submit" size="sm" loading={settings.pending}>
          Save
        </Button>
        <ErrorLine error={settings.error} />
      </form>
    </div>
  );
}
