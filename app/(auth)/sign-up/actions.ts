'use server';

// Sign-up: creates the user and their organization (OWNER), then signs them in. Public by nature
// (no session, no tenant); guarded by the per-IP limit and honeypot inside signUp().
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { formStateFromError, type FormState } from '@/lib/auth/form-state.ts';
import { requestMeta } from '@/lib/auth/request-meta.ts';
import { nowSeconds, writeSessionCookie } from '@/lib/auth/session-cookie.ts';
import { signUp } from '@/lib/auth/sign-up.ts';

export async function submitSignUp(_prev: FormState, formData: FormData): Promise<FormState> {
  const meta = requestMeta(await headers());
  let slug: string;
  try {
    const result = await signUp(
      {
        name: formData.get('name') ?? '',
        email: formData.get('email') ?? '',
        password: formData.get('password') ?? '',
        organizationName: formData.get('organizationName') ?? '',
        website: formData.get('website') ?? undefined,
      },
      meta,
    );
    const now = nowSeconds();
    await writeSessionCookie({
      sub: result.userId,
      sv: result.sessionVersion,
      authTime: now,
      mfa: 'none',
      pwdAt: now,
    });
    slug = result.slug;
  } catch (error) {
    const text = (key: string) => String(formData.get(key) ?? '').slice(0, 320);
    return {
      ...formStateFromError(error, meta.requestId),
      values: { name: text('name'), email: text('email'), organizationName: text('organizationName') },
    };
  }
  redirect(`/${slug}`);
}
