// The two-tenant walk covers the whole surface (docs/decisions/0020-tenancy-walk-and-404s.md):
// every route handler method, every server action and every page found in app/ has a row in
// tests/helpers/tenancy-walk-table.ts, and every row still has its endpoint. A new endpoint without
// a cross-tenant row fails here, naming the row to add. Also: no loading.tsx sits above a page that
// can answer 404, since a loading boundary sends the 200 before the page runs.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  dynamicParams,
  pages,
  readSource,
  routeHandlers,
  serverActions,
  sourceFiles,
} from '../helpers/app-surface.ts';
import { ACTIONS, PAGES, ROUTES } from '../helpers/tenancy-walk-table.ts';

const TABLE = 'tests/helpers/tenancy-walk-table.ts';

/** Problems between what the file system has and what a table lists. */
function compare(kind: string, table: string, found: string[], rows: Record<string, unknown>): string[] {
  const problems = found
    .filter((key) => !(key in rows))
    .map((key) => `${kind} ${key} has no row: add '${key}': { … } to ${table} in ${TABLE}`);
  for (const key of Object.keys(rows)) {
    if (!found.includes(key)) problems.push(`${table}['${key}'] names no ${kind} any more: remove the row`);
  }
  return problems;
}

describe('the two-tenant walk’s table', () => {
  it('has a row for every route handler method', async () => {
    const found = (await routeHandlers()).map((r) => r.key);
    expect(found.length).toBeGreaterThan(0);
    expect(compare('route handler', 'ROUTES', found, ROUTES)).toEqual([]);
  });

  it('has a row for every server action', async () => {
    const found = (await serverActions()).map((a) => a.key);
    expect(found.length).toBeGreaterThan(0);
    expect(compare('server action', 'ACTIONS', found, ACTIONS)).toEqual([]);
  });

  it('has a row for every page', async () => {
    const found = (await pages()).map((p) => p.pattern);
    expect(found.length).toBeGreaterThan(0);
    expect(compare('page', 'PAGES', found, PAGES)).toEqual([]);
  });

  it('walks every page with an id parameter (beyond the organization) with foreign ids', async () => {
    const problems = (await pages())
      .filter((p) => dynamicParams(p.pattern).some((name) => name !== 'org'))
      .filter((p) => {
        const row = PAGES[p.pattern];
        return row && !('foreign' in row) && !('outsideTenancy' in row);
      })
      .map((p) => `${p.pattern} takes an id: its row needs foreign: (t) => ({ params: … })`);
    expect(problems).toEqual([]);
  });

  it('rows under /[org] are walked, not waved through', () => {
    const waved = Object.entries(PAGES)
      .filter(([pattern, row]) => pattern.startsWith('/[org]') && 'outsideTenancy' in row)
      .map(([pattern]) => pattern);
    expect(waved).toEqual([]);
  });

  it('reports a missing and a stale row by name', () => {
    expect(compare('server action', 'ACTIONS', ['a.ts#x'], { 'b.ts#y': {} })).toEqual([
      `server action a.ts#x has no row: add 'a.ts#x': { … } to ACTIONS in ${TABLE}`,
      "ACTIONS['b.ts#y'] names no server action any more: remove the row",
    ]);
  });
});

describe('status codes of pages that can answer 404', () => {
  it('no loading.tsx wraps a page that takes an id or calls notFound()', async () => {
    const loadings = (await sourceFiles('app', (n) => /^loading\.(tsx|jsx|ts|js)$/.test(n))).map(
      path.dirname,
    );
    const problems: string[] = [];
    for (const page of await sourceFiles('app', (n) => /^page\.(tsx|jsx|ts|js)$/.test(n))) {
      const dir = path.dirname(page);
      const source = await readSource(page);
      for (const loading of loadings) {
        if (dir !== loading && !dir.startsWith(`${loading}${path.sep}`)) continue;
        const below = path.relative(loading, dir);
        if (/\[/.test(below) || /\bnotFound\(|Or404\(/.test(source)) {
          problems.push(`${loading}/loading.tsx streams a 200 before ${page} can answer 404`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
