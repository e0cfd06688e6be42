// The fresh proof of identity a destructive action asks for (lib/auth/require-recent-auth.ts): a
// code from the authenticator app when two-factor authentication is on, else the password.
import { InputField } from '@/components/ui/field.tsx';

export function RecentAuthField({
  method,
  errors,
}: {
  method: 'mfa' | 'password';
  errors?: Record<string, string>;
}) {
  return method === 'mfa' ? (
    <InputField
      label="Code from your authenticator app"
      name="mfaCode"
      inputMode="numeric"
      autoComplete="one-time-code"
      className="font-mono"
      error={errors?.mfaCode}
      required
    />
  ) : (
    <InputField
      label="Your password"
      name="password"
      type="password"
      autoComplete="current-password"
      error={errors?.password}
      required
    />
  );
}
