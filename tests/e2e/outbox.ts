// The development outbox (lib/email/send-email.ts) as the e2e stack writes it: one JSON file per
// message. Specs wait here for the emailed link they need (invitations, email verification).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const OUTBOX = path.resolve(import.meta.dirname, '../../.outbox');

/** The first match of `link` (its first group) in the newest message of `kind` to `to`; waits up to 5 s. */
export async function linkFromOutbox(to: string, kind: string, link: RegExp): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const names = (await readdir(OUTBOX).catch(() => [] as string[]))
      .filter((n) => n.endsWith('.json'))
      .sort()
      .reverse();
    for (const name of names) {
      const message = JSON.parse(await readFile(path.join(OUTBOX, name), 'utf8')) as {
        to: string;
        kind: string;
        text: string;
      };
      const found = message.to === to && message.kind === kind ? link.exec(message.text)?.[1] : undefined;
      if (found) return found;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${kind} email in the outbox`);
}

export const INVITATION_LINK = /(https?:\/\/\S+\/invitations\/accept#inv_[A-Za-z0-9_-]{43})/;
export const VERIFICATION_LINK = /(https?:\/\/\S+\/verify-email#token=[A-Za-z0-9._-]+)/;
