// The app's reachable surface, read from the file system (source only, no imports): every route
// handler method (`app/**/route.ts`), every export of every `'use server'` module, every page.
// tests/unit/permission-coverage.test.ts checks each declares a permission;
// tests/unit/tenancy-walk-coverage.test.ts checks each has a row in the two-tenant walk.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export interface Finding {
  name: string;
  permission?: string;
  wrapper?: 'withTenantRoute' | 'tenantAction' | 'operatorAction';
}

/** The exported names of a module's source, with the wrapper and permission each declares. */
export function analyseExports(source: string): Finding[] {
  const findings: Finding[] = [];
  const declared = /export\s+(?:async\s+)?(?:function\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)/g;
  for (const m of source.matchAll(declared)) findings.push(describeExport(source, m.index, m[1]!));
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (name) findings.push({ name });
    }
  }
  if (/export\s+default\b/.test(source)) findings.push({ name: 'default' });
  return findings;
}

function describeExport(source: string, index: number, name: string): Finding {
  const rest = source.slice(index);
  const statement = new RegExp(
    `^export\\s+const\\s+${name.replace('$', '\\$')}\\s*=\\s*(withTenantRoute|tenantAction|operatorAction)\\s*\\(`,
  ).exec(rest);
  if (!statement) return { name };
  const wrapper = statement[1] as Finding['wrapper'];
  // The statement ends at the next top-level export (or the end of the file).
  const next = rest.slice(statement[0].length).search(/\nexport\s/);
  const body = next === -1 ? rest : rest.slice(0, statement[0].length + next);
  const permission =
    wrapper === 'withTenantRoute'
      ? /permission:\s*'([a-z_.]+)'/.exec(body)?.[1]
      : new RegExp(`${wrapper}\\(\\s*[A-Za-z_$][\\w$.]*(?:\\([^()]*\\))?\\s*,\\s*'([a-z_.]+)'`).exec(
          body,
        )?.[1];
  return { name, wrapper, permission };
}

export const hasUseServerDirective = (source: string): boolean =>
  /^(?:\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*['"]use server['"]/.test(source);

/** Files under `dir` (relative to the repository) whose name matches, as relative paths. */
export async function sourceFiles(dir: string, match: (name: string) => boolean): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, dir), { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map(async (e) => {
      const rel = path.join(dir, e.name);
      if (e.isDirectory())
        return ['node_modules', 'generated', '.next'].includes(e.name) ? [] : sourceFiles(rel, match);
      return match(e.name) ? [rel] : [];
    }),
  );
  return nested.flat().sort();
}

export const readSource = (file: string): Promise<string> => readFile(path.join(ROOT, file), 'utf8');

/** Every route handler as `<file>#<METHOD>` with what its export declares. */
export async function routeHandlers(): Promise<{ key: string; file: string; finding: Finding }[]> {
  const out: { key: string; file: string; finding: Finding }[] = [];
  for (const file of await sourceFiles('app', (n) => /^route\.(ts|tsx|js)$/.test(n))) {
    for (const finding of analyseExports(await readSource(file))) {
      if (HTTP_METHODS.includes(finding.name)) out.push({ key: `${file}#${finding.name}`, file, finding });
    }
  }
  return out;
}

/** Every export of every `'use server'` module under app/, components/ and lib/ as `<file>#<export>`. */
export async function serverActions(): Promise<{ key: string; file: string; finding: Finding }[]> {
  const sources = [
    ...(await sourceFiles('app', (n) => /\.(ts|tsx)$/.test(n))),
    ...(await sourceFiles('components', (n) => /\.(ts|tsx)$/.test(n))),
    ...(await sourceFiles('lib', (n) => /\.(ts|tsx)$/.test(n) && !/\.test\.tsx?$/.test(n))),
  ];
  const out: { key: string; file: string; finding: Finding }[] = [];
  for (const file of sources) {
    const source = await readSource(file);
    if (!hasUseServerDirective(source)) continue;
    for (const finding of analyseExports(source)) out.push({ key: `${file}#${finding.name}`, file, finding });
  }
  return out;
}

/** The URL pattern of a page or route file: route groups dropped, e.g. `/[org]/orders/[orderId]`. */
export function urlPatternOf(file: string): string {
  const segments = path
    .dirname(path.relative('app', file))
    .split(path.sep)
    .filter((s) => s !== '.' && !/^\(.*\)$/.test(s));
  return `/${segments.join('/')}`;
}

/** Every page as its URL pattern, with the file. */
export async function pages(): Promise<{ pattern: string; file: string }[]> {
  const files = await sourceFiles('app', (n) => /^page\.(ts|tsx|js|jsx)$/.test(n));
  return files.map((file) => ({ pattern: urlPatternOf(file), file }));
}

/** The dynamic segments of a URL pattern (`[orderId]`, `[...section]`) as parameter names. */
export const dynamicParams = (pattern: string): string[] =>
  [...pattern.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]!);
