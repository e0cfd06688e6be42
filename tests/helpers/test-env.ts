// Tests that need particular settings change the environment through this one helper: it sets
// (or, for undefined, removes) the variables and drops what lib/ cached from the old values.
import { resetEnvForTests } from '../../lib/env.ts';
import { resetSigningKeysForTests } from '../../lib/auth/keys.ts';

/** The whole environment now; the returned function puts it back exactly (added names removed). */
export function snapshotTestEnv(): () => void {
  const saved = { ...process.env };
  return () => {
    const added = Object.keys(process.env).filter((name) => !(name in saved));
    setTestEnv({ ...Object.fromEntries(added.map((name) => [name, undefined])), ...saved });
  };
}

export function setTestEnv(vars: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvForTests();
  resetSigningKeysForTests();
}

/** The environment for a child process of a test: this one's, with `extra` on top. */
export function childProcessEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
