// The SMTP client against a scripted in-process server: the conversation, AUTH PLAIN, the MIME
// message (base64 UTF-8 body, encoded subject), refusals surfaced without secrets, and no
// clear-text delivery to a non-local server that lacks STARTTLS.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildMessage, envelopeAddress, sendViaSmtp, SmtpError } from './smtp-transport.ts';

const servers: net.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A tiny SMTP server: records commands; `reject` maps a command prefix to a reply. */
async function fakeServer(host = '127.0.0.1', reject: Record<string, string> = {}, starttls = false) {
  const commands: string[] = [];
  let data = '';
  const server = net.createServer((socket) => {
    socket.setEncoding('utf8');
    socket.write('220 fake ESMTP\r\n');
    let inData = false;
    let buffer = '';
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (inData) {
        const end = buffer.indexOf('\r\n.\r\n');
        if (end === -1) return;
        data = buffer.slice(0, end);
        buffer = buffer.slice(end + 5);
        inData = false;
        socket.write('250 queued\r\n');
      }
      let i: number;
      while (!inData && (i = buffer.indexOf('\r\n')) !== -1) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        commands.push(line);
        const refusal = Object.entries(reject).find(([prefix]) => line.startsWith(prefix));
        if (refusal) socket.write(`${refusal[1]}\r\n`);
        else if (line.startsWith('EHLO'))
          socket.write(`250-fake\r\n250-AUTH PLAIN\r\n${starttls ? '250-STARTTLS\r\n' : ''}250 8BITMIME\r\n`);
        else if (line.startsWith('AUTH')) socket.write('235 ok\r\n');
        else if (line === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (line === 'QUIT') {
          socket.end('221 bye\r\n');
        } else socket.write('250 ok\r\n');
      }
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, commands, data: () => data };
}

const message = {
  to: 'ana@example.test',
  subject: 'Réinitialiser le mot de passe',
  text: 'Hello Ana,\nopen https://packline.test/reset-password#token=pwr_x\n',
  kind: 'password.reset',
};

describe('SMTP transport', () => {
  it('delivers a message with AUTH PLAIN and a base64 UTF-8 body', async () => {
    const server = await fakeServer();
    await sendViaSmtp(
      {
        url: `smtp://mailer%40packline.test:s3cr%3At@127.0.0.1:${server.port}`,
        from: 'Packline <no-reply@packline.test>',
      },
      message,
    );
    expect(server.commands[0]).toBe('EHLO packline.test');
    const auth = Buffer.from(server.commands[1]!.replace('AUTH PLAIN ', ''), 'base64').toString();
    expect(auth).toBe('\0mailer@packline.test\0s3cr:t');
    expect(server.commands.slice(2)).toEqual([
      'MAIL FROM:<no-reply@packline.test>',
      'RCPT TO:<ana@example.test>',
      'DATA',
      'QUIT',
    ]);
    const raw = server.data();
    expect(raw).toContain('Subject: =?UTF-8?B?');
    expect(raw).toContain('Content-Transfer-Encoding: base64');
    const body = raw.split('\r\n\r\n')[1]!.replace(/\r\n/g, '');
    expect(Buffer.from(body, 'base64').toString()).toContain('reset-password#token=pwr_x');
  });

  it('reports a refusal by step and code, without the recipient or credentials', async () => {
    const server = await fakeServer('127.0.0.1', { 'RCPT TO': '550 no such user' });
    const error = await sendViaSmtp(
      { url: `smtp://u:topsecret@127.0.0.1:${server.port}`, from: 'no-reply@packline.test' },
      message,
    ).then(
      () => new Error('sent'),
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(SmtpError);
    expect(error.message).toBe('SMTP RCPT TO refused (550)');
    expect(error.message).not.toMatch(/ana@|topsecret/);
  });

  it('refuses to send in clear text to a non-local server without STARTTLS', async () => {
    const server = await fakeServer('127.0.0.2');
    await expect(
      sendViaSmtp({ url: `smtp://127.0.0.2:${server.port}`, from: 'no-reply@packline.test' }, message),
    ).rejects.toThrow(/no STARTTLS/);
    expect(server.commands).not.toContain('DATA');
  });

  it('refuses header injection', () => {
    expect(() => buildMessage('a@b.test', { ...message, subject: 'hi\r\nBcc: x@y.z' })).toThrow(/line break/);
    expect(envelopeAddress('Packline <no-reply@packline.test>')).toBe('no-reply@packline.test');
  });
});
