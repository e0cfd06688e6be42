import type { Metadata } from 'next';
import { Truck } from 'lucide-react';
import { PageHeader } from '@/components/shell/page-header.tsx';
import {
  CarrierAccountControls,
  ConnectCarrierForm,
  PreviewServiceForm,
  RuleControls,
  RuleForm,
  WarehouseSenderForm,
} from './shipping-forms.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { listCarrierAccounts } from '@/lib/couriers/carrier-accounts.ts';
import { listShippingRules } from '@/lib/couriers/shipping-rules.ts';
import { CARRIER_NAMES, CARRIER_SERVICES, serviceName } from '@/lib/couriers/services.ts';
import { withTenant } from '@/lib/db/tenant.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Shipping' };

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

function conditions(r: Awaited<ReturnType<typeof listShippingRules>>[number]): string {
  const parts = [
    r.countryCodes.length ? r.countryCodes.join(', ') : 'any country',
    r.minWeightGrams !== null || r.maxWeightGrams !== null
      ? `${r.minWeightGrams ?? 0}–${r.maxWeightGrams ?? '∞'} g`
      : null,
    r.maxValueMinor !== null ? `value ≤ ${(r.maxValueMinor / 100).toFixed(2)} ${r.valueCurrency}` : null,
    r.channel ? r.channel.toLowerCase() : null,
  ];
  return parts.filter(Boolean).join(' · ');
}

export default async function ShippingSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'fulfilment.ship');
  const canManage = tenant.ctx.permissions.has('integrations.manage');
  const orgSlug = tenant.organization.slug;
  const [accounts, rules, warehouses] = await Promise.all([
    listCarrierAccounts(tenant.ctx),
    listShippingRules(tenant.ctx),
    withTenant(tenant.ctx.organizationId, (tx) =>
      tx.warehouse.findMany({
        where: { organizationId: tenant.ctx.organizationId },
        orderBy: { code: 'asc' },
        select: {
          id: true,
          code: true,
          name: true,
          senderName: true,
          senderLine1: true,
          senderLine2: true,
          senderCity: true,
          senderPostcode: true,
          senderCountryCode: true,
          senderPhone: true,
        },
      }),
    ),
  ]);
  const accountOptions = accounts.map((a) => ({
    id: a.id,
    label: `${a.name} (${CARRIER_NAMES[a.carrier]})`,
    services: CARRIER_SERVICES[a.carrier].map((s) => ({ value: s.code, label: `${s.name} (${s.code})` })),
  }));

  return (
    <>
      <PageHeader
        title="Shipping"
        description="Carrier accounts, the rules that choose a carrier service per parcel, and sender addresses."
      />

      <Card className="mb-6">
        <CardHeader title="Carrier accounts" description="Labels are bought on these accounts." />
        {accounts.length === 0 ? (
          <EmptyState
            icon={Truck}
            title="No carrier accounts"
            description="Connect a carrier to print labels."
          />
        ) : (
          <Table>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Carrier</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell>Connection checked</TableHeaderCell>
                <TableHeaderCell>Rules</TableHeaderCell>
                {canManage ? <TableHeaderCell>Actions</TableHeaderCell> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {accounts.map((a) => (
                <TableRow key={a.id} data-testid="carrier-account">
                  <TableCell>{a.name}</TableCell>
                  <TableCell>{CARRIER_NAMES[a.carrier]}</TableCell>
                  <TableCell>
                    <Badge tone={a.enabled ? 'success' : 'neutral'} dot>
                      {a.enabled ? 'enabled' : 'disabled'}
                    </Badge>
                  </TableCell>
                  <TableCell>{a.verifiedAt ? `${when.format(a.verifiedAt)} UTC` : 'never'}</TableCell>
                  <TableCell>{a._count.rules}</TableCell>
                  {canManage ? (
                    <TableCell>
                      <CarrierAccountControls orgSlug={orgSlug} carrierAccountId={a.id} enabled={a.enabled} />
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {canManage ? (
          <div className="border-t border-line p-4">
            <ConnectCarrierForm orgSlug={orgSlug} />
          </div>
        ) : null}
      </Card>

      <Card className="mb-6">
        <CardHeader
          title="Shipping rules"
          description="Checked top to bottom; the first rule whose conditions all hold picks the service."
        />
        {rules.length === 0 ? (
          <EmptyState
            icon={Truck}
            title="No rules"
            description="Without a rule, staff choose a service by hand."
          />
        ) : (
          <Table>
            <TableHead>
              <TableRow>
                <TableHeaderCell>#</TableHeaderCell>
                <TableHeaderCell>Rule</TableHeaderCell>
                <TableHeaderCell>When</TableHeaderCell>
                <TableHeaderCell>Ship with</TableHeaderCell>
                {canManage ? <TableHeaderCell>Actions</TableHeaderCell> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {rules.map((r, i) => (
                <TableRow key={r.id} data-testid="shipping-rule">
                  <TableCell>{i + 1}</TableCell>
                  <TableCell>
                    {r.name}
                    {r.enabled ? null : (
                      <Badge tone="neutral" className="ml-2">
                        off
                      </Badge>
                    )}
                  </TableCell>
                  <TableCell>{conditions(r)}</TableCell>
                  <TableCell>
                    {r.carrierAccount.name}: {serviceName(r.carrierAccount.carrier, r.serviceCode)}
                  </TableCell>
                  {canManage ? (
                    <TableCell>
                      <RuleControls
                        orgSlug={orgSlug}
                        ruleId={r.id}
                        first={i === 0}
                        last={i === rules.length - 1}
                        accounts={accountOptions}
                        initial={{
                          name: r.name,
                          countryCodes: r.countryCodes,
                          minWeightGrams: r.minWeightGrams,
                          maxWeightGrams: r.maxWeightGrams,
                          maxValueMinor: r.maxValueMinor,
                          valueCurrency: r.valueCurrency,
                          channel: r.channel,
                          carrierAccountId: r.carrierAccountId,
                          serviceCode: r.serviceCode,
                          enabled: r.enabled,
                        }}
                      />
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {canManage && accounts.length ? (
          <div className="border-t border-line p-4">
            <RuleForm orgSlug={orgSlug} accounts={accountOptions} />
          </div>
        ) : null}
      </Card>

      <Card className="mb-6">
        <CardHeader title="Which service would this parcel get?" description="Runs the rules above." />
        <div className="p-4">
          <PreviewServiceForm orgSlug={orgSlug} />
        </div>
      </Card>

      <Card className="mb-6">
        <CardHeader
          title="Sender addresses"
          description="Printed on labels and sent to carriers as ship-from."
        />
        <div className="space-y-6 p-4">
          {warehouses.length === 0 ? (
            <p className="text-sm text-ink-muted">No warehouses yet.</p>
          ) : (
            warehouses.map((w) => (
              <WarehouseSenderForm key={w.id} orgSlug={orgSlug} warehouse={w} canManage={canManage} />
            ))
          )}
        </div>
      </Card>
    </>
  );
}
