// SMTP delivery for account emails (password reset, invitations) without a mail package: a small
// RFC 5321 client over node:net / node:tls. `smtps://` connects with TLS at once (port 465);
// `smtp://` must upgrade with STARTTLS (port 587) — plaintext only to localhost. AUTH PLAIN when
// the URL has credentials. One connection per message (account mail is rare), with a timeout.
// The body is base64 (UTF-8), so no line-length or dot-stuffing issues in content; header values
// are checked for CR/LF (no header injection). Nothing of the message is logged.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
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
}

interface Reply {
  code: number;
  lines: string[];
}

class Connection {
  private buffer = '';
  private waiting: ((reply: Reply) => void) | null = null;
  private failed: ((error: Error) => void) | null = null;
  private pending: Reply[] = [];
  private lines: string[] = [];

  constructor(
    public socket: net.Socket,
    private readonly timeoutMs: number,
  ) {
    this.attach(socket);
  }

  attach(socket: net.Socket): void {
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.setTimeout(this.timeoutMs, () => socket.destroy(new SmtpError('SMTP timeout')));
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', (error) => this.failed?.(error));
    socket.on('close', () => this.failed?.(new SmtpError('SMTP connection closed')));
  }

  detach(): void {
    this.socket.removeAllListeners('data');
    this.socket.removeAllListeners('error');
    this.socket.removeAllListeners('close');
    this.socket.setTimeout(0);
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let index: number;
    while ((index = this.buffer.indexOf('\r\n')) !== -1) {
      const line = this.buffer.slice(0, index);
      this.buffer = this.buffer.slice(index + 2);
      this.lines.push(line);
      if (/^\d{3} /.test(line) || /^\d{3}$/.test(line)) {
        const reply = { code: Number(line.slice(0, 3)), lines: this.lines.map((l) => l.slice(4)) };
        this.lines = [];
        if (this.waiting) {
          const resolve = this.waiting;
          this.waiting = null;
          resolve(reply);
        } else this.pending.push(reply);
      }
    }
  }

  read(): Promise<Reply> {
    const queued = this.pending.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failed = reject;
    });
  }

  async command(line: string | null, expect: number[], label: string): Promise<Reply> {
    if (line !== null) this.socket.write(`${line}\r\n`);
    const reply = await this.read();
    // The label, never the line: it may hold credentials or addresses.
    if (!expect.includes(reply.code)) throw new SmtpError(`SMTP ${label} refused (${reply.code})`);
    return reply;
  }
}

const noLineBreaks = (value: string, what: string): string => {
  if (/[\r\n]/.test(value)) throw new SmtpError(`${what} contains a line break`);
  return value;
};

function encodeHeader(value: string): string {
  noLineBreaks(value, 'header');
  return /^[\x20-\x7e]*$/.test(value)
    ? value
    : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/** The address inside `Name <addr>` or a bare address. */
export function envelopeAddress(from: string): string {
  const match = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from);
  return noLineBreaks(match?.[1] ?? from.trim(), 'address');
}

export function buildMessage(from: string, message: TEmailMessage, now = new Date()): string {
  const domain = envelopeAddress(from).split('@')[1] ?? 'localhost';
  const body = Buffer.from(message.text.replace(/\r?\n/g, '\r\n'), 'utf8')
    .toString('base64')
    .replace(/.{1,76}/g, '$&\r\n');
  return [
    `From: ${noLineBreaks(from, 'from')}`,
    `To: ${noLineBreaks(message.to, 'to')}`,
    `Subject: ${encodeHeader(message.subject)}`,
    `Date: ${now.toUTCString()}`,
    `Message-ID: <${randomBytes(12).toString('hex')}@${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    body,
  ].join('\r\n');
}

function connect(url: URL, options: SmtpOptions): Promise<net.Socket> {
  const port = Number(url.port || (url.protocol === 'smtps:' ? 465 : 587));
  const host = url.hostname;
  return new Promise((resolve, reject) => {
    const socket =
      url.protocol === 'smtps:'
        ? tls.connect({ host, port, servername: host, ca: options.ca }, () => resolve(socket))
        : net.connect({ host, port }, () => resolve(socket));
    socket.once('error', reject);
    socket.setTimeout(options.timeoutMs ?? 15_000, () =>
      socket.destroy(new SmtpError('SMTP connect timeout')),
    );
  });
}

const isLocalhost = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]';

export async function sendViaSmtp(options: SmtpOptions, message: TEmailMessage): Promise<void> {
  const url = new URL(options.url);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new SmtpError('SMTP URL must be smtp:// or smtps://');
  const timeoutMs = options.timeoutMs ?? 15_000;
  const conn = new Connection(await connect(url, options), timeoutMs);
  const hello = `EHLO ${envelopeAddress(options.from).split('@')[1] ?? 'localhost'}`;
  try {
    await conn.command(null, [220], 'greeting');
    let ehlo = await conn.command(hello, [250], 'EHLO');
    if (url.protocol === 'smtp:') {
      if (ehlo.lines.some((l) => /^STARTTLS\b/i.test(l))) {
        await conn.command('STARTTLS', [220], 'STARTTLS');
        conn.detach();
        const plain = conn.socket;
        const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
          const s = tls.connect({ socket: plain, servername: url.hostname, ca: options.ca }, () =>
            resolve(s),
          );
          s.once('error', reject);
        });
        conn.attach(secure);
        ehlo = await conn.command(hello, [250], 'EHLO');
      } else if (!isLocalhost(url.hostname)) {
        throw new SmtpError('SMTP server offers no STARTTLS; refusing to send in clear text');
      }
    }
    if (url.username) {
      const credentials = Buffer.from(
        `\0${decodeURIComponent(url.username)}\0${decodeURIComponent(url.password)}`,
        'utf8',
      ).toString('base64');
      await conn.command(`AUTH PLAIN ${credentials}`, [235], 'AUTH');
    }
    await conn.command(`MAIL FROM:<${envelopeAddress(options.from)}>`, [250], 'MAIL FROM');
    await conn.command(`RCPT TO:<${noLineBreaks(message.to, 'to')}>`, [250, 251], 'RCPT TO');
    await conn.command('DATA', [354], 'DATA');
    await conn.command(`${buildMessage(options.from, message)}\r\n.`, [250], 'message');
    await conn.command('QUIT', [221], 'QUIT').catch(() => undefined);
  } finally {
    conn.detach();
    conn.socket.destroy();
  }
}

export function smtpTransport(options: SmtpOptions): EmailTransport {
  return { send: (message) => sendViaSmtp(options, message) };
}
