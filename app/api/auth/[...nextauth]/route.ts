// next-auth's endpoints (sign-in callbacks, CSRF, session, sign-out). Its configuration and the
// RS256 session tokens live in lib/auth/auth-options.ts.
import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/auth-options.ts';

// Authentication endpoints: each request authenticates itself (credentials, OAuth callback, or the
// session cookie verified by authOptions.jwt.decode); no tenant permission applies.
const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
