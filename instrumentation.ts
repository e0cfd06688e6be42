// Runs once when the Next.js server starts: validate the environment at boot, so a bad or missing
// variable stops the server with a message naming it instead of failing on the first request.
// Also stamps each request's TCP peer address into a header (lib/http/peer-address.ts).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getEnv } = await import('./lib/env.ts');
  getEnv();
  const { installPeerAddressHeader } = await import('./lib/http/peer-address.ts');
  installPeerAddressHeader();
}
