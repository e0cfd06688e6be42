'use client';
// The packing station (tablet width): scan an order number, then every unit (SKU or GTIN) with a
// keyboard-wedge scanner — Enter submits and the scan field keeps the focus. Each scan answers
// with a colour and a tone (high = packed, low = refused with expected vs got). The scan that
// packs the last unit closes the parcel and buys its label; "Close parcel" does the same for a
// multi-parcel order. No buyer details are shown here: they are on the packing slip and the label.
import { useRef, useState, useTransition, type FormEvent } from 'react';
import { Badge } from '@/components/ui/badge.tsx';
import { Button, buttonClasses } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import type { PackState } from '@/lib/fulfilment/pack-state.ts';
import {
  closeParcelAction,
  createLabelAction,
  dispatchAction,
  openPackingAction,
  scanPackAction,
  setGiftAction,
  type LabelOutcome,
} from '@/app/(app)/[org]/fulfilment/pack/actions.ts';

type Feedback = { tone: 'ok' | 'error' | 'info'; text: string } | null;

/** A short tone: high for a good scan, low for a refusal (audible feedback at a noisy bench). */
function beep(ok: boolean) {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = ok ? 880 : 220;
    gain.gain.value = 0.08;
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + (ok ? 0.08 : 0.35));
    osc.onended = () => void ctx.close();
  } catch {
    // No audio device: the colour still tells.
  }
}

const measureNames = ['weightGrams', 'lengthMm', 'widthMm', 'heightMm'] as const;

export function PackStation({ orgSlug }: { orgSlug: string }) {
  const [state, setState] = useState<PackState | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [labelProblem, setLabelProblem] = useState<Extract<LabelOutcome, { ok: false }> | null>(null);
  const [pending, start] = useTransition();
  const scanRef = useRef<HTMLInputElement>(null);
  const measuresRef = useRef<HTMLFieldSetElement>(null);

  const say = (tone: 'ok' | 'error' | 'info', text: string) => {
    setFeedback({ tone, text });
    if (tone !== 'info') beep(tone === 'ok');
  };

  const measures = () => {
    const out: Record<string, number> = {};
    for (const name of measureNames) {
      const el = measuresRef.current?.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      if (el && el.value.trim() !== '') out[name] = Number(el.value);
    }
    return Object.keys(out).length ? out : undefined;
  };
  const clearMeasures = () =>
    measuresRef.current?.querySelectorAll('input').forEach((el) => {
      el.value = '';
    });

  const afterLabel = (label: LabelOutcome | null) => {
    if (!label) return;
    if (label.ok) {
      setLabelProblem(null);
      say('ok', `Label created: ${label.label.serviceName}, tracking ${label.label.trackingNumber}`);
    } else {
      setLabelProblem(label);
      say('error', `Parcel packed, but no label: ${label.message}`);
    }
  };

  function onOpen(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const code = String(new FormData(form).get('order') ?? '').trim();
    if (!code) return;
    start(async () => {
      const result = await openPackingAction(orgSlug, { code });
      if (!result.ok) return say('error', result.error.message);
      setState(result.data);
      setLabelProblem(null);
      say('info', `Order ${result.data.order.number}: scan each unit`);
      form.reset();
      scanRef.current?.focus();
    });
  }

  function onScan(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!state) return;
    const form = event.currentTarget;
    const code = String(new FormData(form).get('unit') ?? '').trim();
    if (!code) return;
    form.reset();
    start(async () => {
      const result = await scanPackAction(orgSlug, { orderId: state.order.id, code, measures: measures() });
      scanRef.current?.focus();
      if (!result.ok) return say('error', result.error.message);
      setState(result.data.state);
      if (result.data.closedParcelId) {
        clearMeasures();
        if (result.data.state.complete) say('ok', 'Order packed');
        afterLabel(result.data.label);
        // The state above was read before the label was bought: reload it so the parcel shows
        // LABELLED with its downloads, not PACKED with a "Create label" that would buy a second.
        if (result.data.label) await refresh();
      } else {
        say('ok', `Packed ${result.data.packed.sku ?? code} into parcel ${result.data.packed.parcelNumber}`);
      }
    });
  }

  function onCloseParcel() {
    if (!state) return;
    start(async () => {
      const result = await closeParcelAction(orgSlug, { orderId: state.order.id, measures: measures() });
      if (!result.ok) return say('error', result.error.message);
      setState(result.data.state);
      clearMeasures();
      afterLabel(result.data.label);
      await refresh();
      scanRef.current?.focus();
    });
  }

  async function refresh() {
    if (!state) return;
    const again = await openPackingAction(orgSlug, { code: state.order.id });
    if (again.ok) setState(again.data);
  }

  function onCreateLabel(shipmentId: string, reason?: string) {
    start(async () => {
      const result = await createLabelAction(orgSlug, {
        shipmentId,
        ...(reason ? { restrictionOverride: { reason } } : {}),
      });
      if (!result.ok) return say('error', result.error.message);
      afterLabel(result.data);
      await refresh();
    });
  }

  function onDispatch(shipmentIds: string[]) {
    start(async () => {
      const result = await dispatchAction(orgSlug, { shipmentIds });
      if (!result.ok) return say('error', result.error.message);
      say('ok', `Dispatched ${result.data.shipped} parcel(s)`);
      await refresh();
    });
  }

  function onGift(hidePrices: boolean) {
    if (!state) return;
    start(async () => {
      const result = await setGiftAction(orgSlug, { orderId: state.order.id, hidePrices });
      if (!result.ok) return say('error', result.error.message);
      await refresh();
    });
  }

  const base = `/${orgSlug}/fulfilment`;
  const skuOf = new Map(state?.lines.map((l) => [l.orderLineId, l.sku]) ?? []);
  const tones = {
    ok: 'border-green-600 bg-green-50 text-green-900',
    error: 'border-red-600 bg-red-50 text-red-900',
    info: 'border-zinc-300 bg-zinc-50 text-ink',
  };

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <form onSubmit={onOpen} className="flex gap-2" aria-label="Open order">
        <Input
          name="order"
          aria-label="Order number"
          placeholder="Scan or type the order number"
          autoFocus={!state}
          autoComplete="off"
        />
        <Button type="submit" variant="secondary" loading={pending}>
          Open
        </Button>
      </form>

      {feedback && (
        <p
          role="status"
          aria-live="polite"
          data-tone={feedback.tone}
          className={`rounded-control border-2 px-3 py-3 text-base font-medium ${tones[feedback.tone]}`}
        >
          {feedback.text}
        </p>
      )}

      {state && (
        <section aria-label={`Order ${state.order.number}`} className="space-y-4">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="text-lg font-semibold">Order {state.order.number}</h2>
            <div className="flex items-center gap-3 text-sm">
              <label className="flex items-center gap-1.5">
                <input
                  type="checkbox"
                  checked={state.order.hidePrices}
                  onChange={(e) => onGift(e.target.checked)}
                />
                Gift (no prices on the slip)
              </label>
              <a
                className={buttonClasses({ size: 'sm' })}
                href={`${base}/pack/${state.order.id}/packing-slip`}
              >
                Packing slip
              </a>
            </div>
          </div>

          <table className="w-full text-sm" aria-label="Units to pack">
            <thead className="text-left text-ink-muted">
              <tr>
                <th className="py-1">SKU</th>
                <th>Item</th>
                <th className="text-right">Ordered</th>
                <th className="text-right">Picked</th>
                <th className="text-right">Packed</th>
              </tr>
            </thead>
            <tbody>
              {state.lines.map((l) => (
                <tr key={l.orderLineId} className={l.packed >= l.ordered ? 'text-ink-subtle' : ''}>
                  <td className="py-1 font-mono">{l.sku}</td>
                  <td>{l.title}</td>
                  <td className="text-right tabular-nums">{l.ordered}</td>
                  <td className="text-right tabular-nums">{l.picked}</td>
                  <td className="text-right tabular-nums">{l.packed}</td>
                </tr>
              ))}
            </tbody>
          </table>

          {!state.complete && (
            <form onSubmit={onScan} className="flex gap-2" aria-label="Scan unit">
              <Input
                ref={scanRef}
                name="unit"
                aria-label="Scan item"
                placeholder="Scan each unit (SKU or barcode)"
                autoFocus
                autoComplete="off"
                className="h-12 text-lg"
              />
              <Button type="submit" size="lg">
                Pack
              </Button>
            </form>
          )}

          {!state.complete && (
            <fieldset
              ref={measuresRef}
              className="grid grid-cols-2 gap-2 sm:grid-cols-4"
              aria-label="Parcel measures"
            >
              <Input
                name="weightGrams"
                type="number"
                min={1}
                aria-label="Weight (g)"
                placeholder="Weight g"
              />
              <Input name="lengthMm" type="number" min={1} aria-label="Length (mm)" placeholder="Length mm" />
              <Input name="widthMm" type="number" min={1} aria-label="Width (mm)" placeholder="Width mm" />
              <Input name="heightMm" type="number" min={1} aria-label="Height (mm)" placeholder="Height mm" />
              <Button
                type="button"
                variant="secondary"
                onClick={onCloseParcel}
                disabled={!state.openParcel}
                className="col-span-2 sm:col-span-4"
              >
                Close parcel{state.openParcel ? ` ${state.openParcel.parcelNumber}` : ''} and start the next
              </Button>
            </fieldset>
          )}

          {labelProblem?.restricted && (
            <form
              aria-label="Override restriction"
              className="space-y-2 rounded-control border border-amber-500 bg-amber-50 p-3 text-sm"
              onSubmit={(e) => {
                e.preventDefault();
                const reason = String(new FormData(e.currentTarget).get('reason') ?? '');
                onCreateLabel(labelProblem.shipmentId, reason);
              }}
            >
              <p>A data-subject request restricts this buyer’s details. Printing needs a reason (audited).</p>
              <Input name="reason" aria-label="Override reason" minLength={10} required />
              <Button type="submit" variant="danger" size="sm" loading={pending}>
                Create label with override
              </Button>
            </form>
          )}

          {!state.complete && (
            <p className="text-xs text-ink-muted">
              To ship part now, close the parcel with what is packed, label and dispatch it; the rest follows
              in the next parcel (once picked). A parcel never holds more than was ordered.
            </p>
          )}
          <ul className="space-y-2" aria-label="Parcels">
            {state.parcels.map((p) => (
              <li
                key={p.id}
                aria-label={`Parcel ${p.parcelNumber}`}
                className="flex flex-wrap items-center justify-between gap-2 rounded-control border border-line p-2 text-sm"
              >
                <span>
                  Parcel {p.parcelNumber}{' '}
                  <Badge
                    tone={p.status === 'PACKING' ? 'info' : p.status === 'PACKED' ? 'warning' : 'success'}
                  >
                    {p.status}
                  </Badge>{' '}
                  {p.items.reduce((n, i) => n + i.quantity, 0)} unit(s)
                  {p.weightGrams ? `, ${p.weightGrams} g` : ''}
                  {p.trackingNumber ? `, ${p.carrier} ${p.serviceCode} — tracking ${p.trackingNumber}` : ''}
                  <span className="block text-xs text-ink-muted" data-testid="parcel-contents">
                    {p.items
                      .map((i) => `${skuOf.get(i.orderLineId) ?? '(no SKU)'} × ${i.quantity}`)
                      .join(', ')}
                  </span>
                </span>
                <span className="flex gap-1.5">
                  {p.status === 'PACKED' && (
                    <Button size="sm" onClick={() => onCreateLabel(p.id)} loading={pending}>
                      Create label
                    </Button>
                  )}
                  {(p.status === 'LABELLED' || p.status === 'SHIPPED') && (
                    <>
                      <a
                        className={buttonClasses({ size: 'sm' })}
                        href={`${base}/shipments/${p.id}/label?format=PDF`}
                      >
                        Label PDF
                      </a>
                      <a
                        className={buttonClasses({ size: 'sm' })}
                        href={`${base}/shipments/${p.id}/label?format=ZPL`}
                      >
                        Label ZPL
                      </a>
                    </>
                  )}
                  {p.status === 'LABELLED' && (
                    <Button size="sm" variant="primary" onClick={() => onDispatch([p.id])} loading={pending}>
                      Dispatch
                    </Button>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
