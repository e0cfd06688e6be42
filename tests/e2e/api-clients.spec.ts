// API clients end to end (issue 3, items 7 and 11): an owner creates a client on the screen (the
// secret is shown once), the client gets a token from POST /api/v1/auth/token and reads
// GET /api/v1/members; forged tokens are refused; revoking on the screen stops the token at once.
import { expect, test } from '@playwright/test';

const OWNER = { email: 'owner@demo.packline.test', password: 'correct-horse-packline-42' };

test('create an API client, use it against the REST API, revoke it', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

  await page.goto('/demo/api-clients');
  const name = `ERP sync ${Date.now().toString(36)}`;
  const form = page.getByRole('form', { name: 'Create an API client' });
  await form.getByLabel('Name').fill(name);
  await form.getByRole('button', { name: 'Create client' }).click();
  const clientId = (await page.getByTestId('client-id').textContent())!.trim();
  const clientSecret = (await page.getByTestId('client-secret').textContent())!.trim();
  expect(clientSecret).toMatch(/^pls_/);

  const api = page.request;
  const token = await api.post('/api/v1/auth/token', {
    form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
  });
  expect(token.status()).toBe(200);
  expect(token.headers()['cache-control']).toContain('no-store');
  const { access_token: accessToken } = (await token.json()) as { access_token: string };

  const members = await api.get('/api/v1/members', { headers: { authorization: `Bearer ${accessToken}` } });
  expect(members.status()).toBe(200);
  expect(JSON.stringify(await members.json())).toContain(OWNER.email);

  // A forged alg:none token with the same claims is refused, in the one error envelope.
  const [, payload] = accessToken.split('.');
  const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
  const forged = await api.get('/api/v1/members', { headers: { authorization: `Bearer ${none}` } });
  expect(forged.status()).toBe(401);
  expect(await forged.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });

  // The JWKS publishes the key the token names.
  const jwks = (await (await api.get('/.well-known/jwks.json')).json()) as { keys: { kid: string }[] };
  const kid = JSON.parse(Buffer.from(accessToken.split('.')[0]!, 'base64url').toString()).kid;
  expect(jwks.keys.map((k) => k.kid)).toContain(kid);

  await page.getByRole('button', { name: 'Done' }).click();
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: `Revoke ${name}` }).click();
  await expect(page.getByText('API client revoked')).toBeVisible();
  const after = await api.get('/api/v1/members', { headers: { authorization: `Bearer ${accessToken}` } });
  expect(after.status()).toBe(401);
});
