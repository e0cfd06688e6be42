'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button.tsx';
import { Field } from '@/components/ui/field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import {
  plantPiiCanaryAction,
  removeSecurityWebhookAction,
  saveSecurityWebhookAction,
} from './webhook-actions.ts';

export function WebhookSettingsForm({ orgSlug, url }: { orgSlug: string; url: string | null }) {
  const [values, setValues] = useState({ url: url ?? '', secret: '' });
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const router = useRouter();
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await saveSecurityWebhookAction(orgSlug, values);
          if (result.ok) {
            toast({ title: 'Webhook saved', tone: 'success' });
            setValues({ ...values, secret: '' });
            router.refresh();
          } else toast({ title: 'Not saved', description: result.error.message, tone: 'error' });
        });
      }}
    >
      <Field
        label="Webhook URL"
        hint="Alerts are POSTed here as JSON. A public https:// address: private, loopback and cloud-metadata addresses are refused."
      >
        {(p) => (
          <Input
            {...p}
            type="url"
            name="url"
            required
            value={values.url}
            onChange={(e) => setValues({ ...values, url: e.target.value })}
            placeholder="https://alerts.example.com/packline"
          />
        )}
      </Field>
      <Field
        label="Signing secret"
        hint={
          url
            ? 'Leave empty to keep the current secret. It is stored encrypted and never shown again.'
            : 'At least 32 characters; your receiver checks the Packline-Signature header with it.'
        }
      >
        {(p) => (
          <Input
            {...p}
            type="password"
            name="secret"
            autoComplete="off"
            required={!url}
            value={values.secret}
            onChange={(e) => setValues({ ...values, secret: e.target.value })}
          />
        )}
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" loading={pending}>
          {url ? 'Save webhook' : 'Add webhook'}
        </Button>
        {url ? (
          <Button
            type="button"
            disabled={pending}
            onClick={() =>
              start(async () => {
                const result = await removeSecurityWebhookAction(orgSlug, {});
                if (result.ok) {
                  toast({ title: 'Webhook removed', tone: 'success' });
                  setValues({ url: '', secret: '' });
                  router.refresh();
                } else toast({ title: 'Not removed', description: result.error.message, tone: 'error' });
              })
            }
          >
            Remove webhook
          </Button>
        ) : null}
      </div>
    </form>
  );
}

export function PlantCanaryButton({ orgSlug }: { orgSlug: string }) {
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const router = useRouter();
  return (
    <Button
      loading={pending}
      onClick={() =>
        start(async () => {
          const result = await plantPiiCanaryAction(orgSlug, {});
          if (result.ok) {
            toast({ title: 'Canary record planted', tone: 'success' });
            router.refresh();
          } else toast({ title: 'Not planted', description: result.error.message, tone: 'error' });
        })
      }
    >
      Plant a canary record
    </Button>
  );
}
