'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Field, InputField } from '@/components/ui/field.tsx';
import { Select } from '@/components/ui/select.tsx';
import {
  connectCarrierAccountAction,
  createShippingRuleAction,
  deleteCarrierAccountAction,
  deleteShippingRuleAction,
  moveShippingRuleAction,
  previewCarrierServiceAction,
  setCarrierAccountEnabledAction,
  setWarehouseSenderAction,
  testCarrierConnectionAction,
  updateShippingRuleAction,
} from './actions.ts';

type Result<T = unknown> = { ok: true; data: T } | { ok: false; error: { message: string } };

function useAction() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = <T,>(fn: () => Promise<Result<T>>, after?: (data: T) => string | void) =>
    start(async () => {
      const result = await fn();
      if (!result.ok) {
        setDone(null);
        setError(result.error.message);
        return;
      }
      setError(null);
      setDone(after?.(result.data) ?? null);
      router.refresh();
    });
  return { pending, error, done, run };
}

function Feedback({ error, done }: { error: string | null; done?: string | null }) {
  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {error}
      </p>
    );
  return done ? (
    <p role="status" className="text-sm text-emerald-700">
      {done}
    </p>
  ) : null;
}

const text = (data: FormData, name: string) => String(data.get(name) ?? '').trim();
const optionalInt = (data: FormData, name: string) =>
  text(data, name) === '' ? null : Number(text(data, name));

const CARRIERS = [
  { value: 'TEST', label: 'Packline Test Carrier' },
  { value: 'ROYAL_MAIL', label: 'Royal Mail Click & Drop' },
  { value: 'DPD', label: 'DPD UK' },
  { value: 'DHL', label: 'DHL Express (MyDHL)' },
];

export function ConnectCarrierForm({ orgSlug }: { orgSlug: string }) {
  const [carrier, setCarrier] = useState('TEST');
  const action = useAction();
  const userPass = carrier === 'DPD';
  const keySecret = carrier === 'DHL';
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const secret: Record<string, string> = userPass
      ? { username: text(data, 'username'), password: String(data.get('password') ?? '') }
      : keySecret
        ? { apiKey: text(data, 'apiKey'), apiSecret: String(data.get('apiSecret') ?? '') }
        : { apiKey: text(data, 'apiKey') };
    action.run(
      () =>
        connectCarrierAccountAction(orgSlug, {
          carrier: carrier as 'TEST',
          name: text(data, 'name'),
          accountNumber: text(data, 'accountNumber') || null,
          secret,
        }),
      () => {
        form.reset();
        return 'Connected. Use “Test connection” to check it against the carrier.';
      },
    );
  }
  return (
    <form onSubmit={onSubmit} className="grid gap-3 md:grid-cols-3" aria-label="Connect a carrier">
      <Field label="Carrier">
        {(control) => (
          <Select
            {...control}
            name="carrier"
            options={CARRIERS}
            value={carrier}
            onChange={(e) => setCarrier(e.target.value)}
          />
        )}
      </Field>
      <InputField label="Name" name="name" required maxLength={80} />
      {userPass || keySecret ? (
        <InputField label="Account number" name="accountNumber" required maxLength={20} autoComplete="off" />
      ) : null}
      {userPass ? (
        <>
          <InputField label="Username" name="username" required autoComplete="off" />
          <InputField label="Password" name="password" type="password" required autoComplete="off" />
        </>
      ) : (
        <InputField label="API key" name="apiKey" type="password" required autoComplete="off" />
      )}
      {keySecret ? (
        <InputField label="API secret" name="apiSecret" type="password" required autoComplete="off" />
      ) : null}
      <div className="flex items-end gap-3 md:col-span-3">
        <Button type="submit" variant="primary" loading={action.pending}>
          Connect carrier
        </Button>
        <Feedback error={action.error} done={action.done} />
      </div>
    </form>
  );
}

export function CarrierAccountControls(props: {
  orgSlug: string;
  carrierAccountId: string;
  enabled: boolean;
}) {
  const { orgSlug, carrierAccountId, enabled } = props;
  const action = useAction();
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap gap-2">
        <Button
          size="sm"
          loading={action.pending}
          onClick={() =>
            action.run(
              () => testCarrierConnectionAction(orgSlug, { carrierAccountId }),
              () => 'Connection works.',
            )
          }
        >
          Test connection
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={() =>
            action.run(() => setCarrierAccountEnabledAction(orgSlug, { carrierAccountId, enabled: !enabled }))
          }
        >
          {enabled ? 'Disable' : 'Enable'}
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => action.run(() => deleteCarrierAccountAction(orgSlug, { carrierAccountId }))}
        >
          Delete
        </Button>
      </div>
      <Feedback error={action.error} done={action.done} />
    </div>
  );
}

export interface AccountOption {
  id: string;
  label: string;
  services: { value: string; label: string }[];
}

export interface RuleValues {
  name: string;
  countryCodes: string[];
  minWeightGrams: number | null;
  maxWeightGrams: number | null;
  maxValueMinor: number | null;
  valueCurrency: string | null;
  channel: 'AMAZON' | 'MANUAL' | null;
  carrierAccountId: string;
  serviceCode: string;
  enabled: boolean;
}

export function RuleForm(props: {
  orgSlug: string;
  accounts: AccountOption[];
  ruleId?: string;
  initial?: RuleValues;
}) {
  const { orgSlug, accounts, ruleId, initial } = props;
  const [accountId, setAccountId] = useState(initial?.carrierAccountId ?? accounts[0]?.id ?? '');
  const services = accounts.find((a) => a.id === accountId)?.services ?? [];
  const action = useAction();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const maxValue = text(data, 'maxValue');
    const fields = {
      name: text(data, 'name'),
      countryCodes: text(data, 'countryCodes')
        .split(/[\s,]+/)
        .filter(Boolean),
      minWeightGrams: optionalInt(data, 'minWeightGrams'),
      maxWeightGrams: optionalInt(data, 'maxWeightGrams'),
      maxValueMinor: maxValue === '' ? null : Math.round(Number(maxValue) * 100),
      valueCurrency: text(data, 'valueCurrency') || null,
      channel: (text(data, 'channel') || null) as RuleValues['channel'],
      carrierAccountId: accountId,
      serviceCode: text(data, 'serviceCode'),
      enabled: data.get('enabled') === 'on',
    };
    action.run<unknown>(
      () =>
        ruleId
          ? updateShippingRuleAction(orgSlug, { ruleId, fields })
          : createShippingRuleAction(orgSlug, { fields }),
      () => {
        if (!ruleId) form.reset();
        return ruleId ? 'Saved.' : 'Rule added at the end.';
      },
    );
  }
  return (
    <form
      onSubmit={onSubmit}
      className="grid gap-3 md:grid-cols-4"
      aria-label={ruleId ? 'Edit rule' : 'Add a rule'}
    >
      <InputField label="Name" name="name" required maxLength={80} defaultValue={initial?.name} />
      <InputField
        label="Countries (blank = any)"
        name="countryCodes"
        placeholder="GB, IE"
        defaultValue={initial?.countryCodes.join(', ')}
      />
      <InputField
        label="Min weight (g)"
        name="minWeightGrams"
        type="number"
        min={0}
        defaultValue={initial?.minWeightGrams ?? ''}
      />
      <InputField
        label="Max weight (g)"
        name="maxWeightGrams"
        type="number"
        min={1}
        defaultValue={initial?.maxWeightGrams ?? ''}
      />
      <InputField
        label="Max value"
        name="maxValue"
        type="number"
        min={0}
        step="0.01"
        defaultValue={initial?.maxValueMinor != null ? (initial.maxValueMinor / 100).toFixed(2) : ''}
      />
      <InputField
        label="Currency"
        name="valueCurrency"
        maxLength={3}
        placeholder="GBP"
        defaultValue={initial?.valueCurrency ?? ''}
      />
      <Field label="Channel">
        {(control) => (
          <Select
            {...control}
            name="channel"
            defaultValue={initial?.channel ?? ''}
            options={[
              { value: '', label: 'Any' },
              { value: 'AMAZON', label: 'Amazon' },
              { value: 'MANUAL', label: 'Manual' },
            ]}
          />
        )}
      </Field>
      <Field label="Carrier account">
        {(control) => (
          <Select
            {...control}
            name="carrierAccountId"
            value={accountId}
            onChange={(e) => setAccountId(e.target.value)}
            options={accounts.map((a) => ({ value: a.id, label: a.label }))}
          />
        )}
      </Field>
      <Field label="Service">
        {(control) => (
          <Select
            {...control}
            key={accountId}
            name="serviceCode"
            options={services}
            defaultValue={initial?.carrierAccountId === accountId ? initial.serviceCode : services[0]?.value}
          />
        )}
      </Field>
      <label className="flex items-end gap-2 text-sm">
        <input type="checkbox" name="enabled" defaultChecked={initial?.enabled ?? true} /> Enabled
      </label>
      <div className="flex items-end gap-3 md:col-span-2">
        <Button type="submit" variant={ruleId ? 'secondary' : 'primary'} loading={action.pending}>
          {ruleId ? 'Save rule' : 'Add rule'}
        </Button>
        <Feedback error={action.error} done={action.done} />
      </div>
    </form>
  );
}

export function RuleControls(props: {
  orgSlug: string;
  ruleId: string;
  first: boolean;
  last: boolean;
  accounts: AccountOption[];
  initial: RuleValues;
}) {
  const { orgSlug, ruleId, first, last } = props;
  const action = useAction();
  const [editing, setEditing] = useState(false);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-1">
        <Button
          size="sm"
          variant="ghost"
          disabled={first}
          aria-label="Move up"
          onClick={() => action.run(() => moveShippingRuleAction(orgSlug, { ruleId, direction: 'up' }))}
        >
          ↑
        </Button>
        <Button
          size="sm"
          variant="ghost"
          disabled={last}
          aria-label="Move down"
          onClick={() => action.run(() => moveShippingRuleAction(orgSlug, { ruleId, direction: 'down' }))}
        >
          ↓
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setEditing((v) => !v)}>
          {editing ? 'Close' : 'Edit'}
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => action.run(() => deleteShippingRuleAction(orgSlug, { ruleId }))}
        >
          Delete
        </Button>
      </div>
      <Feedback error={action.error} />
      {editing ? (
        <RuleForm orgSlug={orgSlug} accounts={props.accounts} ruleId={ruleId} initial={props.initial} />
      ) : null}
    </div>
  );
}

export function PreviewServiceForm({ orgSlug }: { orgSlug: string }) {
  const action = useAction();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    action.run(
      () =>
        previewCarrierServiceAction(orgSlug, {
          countryCode: text(data, 'countryCode'),
          weightGrams: Number(text(data, 'weightGrams')),
          valueMinor: Math.round(Number(text(data, 'value') || '0') * 100),
          currency: text(data, 'currency'),
          channel: text(data, 'channel') as 'AMAZON',
        }),
      (picked) =>
        picked
          ? `${picked.serviceName} (${picked.serviceCode}) on the account picked by the first matching rule.`
          : 'No rule matches: staff would choose a service by hand.',
    );
  }
  return (
    <form onSubmit={onSubmit} className="grid gap-3 md:grid-cols-6" aria-label="Preview a service">
      <InputField label="Country" name="countryCode" required maxLength={2} defaultValue="GB" />
      <InputField label="Weight (g)" name="weightGrams" type="number" required min={1} defaultValue={500} />
      <InputField label="Value" name="value" type="number" min={0} step="0.01" defaultValue="20.00" />
      <InputField label="Currency" name="currency" required maxLength={3} defaultValue="GBP" />
      <Field label="Channel">
        {(control) => (
          <Select
            {...control}
            name="channel"
            options={[
              { value: 'AMAZON', label: 'Amazon' },
              { value: 'MANUAL', label: 'Manual' },
            ]}
          />
        )}
      </Field>
      <div className="flex items-end">
        <Button type="submit" loading={action.pending}>
          Preview
        </Button>
      </div>
      <div className="md:col-span-6" data-testid="service-preview">
        <Feedback error={action.error} done={action.done} />
      </div>
    </form>
  );
}

export function WarehouseSenderForm(props: {
  orgSlug: string;
  canManage: boolean;
  warehouse: {
    id: string;
    code: string;
    name: string;
    senderName: string | null;
    senderLine1: string | null;
    senderLine2: string | null;
    senderCity: string | null;
    senderPostcode: string | null;
    senderCountryCode: string | null;
    senderPhone: string | null;
  };
}) {
  const { orgSlug, canManage, warehouse: w } = props;
  const action = useAction();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    action.run(
      () =>
        setWarehouseSenderAction(orgSlug, {
          warehouseId: w.id,
          senderName: text(data, 'senderName'),
          senderLine1: text(data, 'senderLine1'),
          senderLine2: text(data, 'senderLine2') || null,
          senderCity: text(data, 'senderCity'),
          senderPostcode: text(data, 'senderPostcode') || null,
          senderCountryCode: text(data, 'senderCountryCode'),
          senderPhone: text(data, 'senderPhone') || null,
        }),
      () => 'Saved.',
    );
  }
  const field = (name: keyof typeof w, label: string, required = false) => (
    <InputField
      label={label}
      name={name}
      required={required}
      disabled={!canManage}
      defaultValue={w[name] ?? ''}
    />
  );
  return (
    <form
      onSubmit={onSubmit}
      className="grid gap-3 md:grid-cols-4"
      aria-label={`Sender address of ${w.code}`}
    >
      <p className="text-sm font-medium md:col-span-4">
        {w.code} · {w.name}
      </p>
      {field('senderName', 'Business name', true)}
      {field('senderLine1', 'Address line 1', true)}
      {field('senderLine2', 'Address line 2')}
      {field('senderCity', 'Town/city', true)}
      {field('senderPostcode', 'Postcode')}
      {field('senderCountryCode', 'Country (2 letters)', true)}
      {field('senderPhone', 'Phone')}
      {canManage ? (
        <div className="flex items-end gap-3">
          <Button type="submit" loading={action.pending}>
            Save sender
          </Button>
          <Feedback error={action.error} done={action.done} />
        </div>
      ) : null}
    </form>
  );
}
