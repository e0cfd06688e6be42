// Next.js configuration. A phase function rather than a plain object, so production-only headers
// (HSTS) follow the Next phase and this file needs no process.env (lib/env.ts is the only reader).
import type { NextConfig } from 'next';
import { PHASE_PRODUCTION_BUILD, PHASE_PRODUCTION_SERVER } from 'next/constants';
import { buildStaticSecurityHeaders } from './lib/http/security-headers.ts';

export default function nextConfig(phase: string): NextConfig {
  const isProduction = phase === PHASE_PRODUCTION_BUILD || phase === PHASE_PRODUCTION_SERVER;
  return {
    poweredByHeader: false,
    // pdfkit reads its font metrics from its own package folder at runtime, and bwip-js ships a
    // Node build: both stay plain Node requires on the server rather than bundled copies.
    serverExternalPackages: ['pdfkit', 'bwip-js'],
    async headers() {
      // The nonce-based CSP and x-request-id are per request: proxy.ts sets them.
      return [{ source: '/:path*', headers: buildStaticSecurityHeaders({ isProduction }) }];
    },
  };
}
