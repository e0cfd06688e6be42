// npm run operator:create -- --email someone@packline.example
// The only way to create a platform operator (issue 3, item 10). Prints a one-time password to
// hand over out of band; the operator must enrol TOTP on first sign-in at /operator/sign-in.
import { parseArgs } from 'node:util';
import { createOperator } from '../lib/operators/create-operator.ts';
import { disconnectAppDb } from '../lib/db/client.ts';
import { getEnv } from '../lib/env.ts';

const { values } = parseArgs({ options: { email: { type: 'string' } }, strict: true });
if (!values.email) {
  process.stderr.write('usage: npm run operator:create -- --email <address>\n');
  process.exit(2);
}
try {
  const { oneTimePassword } = await createOperator({ email: values.email });
  process.stdout.write(
    [
      `Operator created for ${values.email}.`,
      `One-time password (shown once, hand it over securely): ${oneTimePassword}`,
      `Sign in at ${new URL('/operator/sign-in', getEnv().APP_URL).toString()} — TOTP enrolment is required on first sign-in.`,
      '',
    ].join('\n'),
  );
} catch (error) {
  process.stderr.write(
    `operator:create failed: ${error instanceof Error ? error.message : 'unknown error'}\n`,
  );
  process.exitCode = 1;
} finally {
  await disconnectAppDb();
}
