import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, isCommonPassword, isPasswordExpired } from './password-policy.ts';

describe('password policy', () => {
  it('accepts a long, unusual passphrase', () => {
    expect(
      checkPasswordPolicy('violet tractor sings loudly', { email: 'ana@example.com', name: 'Ana Diaz' }),
    ).toEqual([]);
  });

  it('requires at least 12 characters (counted as characters, not bytes)', () => {
    expect(checkPasswordPolicy('Tr4ctor!zq1')).toContain('too_short');
    expect(checkPasswordPolicy('ünïcödé-wörds')).not.toContain('too_short');
  });

  it('refuses more than 72 bytes (bcrypt would ignore the rest)', () => {
    expect(checkPasswordPolicy('x'.repeat(40) + 'é'.repeat(20))).toContain('too_long');
  });

  it.each([
    'password1234',
    'qwerty123456',
    '1qaz2wsx3edc',
    'P@ssw0rd2024!',
    'Football!!1234',
    'iloveyou12345',
    'abcabcabcabc',
    'zzzzzzzzzzzzzz',
  ])('refuses the common or breached password %j', (pw) => {
    expect(isCommonPassword(pw)).toBe(true);
    expect(checkPasswordPolicy(pw)).toContain('common');
  });

  it('refuses passwords containing the user’s name or email local part', () => {
    const ctx = { email: 'olivia.owner@shop.test', name: 'Olivia Owner' };
    expect(checkPasswordPolicy('my-olivia-warehouse-9', ctx)).toContain('contains_personal_info');
    expect(checkPasswordPolicy('ship-it-OWNER-quickly', ctx)).toContain('contains_personal_info');
    expect(checkPasswordPolicy('olivia.owner-rocks-77', ctx)).toContain('contains_personal_info');
    expect(checkPasswordPolicy('violet tractor sings loudly', ctx)).toEqual([]);
  });

  it('asks for three character classes only under the Amazon DPP rules', () => {
    const pw = 'violet tractor sings loudly';
    expect(checkPasswordPolicy(pw, { dppRules: true })).toEqual(['needs_character_classes']);
    expect(checkPasswordPolicy('Violet tractor sings 4 loudly', { dppRules: true })).toEqual([]);
    expect(checkPasswordPolicy(pw, { dppRules: false })).toEqual([]);
  });

  it('expires passwords after 365 days only under the Amazon DPP rules', () => {
    const now = new Date('2026-11-25T00:00:00Z');
    const old = new Date('2025-11-20T00:00:00Z');
    expect(isPasswordExpired(old, true, now)).toBe(true);
    expect(isPasswordExpired(old, false, now)).toBe(false);
    expect(isPasswordExpired(new Date('2026-01-01T00:00:00Z'), true, now)).toBe(false);
    expect(isPasswordExpired(null, true, now)).toBe(false);
  });
});
