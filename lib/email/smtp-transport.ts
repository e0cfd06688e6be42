// SMTP delivery for account emails (password reset, invitations, security alerts) through
// nodemailer: pooled connections, proper MIME, STARTTLS and the transports operators know
// (docs/dependencies.md says why a library rather than our own client). `smtps://` connects with
// TLS at once (port 465); `smtp://` must upgrade with STARTTLS (port 587) — plaintext only to a
// local relay. TLS 1.2 or newer, certificates verified. Nothing of the message is logged, and
// errors name the SMTP step and reply code only: a server's reply text may quote the recipient.
import nodemailer from 'nodemailer';
import type { EmailTransport, TEmailMessage } from './send-email.ts';

export interface SmtpOptions {
  /** `smtps://user:pass@host:465` or `smtp://user:pass@host:587`. */
  url: string;
  /** RFC 5322 From, e.g. `Packline <no-reply@example.com>`. */
  from: string;
  timeoutMs?: number;
  /** Extra CA certificates (tests, private relays). */
  ca?: string | Buffer;
}

export class SmtpError extends Error {
  override name = 'SmtpError';
  constructor(
    message: string,
    /** nodemailer's error code, e.g. `EENVELOPE`, `EAUTH`, `ETLS`, `ECONNECTION`. */
    readonly code: string,
  ) {
    super(message);
  }
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The address inside `Name <addr>` or a bare address. */
const addressOf = (from: string): string => /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from)?.[1] ?? from.trim();

function safeError(error: unknown): SmtpError {
  const e = error as { code?: string; command?: string; responseCode?: number };
  const code = e.code ?? 'ESMTP';
  const step = e.command ? ` ${e.command.split(' ')[0]}` : '';
  const reply = e.responseCode ? ` (${e.responseCode})` : '';
  return new SmtpError(`SMTP${step} failed: ${code}${reply}`, code);
}

/** Pooled: `close()` ends the idle connections (process shutdown, tests). */
export function smtpTransport(options: SmtpOptions): EmailTransport & { close(): void } {
  const url = new URL(options.url);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new SmtpError('SMTP URL must be smtp:// or smtps://', 'ECONFIG');
  }
  const secure = url.protocol === 'smtps:';
  const timeout = options.timeoutMs ?? 15_000;
  const transporter = nodemailer.createTransport({
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || (secure ? 465 : 587)),
    secure,
    // Without TLS only to a relay on this machine.
    requireTLS: !secure && !LOCAL_HOSTS.has(url.hostname),
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    name: addressOf(options.from).split('@')[1] ?? 'localhost',
    tls: { minVersion: 'TLSv1.2', ca: options.ca, servername: url.hostname },
    pool: true,
    maxConnections: 3,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    logger: false,
    debug: false,
  });
  return {
    async send(message: TEmailMessage) {
      try {
        await transporter.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
        });
      } catch (error) {
        throw safeError(error);
      }
    },
    close: () => transporter.close(),
  };
}
