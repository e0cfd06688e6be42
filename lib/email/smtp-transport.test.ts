// The SMTP transport (nodemailer) against a real SMTP server (the `smtp-server` package) on
// loopback: AUTH, STARTTLS with a verified certificate, the MIME message read back with
// `mailparser`, refusals surfaced without the recipient or credentials, and no clear-text
// delivery to a non-local server that lacks STARTTLS.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateSimulatorCertificates } from '../../tests/simulators/amazon/certs.ts';
import { ZEmailMessage } from './send-email.ts';
import { SmtpError, smtpTransport as createTransport, type SmtpOptions } from './smtp-transport.ts';

function smtpTransport(options: SmtpOptions) {
  const transport = createTransport(options);
  transports.push(transport);
  return transport;
}

const servers: SMTPServer[] = [];
const transports: { close(): void }[] = [];
afterEach(async () => {
  for (const t of transports.splice(0)) t.close();
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

interface Received {
  auth: { username?: string; password?: string }[];
  recipients: string[];
  mails: ParsedMail[];
  secure: boolean[];
}

async function startServer(host: string, options: SMTPServerOptions = {}) {
  const received: Received = { auth: [], recipients: [], mails: [], secure: [] };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      received.auth.push({ username: auth.username, password: auth.password ?? undefined });
      callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('nobody@')) {
        callback(Object.assign(new Error('no such user nobody@example.test'), { responseCode: 550 }));
        return;
      }
      received.recipients.push(address.address);
      callback();
    },
    onData(stream, session, callback) {
      received.secure.push(session.secure);
      simpleParser(stream).then(
        (mail) => {
          received.mails.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
    ...options,
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { port, received };
}

const message = ZEmailMessage.parse({
  to: 'ana@example.test',
  subject: 'Réinitialiser le mot de passe',
  text: 'Hello Ana,\nopen https://packline.test/reset-password#token=pwr_x\n',
  kind: 'password.reset',
});

async function failureOf(promise: Promise<unknown>): Promise<SmtpError> {
  const error = await promise.then(
    () => new Error('sent'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmtpError);
  return error as SmtpError;
}

describe('SMTP transport', () => {
  it('delivers a UTF-8 message with AUTH to a local relay', async () => {
    const { port, received } = await startServer('127.0.0.1', { authMethods: ['PLAIN'] });
    await smtpTransport({
      url: `smtp://mailer%40packline.test:s3cr%3At@127.0.0.1:${port}`,
      from: 'Packline <no-reply@packline.test>',
    }).send(message);
    expect(received.auth).toEqual([{ username: 'mailer@packline.test', password: 's3cr:t' }]);
    expect(received.recipients).toEqual(['ana@example.test']);
    const mail = received.mails[0]!;
    expect(mail.subject).toBe('Réinitialiser le mot de passe');
    expect(mail.from?.value[0]?.address).toBe('no-reply@packline.test');
    expect(mail.text).toContain('reset-password#token=pwr_x');
  });

  it('upgrades with STARTTLS and verifies the certificate', async () => {
    const certs = loadOrCreateSimulatorCertificates();
    const { port, received } = await startServer('127.0.0.1', {
      disabledCommands: [],
      key: certs.key,
      cert: certs.cert,
    });
    await smtpTransport({
      url: `smtp://localhost:${port}`,
      from: 'no-reply@packline.test',
      ca: certs.ca,
    }).send(message);
    expect(received.secure).toEqual([true]);

    // Without the CA the certificate is refused: nothing is sent.
    const error = await failureOf(
      smtpTransport({ url: `smtp://localhost:${port}`, from: 'no-reply@packline.test' }).send(message),
    );
    expect(error.code).toBe('ESOCKET');
    expect(received.mails).toHaveLength(1);
  });

  it('reports a refusal by step and code, without the recipient or credentials', async () => {
    const { port } = await startServer('127.0.0.1');
    const error = await failureOf(
      smtpTransport({ url: `smtp://u:topsecret@127.0.0.1:${port}`, from: 'no-reply@packline.test' }).send({
        ...message,
        to: 'nobody@example.test',
      }),
    );
    expect(error.code).toBe('EENVELOPE');
    expect(error.message).toBe('SMTP RCPT failed: EENVELOPE (550)');
    expect(error.message).not.toMatch(/nobody@|topsecret/);
  });

  it('refuses to send in clear text to a non-local server without STARTTLS', async () => {
    const { port, received } = await startServer('127.0.0.2');
    const error = await failureOf(
      smtpTransport({ url: `smtp://127.0.0.2:${port}`, from: 'no-reply@packline.test' }).send(message),
    );
    expect(error.code).toBe('ETLS');
    expect(received.mails).toHaveLength(0);
  });

  it('refuses a subject with a line break (header injection) when the message is parsed', () => {
    const parsed = ZEmailMessage.safeParse({ ...message, subject: 'hi\r\nBcc: x@y.z' });
    expect(parsed.success).toBe(false);
  });
});
