// npm run bench:label — last scan → label stored on the server (issue 8: aim ≤ 300 ms), against a
// baseline measured in the same run on the same machine, on a scratch database migrated for the
// run and dropped after, with the courier simulator in-process. Figures are ratios, never
// absolute pass/fail thresholds.
//
// - measured: the packing station's server work for the scan of an order's last unit —
//   scanPackItem (order lock, verification against picked − packed, item upsert, parcel sealed)
//   then createShipmentLabel (rule selection, recipient decrypted for `label` with its audit
//   event, the test carrier's create call over HTTP, 4×6 PDF + ZPL, both encrypted, one
//   transaction storing them with the tracking number and its audit event).
// - baseline: the two unavoidable parts alone — the same test-carrier create call through the
//   same adapter (one HTTP round trip to the simulator) and a raw pdfkit render of the same 4×6
//   label (renderPdfLabel). No database, no crypto, no audit.
// Orders are prepared (picked through the real pick use cases) before the clock starts; the first
// WARMUP iterations of each side are not counted.
export {};

const ORDERS = 40;
const WARMUP = 5;

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

function summary(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: pct(s, 50), p95: pct(s, 95), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

async function main(): Promise<void> {
  const { setupScratchDatabase } = await import('../tests/helpers/scratch-database.ts');
  let scratch: { drop: () => Promise<void> };
  try {
    scratch = await setupScratchDatabase('bench_last_scan_label');
  } catch (error) {
    console.log(`label bench: skipped (no local PostgreSQL: ${(error as Error).message})`);
    return;
  }
  const { startCourierSimulator, DEV_COURIER_CREDENTIALS } =
    await import('../tests/simulators/courier/server.ts');
  const courier = await startCourierSimulator();
  const { setTestEnv } = await import('../tests/helpers/test-env.ts');
  // One member reads ORDERS recipients here: above the per-actor PII read alarm.
  setTestEnv({ COURIER_SIMULATOR_URL: courier.url, PII_READ_LIMIT: '100000' });

  const { disconnectSystemDb } = await import('../lib/db/system.ts');
  const { disconnectAppDb } = await import('../lib/db/client.ts');
  const { createOrganization } = await import('../tests/factories.ts');
  const { memberContext } = await import('../tests/factories/inventory.ts');
  const { createCarrierWithRule, createPickedOrder, createShippingWarehouse } =
    await import('../tests/factories/fulfilment.ts');
  const { scanPackItem } = await import('../lib/fulfilment/pack-order.ts');
  const { createShipmentLabel } = await import('../lib/shipping/create-shipment-label.ts');
  const { testCarrierAdapter } = await import('../lib/couriers/test-carrier.ts');
  const { courierEndpoint } = await import('../lib/couriers/courier-config.ts');
  const { renderPdfLabel } = await import('../lib/couriers/labels.ts');

  try {
    const org = await createOrganization({ name: 'Label bench' });
    const owner = await memberContext(org.id, 'OWNER');
    const packer = await memberContext(org.id, 'WAREHOUSE');
    const shipping = await createShippingWarehouse(org.id);
    await createCarrierWithRule(owner, { carrier: 'TEST', serviceCode: 'TEST24', priority: 1 });

    process.stdout.write(`preparing ${ORDERS} picked orders…\n`);
    const orders = [];
    for (let i = 0; i < ORDERS; i++) {
      orders.push(
        await createPickedOrder(packer, shipping, {
          integrationId: null,
          lines: [{ sku: `BENCH-${i}`, quantity: 1 }],
          recipientName: `Bench Recipient ${i}`,
        }),
      );
    }

    const measured: number[] = [];
    for (const [i, order] of orders.entries()) {
      const t0 = performance.now();
      const scan = await scanPackItem(packer, { orderId: order.id, code: order.lines[0]!.sku });
      await createShipmentLabel(packer, { shipmentId: scan.closedParcelId! });
      if (i >= WARMUP) measured.push(performance.now() - t0);
    }

    const endpoint = courierEndpoint('TEST')!;
    const adapter = testCarrierAdapter({ ...endpoint, apiKey: DEV_COURIER_CREDENTIALS.test.apiKey });
    const shipFrom = {
      name: 'Bench Warehouse',
      line1: '1 Dock Road',
      city: 'London',
      postcode: 'E16 2QD',
      countryCode: 'GB',
    };
    const baseline: number[] = [];
    for (let i = 0; i < ORDERS; i++) {
      const shipTo = {
        name: `Bench Recipient ${i}`,
        line1: '221B Baker Street',
        city: 'London',
        postcode: 'NW1 6XE',
        countryCode: 'GB',
      };
      const t0 = performance.now();
      const result = await adapter.createShipment({
        reference: `baseline-${i}`,
        serviceCode: 'TEST24',
        shipFrom,
        shipTo,
        parcels: [{ weightGrams: 250 }],
        shipDate: new Date().toISOString(),
        label: { format: 'PDF', size: '4x6' },
      });
      await renderPdfLabel(
        {
          carrier: 'TEST',
          serviceName: 'Test 24h',
          reference: `baseline-${i}`,
          shipFrom,
          shipTo,
          weightGrams: 250,
        },
        result.trackingNumber ?? result.carrierShipmentId,
      );
      if (i >= WARMUP) baseline.push(performance.now() - t0);
    }

    const m = summary(measured);
    const b = summary(baseline);
    console.log(`\nlast scan → label stored (${measured.length} parcels, after ${WARMUP} warm-up)`);
    console.log(
      `  measured  p50 ${fmt(m.p50)}  p95 ${fmt(m.p95)}  mean ${fmt(m.mean)}   (aim: p95 ≤ 300 ms)`,
    );
    console.log(
      `  baseline  p50 ${fmt(b.p50)}  p95 ${fmt(b.p95)}  mean ${fmt(b.mean)}   (carrier round trip + raw pdfkit label)`,
    );
    console.log(
      `  ratio     p50 ${(m.p50 / b.p50).toFixed(2)}×  p95 ${(m.p95 / b.p95).toFixed(2)}×  mean ${(m.mean / b.mean).toFixed(2)}×`,
    );
  } finally {
    await courier.close();
    await Promise.allSettled([disconnectAppDb(), disconnectSystemDb()]);
    await scratch.drop();
  }
}

await main();
// The PII read monitor's Redis client (module-level) would keep the process alive.
process.exit(0);
