// Prisma's schema engine compiled to Wasm (@prisma/schema-engine-wasm), used offline to turn a
// change between two datamodels into migration SQL (the native engine cannot be downloaded here).
// The engine insists on a driver adapter and checks the server version at start, so it gets one
// connected to a local database; `diff` between datamodels never touches that database.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

type DiffTarget = { tag: 'empty' } | { tag: 'schemaDatamodel'; files: { path: string; content: string }[] };

interface WasmSchemaEngine {
  diff(params: {
    from: DiffTarget;
    to: DiffTarget;
    script: boolean;
    exitCode: boolean | null;
    filters: { externalTables: string[]; externalEnums: string[] };
  }): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
}

let engineModule:
  Promise<{ SchemaEngine: { new: (...a: unknown[]) => Promise<WasmSchemaEngine> } }> | undefined;

async function loadEngineModule() {
  const require = createRequire(import.meta.url);
  const dir = require.resolve('@prisma/schema-engine-wasm').replace(/schema_engine\.js$/, '');
  const bg = await import(`${dir}schema_engine_bg.js`);
  const bytes = await readFile(`${dir}schema_engine_bg.wasm`);
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  return bg;
}

const datamodel = (content: string | null): DiffTarget =>
  content === null
    ? { tag: 'empty' }
    : { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content }] };

/**
 * SQL that takes a database from datamodel `from` (null = empty database) to datamodel `to`.
 * `versionCheckUrl` is any reachable local Postgres (the engine asks its version at start).
 */
export async function diffDatamodels(
  from: string | null,
  to: string,
  versionCheckUrl: string,
): Promise<string> {
  engineModule ??= loadEngineModule();
  const { SchemaEngine } = await engineModule;
  const factory = new PrismaPg({ connectionString: versionCheckUrl, max: 1 });
  const engine = await SchemaEngine.new(
    { datamodels: [['schema.prisma', to]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    const result = await engine.diff({
      from: datamodel(from),
      to: datamodel(to),
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? '';
  } finally {
    engine.free();
  }
}

/** True when the engine's script is only its "empty migration" comment. */
export const isEmptyMigration = (sql: string): boolean =>
  sql
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('--')).length === 0;
