// The email transport interface (issue 3: invitations, password reset). Use cases call
// `sendEmail`; which transport delivers is decided here. Until an SMTP transport is configured
// this is the development outbox: one JSON file per message in `.outbox/`, which developers
// open by hand and end-to-end tests read (tests/e2e/outbox.ts); production refuses it unless a
// throwaway test stack allows it (lib/env.ts). Messages hold links with secrets,
// so their bodies are never logged — only that a message of a kind was written.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { newId } from '../db/ids.ts';
import { getEnv } from '../env.ts';
import { getLogger } from '../logger.ts';
import { smtpTransport } from './smtp-transport.ts';

export const ZEmailMessage = z.strictObject({
  to: z.email().max(320),
  subject: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^\r\n]*$/, 'no line breaks in a subject'),
  text: z.string().min(1).max(20_000),
  html: z.string().max(100_000).optional(),
  /** What kind of message (for logs and tests), e.g. `member.invitation`, `password.reset`. */
  kind: z.string().regex(/^[a-z][a-z0-9_.]*$/),
});
export type TEmailMessage = z.infer<typeof ZEmailMessage>;

/** The development outbox directory (relative to the process's working directory). */
export const OUTBOX_DIR = '.outbox';

export interface EmailTransport {
  send(message: TEmailMessage): Promise<void>;
}

export interface OutboxEntry extends TEmailMessage {
  id: string;
  at: string;
}

/** Writes each message as `<uuidv7>.json` (ids sort by time) into the outbox directory. */
export function outboxTransport(dir = OUTBOX_DIR): EmailTransport {
  return {
    async send(message) {
      await mkdir(dir, { recursive: true });
      const id = newId();
      const entry: OutboxEntry = { id, at: new Date().toISOString(), ...message };
      await writeFile(
        path.join(/*turbopackIgnore: true*/ dir, `${id}.json`),
        JSON.stringify(entry, null, 2),
        { mode: 0o600 },
      );
    },
  };
}

let transport: EmailTransport | undefined;

/** SMTP when SMTP_URL is set (lib/email/smtp-transport.ts), else the development outbox. */
export function getEmailTransport(): EmailTransport {
  const env = getEnv();
  transport ??= env.SMTP_URL ? smtpTransport({ url: env.SMTP_URL, from: env.EMAIL_FROM }) : outboxTransport();
  return transport;
}

/** Test helper: replace the transport (pass undefined to restore the default). */
export function setEmailTransportForTests(next: EmailTransport | undefined): void {
  transport = next;
}

export async function sendEmail(message: TEmailMessage): Promise<void> {
  const parsed = ZEmailMessage.parse(message);
  await getEmailTransport().send(parsed);
  getLogger().info({ kind: parsed.kind }, 'email sent');
}

/** Reads the outbox, newest first (development and tests only). */
export async function readOutbox(dir = OUTBOX_DIR): Promise<OutboxEntry[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  names.sort().reverse();
  return Promise.all(
    names.map(
      async (n) =>
        JSON.parse(await readFile(path.join(/*turbopackIgnore: true*/ dir, n), 'utf8')) as OutboxEntry,
    ),
  );
}
