// DNS answers a test controls, for code that resolves tenant-set host names through the outbound
// URL guard (lib/http/outbound-url-guard.ts): no test asks a real resolver or reaches a public host.
import type { HostResolver } from '../../lib/http/outbound-url-guard.ts';

/** Every name resolves to `address`. */
export const dnsAnswering =
  (address: string): HostResolver =>
  async () => [{ address, family: address.includes(':') ? 6 : 4 }];

/** A public address (example.com's): saving checks it; nothing is ever sent to it. */
export const publicDns: HostResolver = dnsAnswering('93.184.215.14');
