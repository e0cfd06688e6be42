// Tests that send account emails capture them here instead of the outbox: the transport is
// replaced for the file, the list emptied after each test and the transport restored at the end.
import { afterAll, afterEach } from 'vitest';
import { setEmailTransportForTests, type TEmailMessage } from '../../lib/email/send-email.ts';

export function captureEmails(): TEmailMessage[] {
  const sent: TEmailMessage[] = [];
  setEmailTransportForTests({ send: async (m) => void sent.push(m) });
  afterEach(() => {
    sent.length = 0;
  });
  afterAll(() => setEmailTransportForTests(undefined));
  return sent;
}
