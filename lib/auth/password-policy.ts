// Password policy (docs/decisions/0004-password-policy.md):
// - always (OWASP ASVS v4 2.1 / NIST 800-63B): at least 12 characters, at most 72 bytes (bcrypt's
//   limit), not a common or breached password (the shipped top-10k list, also after undoing
//   leetspeak and stripping digits/symbols around a common word, and not a repetition of one), and
//   not containing the user's name or the local part of their email;
// - no reuse of the last 10 passwords (checked against password_history by set-password.ts);
// - with the organization setting "Amazon DPP password rules": also at least three of four
//   character classes, and a 365-day maximum age (password-age.ts).
import { COMMON_PASSWORDS } from './data/common-passwords.ts';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_BYTES = 72;
export const PASSWORD_HISTORY_DEPTH = 10;
export const DPP_MAX_PASSWORD_AGE_DAYS = 365;

let common: ReadonlySet<string> | undefined;

function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    COMMON_PASSWORDS.split('\n')
      .map((l) => l.trim().toLowerCase())
      .filter(Boolean),
  );
  return common;
}

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};

/** True when the password is, or is built around, a well-known password. */
export function isCommonPassword(password: string): boolean {
  const list = commonPasswords();
  const lower = password.toLowerCase();
  const unleet = lower.replace(/[013457@$!]/g, (c) => LEET[c] ?? c);
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  const candidates = [lower, unleet, core, unleet.replace(/^[^a-z]+|[^a-z]+$/g, '')];
  if (candidates.some((c) => c.length > 0 && list.has(c))) return true;
  // A short unit repeated ("abcabcabcabc", "passwordpassword").
  const repeated = /^(.{1,8}?)\1+$/.exec(lower);
  if (repeated) return true;
  return false;
}

export interface PasswordContext {
  email?: string | null;
  name?: string | null;
  /** The Amazon DPP rules apply (an organization of the user has the setting on). */
  dppRules?: boolean;
}

export type PasswordIssue =
  'too_short' | 'too_long' | 'common' | 'contains_personal_info' | 'needs_character_classes';

export const PASSWORD_ISSUE_MESSAGES: Record<PasswordIssue, string> = {
  too_short: `Use at least ${MIN_PASSWORD_LENGTH} characters.`,
  too_long: `Use at most ${MAX_PASSWORD_BYTES} bytes (about ${MAX_PASSWORD_BYTES} letters).`,
  common: 'This password is too common or has appeared in breaches. Choose another.',
  contains_personal_info: 'Do not use your name or email address in your password.',
  needs_character_classes:
    'Your organization requires at least three of: lower-case letters, upper-case letters, digits, symbols.',
};

function personalTokens(ctx: PasswordContext): string[] {
  const tokens: string[] = [];
  const local = ctx.email?.split('@')[0]?.toLowerCase();
  if (local) tokens.push(local, ...local.split(/[^a-z0-9]+/));
  if (ctx.name) tokens.push(...ctx.name.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  // Very short fragments ("li", "al") would reject too much; 3+ characters.
  return [...new Set(tokens.filter((t) => t.length >= 3))];
}

/** Every way the password breaks the policy; empty when it is acceptable. */
export function checkPasswordPolicy(password: string, ctx: PasswordContext = {}): PasswordIssue[] {
  const issues: PasswordIssue[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) issues.push('too_short');
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) issues.push('too_long');
  if (isCommonPassword(password)) issues.push('common');
  const lower = password.toLowerCase();
  if (personalTokens(ctx).some((t) => lower.includes(t))) issues.push('contains_personal_info');
  if (ctx.dppRules) {
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
    if (classes < 3) issues.push('needs_character_classes');
  }
  return issues;
}

/** Under the DPP rules, a password older than 365 days must be changed before use. */
export function isPasswordExpired(changedAt: Date | null, dppRules: boolean, now = new Date()): boolean {
  if (!dppRules || !changedAt) return false;
  return now.getTime() - changedAt.getTime() > DPP_MAX_PASSWORD_AGE_DAYS * 24 * 60 * 60 * 1000;
}
