// Which Chromium the end-to-end tests drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium
// (Playwright cannot download its own browsers here). Missing → one line saying what to install.
import { existsSync } from 'node:fs';

export function chromiumPath(): string {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (existsSync(configured)) return configured;
    throw new Error(`CHROMIUM_PATH is ${configured}, which does not exist`);
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error(
    "Chromium not found: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH",
  );
}
