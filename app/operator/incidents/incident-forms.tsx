'use client';
// The incident register's forms (operator console). Times are entered in UTC: the browser's
// datetime-local value gets a Z, so what the operator types is what the register stores.
import { useRouter } from 'next/navigation';
import { useState, useTransition, type ComponentProps, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Field } from '@/components/ui/field.tsx';
import { Input, controlClasses } from '@/components/ui/input.tsx';
import { Select } from '@/components/ui/select.tsx';
import { cn } from '@/components/ui/cn.ts';
import type { ActionResult } from '@/lib/auth/tenant-action.ts';
import {
  addIncidentNoteAction,
  closeIncidentAction,
  recordIncidentAction,
  recordIncidentMilestoneAction,
} from '../actions.ts';

const utc = (local: FormDataEntryValue | null) => (local ? `${String(local)}:00.000Z` : '');
const nowUtcLocal = () => new Date().toISOString().slice(0, 16);
const text = (form: FormData, name: string) => String(form.get(name) ?? '');

function useSubmit() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = (call: () => Promise<ActionResult<string>>, done: string, after?: (id: string) => void) =>
    start(async () => {
      const result = await call();
      setMessage(result.ok ? { ok: true, text: done } : { ok: false, text: result.error.message });
      if (result.ok) {
        if (after) after(result.data);
        else router.refresh();
      }
    });
  const status: ReactNode = message ? (
    <p
      role={message.ok ? 'status' : 'alert'}
      className={message.ok ? 'text-sm text-ink-muted' : 'text-sm text-red-700'}
    >
      {message.text}
    </p>
  ) : null;
  return { pending, submit, status, router };
}

function Textarea(props: ComponentProps<'textarea'>) {
  return <textarea {...props} className={cn(controlClasses, 'min-h-20 py-1.5', props.className)} />;
}

export function RecordIncidentForm({
  organizations,
}: {
  organizations: Array<{ id: string; name: string }>;
}) {
  const { pending, submit, status, router } = useSubmit();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    submit(
      () =>
        recordIncidentAction({
          title: text(form, 'title'),
          scope: text(form, 'scope'),
          detectedAt: utc(form.get('detectedAt')),
          severity: text(form, 'severity') as 'MEDIUM',
          affectedOrganizationIds: form.getAll('organizations').map(String),
          dataCategories: text(form, 'categories')
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean),
          amazonDataInvolved: form.get('amazon') === 'on',
          regulatorNotificationRequired: form.get('regulator') === 'on',
          affectedDataSubjects: Number(text(form, 'dataSubjects') || 0),
          highRiskToDataSubjects: form.get('highRisk') === 'on',
        }),
      'Incident recorded',
      (id) => router.push(`/operator/incidents/${id}`),
    );
  }
  return (
    <form onSubmit={onSubmit} aria-label="Record an incident" className="grid gap-4 p-4 md:grid-cols-2">
      <Field label="Title" required>
        {(p) => <Input name="title" minLength={3} maxLength={200} {...p} />}
      </Field>
      <Field label="Detected at (UTC)" required>
        {(p) => <Input name="detectedAt" type="datetime-local" defaultValue={nowUtcLocal()} {...p} />}
      </Field>
      <Field
        label="Scope and description"
        className="md:col-span-2"
        required
        hint="What happened and what it touched. No buyer names, addresses or other personal data."
      >
        {(p) => <Textarea name="scope" minLength={3} maxLength={4000} {...p} />}
      </Field>
      <Field label="Severity" required>
        {(p) => (
          <Select
            name="severity"
            defaultValue="MEDIUM"
            options={['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'].map((v) => ({ value: v, label: v.toLowerCase() }))}
            {...p}
          />
        )}
      </Field>
      <Field label="Data categories" hint="Comma-separated, e.g. buyer-address, credentials">
        {(p) => <Input name="categories" {...p} />}
      </Field>
      <Field
        label="Affected data subjects"
        hint="How many buyers, users or other people, as far as known (0 if none known yet)."
      >
        {(p) => <Input name="dataSubjects" type="number" min={0} step={1} defaultValue={0} {...p} />}
      </Field>
      <fieldset className="space-y-1 md:col-span-2">
        <legend className="text-sm font-medium text-ink">Affected organizations</legend>
        <div className="grid max-h-48 gap-1 overflow-y-auto rounded-control border border-line p-2 text-sm md:grid-cols-2">
          {organizations.map((o) => (
            <label key={o.id} className="flex items-center gap-2">
              <input type="checkbox" name="organizations" value={o.id} />
              {o.name}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="amazon" /> Amazon data involved (notify Amazon within 24 h)
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="regulator" /> Regulator notification required (within 72 h)
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="highRisk" /> High risk to the affected people (tell them within 72 h)
      </label>
      <p className="text-xs text-ink-muted md:col-span-2">
        Recording the incident emails the owners and admins of every organization ticked above and calls their
        security webhooks at once.
      </p>
      <div className="flex items-center gap-3 md:col-span-2">
        <Button type="submit" variant="primary" loading={pending}>
          Record incident
        </Button>
        {status}
      </div>
    </form>
  );
}

const MILESTONES = [
  { value: 'contained', label: 'Contained' },
  { value: 'amazon_notified', label: 'Amazon notified' },
  { value: 'regulator_notified', label: 'Regulator notified' },
  { value: 'affected_notified', label: 'Affected people (data subjects) notified' },
] as const;

export function MilestoneForm({ incidentId, open }: { incidentId: string; open: string[] }) {
  const { pending, submit, status } = useSubmit();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    submit(
      () =>
        recordIncidentMilestoneAction({
          incidentId,
          milestone: text(form, 'milestone') as 'contained',
          at: utc(form.get('at')),
          note: text(form, 'note'),
        }),
      'Milestone recorded',
    );
  }
  const choices = MILESTONES.filter((m) => open.includes(m.value));
  if (choices.length === 0) return null;
  return (
    <form onSubmit={onSubmit} aria-label="Record a milestone" className="grid gap-3 p-4 md:grid-cols-3">
      <Field label="Milestone" required>
        {(p) => <Select name="milestone" options={choices} {...p} />}
      </Field>
      <Field label="When (UTC)" required>
        {(p) => <Input name="at" type="datetime-local" defaultValue={nowUtcLocal()} {...p} />}
      </Field>
      <Field label="Notification sent (how, to whom)">
        {(p) => <Input name="note" maxLength={500} {...p} />}
      </Field>
      <div className="flex items-center gap-3 md:col-span-3">
        <Button type="submit" loading={pending}>
          Record milestone
        </Button>
        {status}
      </div>
    </form>
  );
}

export function NoteForm({ incidentId }: { incidentId: string }) {
  const { pending, submit, status } = useSubmit();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const entry = text(new FormData(element), 'entry');
    submit(() => addIncidentNoteAction({ incidentId, entry }), 'Added to the timeline');
    element.reset();
  }
  return (
    <form onSubmit={onSubmit} aria-label="Add to the timeline" className="flex flex-wrap items-end gap-3 p-4">
      <Field label="Timeline entry" className="min-w-64 flex-1" required>
        {(p) => <Input name="entry" maxLength={2000} {...p} />}
      </Field>
      <Button type="submit" loading={pending}>
        Add
      </Button>
      {status}
    </form>
  );
}

export function CloseIncidentForm({ incidentId }: { incidentId: string }) {
  const { pending, submit, status } = useSubmit();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const review = text(new FormData(event.currentTarget), 'review');
    submit(() => closeIncidentAction({ incidentId, review }), 'Incident closed');
  }
  return (
    <form onSubmit={onSubmit} aria-label="Close with the post-incident review" className="space-y-3 p-4">
      <Field
        label="Post-incident review"
        required
        hint="Root cause, what was done, what changes so it does not happen again. Closing requires it."
      >
        {(p) => <Textarea name="review" minLength={10} maxLength={20000} rows={6} {...p} />}
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" loading={pending}>
          Close incident
        </Button>
        {status}
      </div>
    </form>
  );
}
