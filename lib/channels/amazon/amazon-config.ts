// The app's own Amazon settings, from env (lib/env.ts): LWA client credentials, the consent URL
// parts, the client-secret age (Amazon requires a rotation every 180 days) and, in dev/tests
// only, the simulator transport. Settings come from getEnv() only.
import { readFileSync } from 'node:fs';
import type { Agent } from 'node:https';
import { getEnv } from '../../env.ts';
import { AppError } from '../../errors/app-error.ts';
import { SpApiSimulatorAgent } from './sp-api-transport.ts';

/** Amazon: "the LWA client secret must be rotated every 180 days". */
export const LWA_SECRET_MAX_AGE_DAYS = 180;
/** Surface the rotation this many days before the secret expires. */
export const LWA_SECRET_WARN_DAYS = 30;

export interface AmazonAppConfig {
  applicationId: string;
  lwa: { clientId: string; clientSecret: string };
  sellerCentralUrl: string;
  draftApp: boolean;
  redirectUri: string;
  secretRotatedAt: Date;
  /** The simulator transport in dev/tests; undefined in production (Node's default agent). */
  agent?: Agent;
}

let cachedAgent: { key: string; agent: Agent } | undefined;

function simulatorAgent(target: string | undefined, caPath: string | undefined): Agent | undefined {
  if (!target || !caPath) return undefined;
  const key = `${target}|${caPath}`;
  if (cachedAgent?.key !== key) {
    const [host, port] = target.split(':') as [string, string];
    cachedAgent = {
      key,
      agent: new SpApiSimulatorAgent({ host, port: Number(port), ca: readFileSync(caPath) }),
    };
  }
  return cachedAgent.agent;
}

/** Throws UNAVAILABLE when Amazon is not configured (production without the variables). */
export function amazonAppConfig(): AmazonAppConfig {
  const env = getEnv();
  if (
    !env.AMAZON_APPLICATION_ID ||
    !env.AMAZON_LWA_CLIENT_ID ||
    !env.AMAZON_LWA_CLIENT_SECRET ||
    !env.AMAZON_LWA_CLIENT_SECRET_ROTATED_AT
  ) {
    throw new AppError('UNAVAILABLE', 'the Amazon integration is not configured on this server');
  }
  return {
    applicationId: env.AMAZON_APPLICATION_ID,
    lwa: { clientId: env.AMAZON_LWA_CLIENT_ID, clientSecret: env.AMAZON_LWA_CLIENT_SECRET },
    sellerCentralUrl: env.AMAZON_SELLER_CENTRAL_URL,
    draftApp: env.AMAZON_APP_DRAFT,
    redirectUri: new URL('/api/integrations/amazon/callback', env.APP_URL).toString(),
    secretRotatedAt: env.AMAZON_LWA_CLIENT_SECRET_ROTATED_AT,
    agent: simulatorAgent(env.AMAZON_SP_API_SIMULATOR, env.AMAZON_SP_API_CA_PATH),
  };
}

export interface LwaSecretAge {
  rotatedAt: Date;
  expiresAt: Date;
  ageDays: number;
  daysLeft: number;
  /** Within LWA_SECRET_WARN_DAYS of expiry, or past it. */
  rotationDue: boolean;
}

export function lwaSecretAge(rotatedAt: Date, now = new Date()): LwaSecretAge {
  const day = 24 * 3600_000;
  const expiresAt = new Date(rotatedAt.getTime() + LWA_SECRET_MAX_AGE_DAYS * day);
  const daysLeft = Math.floor((expiresAt.getTime() - now.getTime()) / day);
  return {
    rotatedAt,
    expiresAt,
    ageDays: Math.floor((now.getTime() - rotatedAt.getTime()) / day),
    daysLeft,
    rotationDue: daysLeft <= LWA_SECRET_WARN_DAYS,
  };
}
