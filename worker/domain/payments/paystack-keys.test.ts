import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { workspaces } from '../../../db/schema';
import { TEST_PUBLIC, TEST_SECRET } from '../../../tests/fixtures/paystack';
import { ACME, DEMO, hosts, request, scopes, seed, sessionCookie, testServices } from '../../../tests/helpers';
import type { Env } from '../../env';
import { buildServices } from '../../services';
import { decryptSecret } from '../../services/crypto';
import { openPaystackSecret } from '../../services/paystack-keys';
import { getPaystackSettings } from './paystack-settings';
import { removePaystackKeys } from './remove-paystack-keys';
import { savePaystackKeys } from './save-paystack-keys';

const keys = { publicKey: TEST_PUBLIC, secretKey: TEST_SECRET };

async function ownerCookie() {
	const services = await seed(testServices());
	return {
		services,
		cookie: await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId })
	};
}

describe('Paystack keys', () => {
	it('stores the secret key encrypted and never gives it back, only its last 4 characters', async () => {
		const { services, cookie } = await ownerCookie();
		const saved = await request(hosts.dashboard, '/api/payments/settings', { method: 'PUT', json: keys, cookie });
		expect(saved.status).toBe(200);
		const savedText = await saved.text();
		expect(savedText).not.toContain(TEST_SECRET);
		expect(JSON.parse(savedText)).toEqual({ publicKey: TEST_PUBLIC, secretLast4: TEST_SECRET.slice(-4) });

		const row = (await services.db.select().from(workspaces).where(eq(workspaces.id, DEMO.workspaceId)).get())!;
		expect(JSON.stringify(row)).not.toContain(TEST_SECRET.slice(8, -4));
		expect(row.paystackSecretLast4).toBe(TEST_SECRET.slice(-4));
		expect(await openPaystackSecret(services.config, row)).toBe(TEST_SECRET);

		const read = await request(hosts.dashboard, '/api/payments/settings', { cookie });
		const readText = await read.text();
		expect(readText).not.toContain(TEST_SECRET.slice(8, -4));
		expect(JSON.parse(readText)).toMatchObject({
			configured: true,
			publicKey: TEST_PUBLIC,
			secretLast4: TEST_SECRET.slice(-4),
			mode: 'test',
			webhookUrl: 'http://localhost:8787/webhooks/paystack/demo'
		});
	});

	it('is for owners only', async () => {
		const services = await seed(testServices());
		const member = await sessionCookie(services, { userId: DEMO.memberUserId, workspaceId: DEMO.workspaceId });
		expect(
			(await request(hosts.dashboard, '/api/payments/settings', { method: 'PUT', json: keys, cookie: member })).status
		).toBe(403);
		expect((await request(hosts.dashboard, '/api/payments/settings', { cookie: member })).status).toBe(403);
		const client = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		expect(
			(await request(hosts.demo, '/api/payments/settings', { method: 'PUT', json: keys, cookie: client })).status
		).toBe(403);
		expect((await request(hosts.demo, '/api/payments/settings', { method: 'PUT', json: keys })).status).toBe(401);
		expect(
			(await services.db.select().from(workspaces).where(eq(workspaces.id, DEMO.workspaceId)).get())!.paystackSecretEnc
		).toBeNull();
	});

	it('explains keys that are malformed or of different modes', async () => {
		const { cookie } = await ownerCookie();
		const bad = await request(hosts.dashboard, '/api/payments/settings', {
			method: 'PUT',
			json: { publicKey: 'sk_test_wrongfield1234567890', secretKey: 'nope' },
			cookie
		});
		expect(bad.status).toBe(422);
		expect(await bad.json()).toMatchObject({
			error: {
				fields: { publicKey: expect.stringContaining('pk_test_'), secretKey: expect.stringContaining('sk_test_') }
			}
		});
		const mixed = await request(hosts.dashboard, '/api/payments/settings', {
			method: 'PUT',
			json: { publicKey: TEST_PUBLIC.replace('_test_', '_live_'), secretKey: TEST_SECRET },
			cookie
		});
		expect(await mixed.json()).toMatchObject({ error: { fields: { secretKey: expect.stringContaining('live') } } });
	});

	it('keeps the stored secret when only the public key changes, and removes both on request', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		await savePaystackKeys({ ...demoOwner, input: keys });
		const refreshed = {
			...demoOwner,
			workspace: (await services.db.select().from(workspaces).where(eq(workspaces.id, DEMO.workspaceId)).get())!
		};
		const newPublic = 'pk_test_ffffffffffffffffffffffffffffffffffffffff';
		await savePaystackKeys({ ...refreshed, input: { publicKey: newPublic, secretKey: '' } });
		const row = (await services.db.select().from(workspaces).where(eq(workspaces.id, DEMO.workspaceId)).get())!;
		expect(row.paystackPublicKey).toBe(newPublic);
		expect(await openPaystackSecret(services.config, row)).toBe(TEST_SECRET);
		await removePaystackKeys(refreshed);
		const gone = (await services.db.select().from(workspaces).where(eq(workspaces.id, DEMO.workspaceId)).get())!;
		expect(gone).toMatchObject({ paystackPublicKey: null, paystackSecretEnc: null, paystackSecretLast4: null });
		expect(getPaystackSettings({ ...demoOwner, workspace: gone }).configured).toBe(false);
	});

	it('in production, refuses to store keys without ENCRYPTION_KEY and never uses the development key', async () => {
		const noKey = buildServices({ ...env, ENVIRONMENT: 'production' } as Env, undefined);
		await seed(noKey);
		const { acmeOwner } = await scopes(noKey);
		await expect(savePaystackKeys({ ...acmeOwner, input: keys })).rejects.toMatchObject({
			code: 'upstream_unavailable',
			message: expect.stringContaining('ENCRYPTION_KEY')
		});
		expect(getPaystackSettings(acmeOwner).canStoreKeys).toBe(false);

		const realKey = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
		const withKey = buildServices({ ...env, ENVIRONMENT: 'production', ENCRYPTION_KEY: realKey } as Env, undefined);
		const scoped = await scopes(withKey);
		await savePaystackKeys({ ...scoped.acmeOwner, input: keys });
		const row = (await withKey.db.select().from(workspaces).where(eq(workspaces.id, ACME.workspaceId)).get())!;
		expect(await decryptSecret(realKey, row.paystackSecretEnc!)).toBe(TEST_SECRET);
		// Development's fallback key cannot read it.
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		expect(await openPaystackSecret(testServices().config, row)).toBeNull();
		expect(JSON.stringify(logged.mock.calls)).not.toContain(TEST_SECRET);
		logged.mockRestore();
	});
});
