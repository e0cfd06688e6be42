'use client';
// The picking station: one input that a keyboard-wedge scanner types into (code + Enter). For the
// next open task it asks for the bin, then the item (SKU or barcode), then the lot when the task
// names one, then the quantity — each further scan of the item counts one unit, or type a number.
// Enter on an empty field confirms; "Short" confirms what was counted and reports the rest
// missing. Wrong scans are refused on the spot ("expected X, got Y") with a low beep and a red
// flash; the server checks the same scans again (lib/fulfilment/verify-pick-scan.ts) and is the
// one that counts. Each confirmation carries a scan id made once, so a retried submit is a no-op.
import Link from 'next/link';
import { useEffect, useRef, useState, useTransition, type KeyboardEvent } from 'react';
import { confirmPickAction } from '@/app/(app)/[org]/fulfilment/pick-lists/actions.ts';
import { Button } from '@/components/ui/button.tsx';
import { cn } from '@/components/ui/cn.ts';
import type { PickListView, PickTask } from '@/lib/fulfilment/get-pick-list.ts';
import { checkScan, type ScanStep } from '@/lib/fulfilment/verify-pick-scan.ts';

type Step = ScanStep | 'qty';

/** A short beep through WebAudio: high for a good scan, low for a refused one. */
function beep(ok: boolean) {
  try {
    const audio = new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = ok ? 1320 : 220;
    osc.type = ok ? 'sine' : 'square';
    gain.gain.value = 0.08;
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + (ok ? 0.08 : 0.3));
    osc.onended = () => void audio.close();
  } catch {
    // No audio device (or autoplay refused): the visual feedback still shows.
  }
}

const nextTask = (list: PickListView): PickTask | undefined => list.tasks.find((t) => t.open > 0);

export function PickStation({ orgSlug, initial }: { orgSlug: string; initial: PickListView }) {
  const [list, setList] = useState(initial);
  const task = nextTask(list);
  const [step, setStep] = useState<Step>('bin');
  const [scans, setScans] = useState<{ bin: string; item: string; lot?: string }>({ bin: '', item: '' });
  const [count, setCount] = useState(0);
  const [scanId, setScanId] = useState<string>('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
  }, [step, task?.key, pending]);

  if (!task) {
    return (
      <section className="mx-auto max-w-xl space-y-4 text-center" aria-live="polite">
        <h1 className="text-2xl font-bold">Pick list {list.number} complete</h1>
        <p>
          {list.totals.picked} units picked · {list.totals.short} short
        </p>
        <Link className="underline" href={`/${orgSlug}/fulfilment/pick-lists/${list.id}`}>
          Back to the pick list
        </Link>
      </section>
    );
  }

  const expected = {
    binCode: task.locationCode,
    sku: task.sku,
    barcode: task.barcode,
    lotNumber: task.lotNumber,
  };

  const refuse = (text: string) => {
    beep(false);
    setMessage({ ok: false, text });
  };
  const accept = (text: string) => {
    beep(true);
    setMessage({ ok: true, text });
  };

  function confirm(short: boolean) {
    if (!task) return;
    start(async () => {
      const result = await confirmPickAction(orgSlug, {
        pickListId: list.id,
        locationId: task.locationId,
        productId: task.productId,
        lotId: task.lotId,
        scannedBin: scans.bin,
        scannedItem: scans.item,
        ...(scans.lot ? { scannedLot: scans.lot } : {}),
        quantity: count,
        short,
        scanId,
      });
      if (!result.ok) {
        refuse(result.error.message);
        return;
      }
      accept(short ? `Recorded ${count} picked, rest short` : `Picked ${count} × ${task.sku}`);
      setList(result.data.pickList);
      const stillOpen = result.data.pickList.tasks.find((t) => t.key === task.key && t.open > 0);
      setCount(0);
      setScanId('');
      if (stillOpen) {
        setStep('qty');
        setScanId(crypto.randomUUID());
      } else {
        setStep('bin');
        setScans({ bin: '', item: '' });
      }
    });
  }

  function onScan(raw: string) {
    if (!task) return;
    const value = raw.trim();
    if (step === 'qty') {
      if (value === '') {
        if (count > 0) confirm(false);
        return;
      }
      if (/^\d+$/.test(value)) {
        const n = Number(value);
        if (n > task.open) return refuse(`Too many: expected at most ${task.open}, got ${n}`);
        setCount(n);
        return accept(`${n} of ${task.open}`);
      }
      const wrong = checkScan('item', expected, value);
      if (wrong) return refuse(wrong);
      if (count + 1 > task.open) return refuse(`Too many: expected at most ${task.open}, got ${count + 1}`);
      setCount(count + 1);
      return accept(`${count + 1} of ${task.open}`);
    }
    if (value === '') return;
    const wrong = checkScan(step, expected, value);
    if (wrong) return refuse(wrong);
    if (step === 'bin') {
      setScans({ bin: value, item: '' });
      setStep('item');
      return accept(`Bin ${task.locationCode}`);
    }
    if (step === 'item') {
      setScans((s) => ({ ...s, item: value }));
      if (task.lotNumber) {
        setStep('lot');
        return accept(`Item ${task.sku} — now the lot`);
      }
    } else {
      setScans((s) => ({ ...s, lot: value }));
    }
    // The first item scan counts as the first unit.
    setCount(1);
    setScanId(crypto.randomUUID());
    setStep('qty');
    accept(`1 of ${task.open}`);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const value = event.currentTarget.value;
    event.currentTarget.value = '';
    if (!pending) onScan(value);
  }

  const prompt: Record<Step, string> = {
    bin: `Scan bin ${task.locationCode}`,
    item: `Scan item ${task.sku}`,
    lot: `Scan lot ${task.lotNumber ?? ''}`,
    qty: `Scan each unit or type the quantity (${count} of ${task.open}), Enter to confirm`,
  };

  return (
    <section className="mx-auto max-w-xl space-y-4" aria-label="Picking station">
      <header className="flex items-baseline justify-between">
        <h1 className="text-xl font-bold">Picking {list.number}</h1>
        <span className="text-sm text-ink-muted">
          {list.totals.picked + list.totals.short}/{list.totals.units} units
        </span>
      </header>
      <div className="rounded-lg border border-line p-4" data-testid="current-task">
        <p className="text-sm text-ink-muted">Bin</p>
        <p className="font-mono text-4xl font-bold">{task.locationCode}</p>
        <p className="mt-3 font-mono text-2xl">{task.sku}</p>
        <p>{task.productName}</p>
        {task.lotNumber ? <p className="font-mono font-semibold">Lot {task.lotNumber}</p> : null}
        <p className="mt-3 text-3xl font-bold">Take {task.open}</p>
        <ul className="mt-2 text-sm text-ink-muted">
          {task.lines
            .filter((l) => l.quantity - l.picked - l.short > 0)
            .map((l) => (
              <li key={l.id}>
                <span className="font-mono">{l.orderLabel}</span> ×{l.quantity - l.picked - l.short}
              </li>
            ))}
        </ul>
      </div>
      <label className="block">
        <span className="mb-1 block font-medium">{prompt[step]}</span>
        <input
          ref={input}
          aria-label="Scan"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          onKeyDown={onKeyDown}
          disabled={pending}
          className={cn(
            'h-14 w-full rounded-md border-2 px-3 font-mono text-2xl outline-none',
            message && !message.ok ? 'border-red-600 bg-red-50' : 'border-line focus:border-accent',
          )}
        />
      </label>
      {message ? (
        <p
          role={message.ok ? 'status' : 'alert'}
          className={cn('text-lg font-semibold', message.ok ? 'text-green-700' : 'text-red-700')}
        >
          {message.text}
        </p>
      ) : null}
      {step === 'qty' ? (
        <div className="flex gap-3">
          <Button
            variant="primary"
            size="lg"
            loading={pending}
            disabled={count === 0}
            onClick={() => confirm(false)}
          >
            Confirm {count}
          </Button>
          <Button variant="danger" size="lg" disabled={pending} onClick={() => confirm(true)}>
            Short: only {count} here
          </Button>
        </div>
      ) : null}
    </section>
  );
}
