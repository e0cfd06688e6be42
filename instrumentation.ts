// Runs once when the Next.js server starts: validate the environment at boot, so a bad or missing
// variable stops the server with a message naming it instead of failing on the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getEnv } = await import('./lib/env.ts');
  getEnv();
}
