import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberships, users, workspaces } from '../../../db/schema';
import {
	hosts,
	request,
	scopes,
	seed,
	sessionCookie,
	testClock,
	testServices,
	type TestServices
} from '../../../tests/helpers';
import { updateBranding } from '../branding/update-branding';
import { createClient } from '../clients/create-client';
import { inviteContact } from '../clients/invite-contact';
import { savePaystackKeys } from '../payments/save-paystack-keys';
import type { Scope } from '../scope';
import { dismissOnboarding } from './dismiss-onboarding';
import { getOnboarding } from './get-onboarding';

/** A brand-new workspace with its owner, as sign-up leaves it. */
async function newWorkspace(services: TestServices): Promise<{ owner: Scope; cookie: string }> {
	const now = testClock.now();
	await services.db.batch([
		services.db.insert(workspaces).values({
			id: 'ws_new',
			slug: 'fresh-start',
			name: 'Fresh Start',
			displayName: 'Fresh Start',
			createdAt: now,
			updatedAt: now
		}),
		services.db
			.insert(users)
			.values({ id: 'usr_new', email: 'founder@fresh.test', name: 'Fran Founder', createdAt: now }),
		services.db.insert(memberships).values({
			id: 'mem_new',
			workspaceId: 'ws_new',
			userId: 'usr_new',
			role: 'owner',
			acceptedAt: now,
			createdAt: now
		})
	]);
	const workspace = (await services.db.select().from(workspaces).where(eq(workspaces.id, 'ws_new')).get())!;
	const owner: Scope = {
		services,
		workspace,
		actor: { kind: 'staff', userId: 'usr_new', name: 'Fran Founder', email: 'founder@fresh.test', role: 'owner' }
	};
	return { owner, cookie: await sessionCookie(services, { userId: 'usr_new', workspaceId: 'ws_new' }) };
}
const fresh = async (scope: Scope) => ({
	...scope,
	workspace: (await scope.services.db.select().from(workspaces).where(eq(workspaces.id, scope.workspace.id)).get())!
});
const done = async (scope: Scope) =>
	Object.fromEntries(((await getOnboarding(await fresh(scope)))?.steps ?? []).map((s) => [s.key, s.done]));

describe('onboarding: a new workspace lands on a short checklist', () => {
	it('each step ticks itself when done: branding, payments, first client, invite; all done hides it', async () => {
		const services = await seed(testServices());
		const { owner } = await newWorkspace(services);
		expect(await done(owner)).toEqual({ branding: false, payments: false, client: false, invite: false });
		await updateBranding({ ...(await fresh(owner)), input: { brandColor: '#b91c1c', accentColor: '#0f766e' } });
		await savePaystackKeys({
			...(await fresh(owner)),
			input: { publicKey: 'pk_test_0123456789abcdef0123', secretKey: 'sk_test_0123456789abcdef0123' }
		});
		expect(await done(owner)).toEqual({ branding: true, payments: true, client: false, invite: false });
		const client = await createClient({
			...(await fresh(owner)),
			input: { name: 'First Co', contactName: 'Fay First', contactEmail: 'fay@first.test' }
		});
		expect(await done(owner)).toMatchObject({ client: true, invite: false });
		await inviteContact({
			...(await fresh(owner)),
			clientId: client.id,
			contactId: client.contactId!,
			input: { requestId: 'r1' }
		});
		expect(await getOnboarding(await fresh(owner))).toBeNull();
	});

	it('sign-up lands on the dashboard home with the checklist; an owner can hide it for good; members never see it', async () => {
		const services = await seed(testServices());
		const { owner, cookie } = await newWorkspace(services);
		const home = (await (await request(hosts.dashboard, '/?welcome=1', { cookie })).text()).replace(/<!--.*?-->/g, '');
		expect(home).toContain('Get started');
		expect(home).toContain('href="/settings/branding"');
		expect(home).toContain('0 of 4 done');
		const hidden = await request(hosts.dashboard, '/?/dismissOnboarding', { method: 'POST', cookie, form: {} });
		expect(hidden.status).toBe(200);
		expect(await hidden.text()).not.toContain('Get started');
		expect(await request(hosts.dashboard, '/', { cookie }).then((r) => r.text())).not.toContain('Get started');
		expect(await getOnboarding(await fresh(owner))).toBeNull();

		// The demo workspace pays through the local stand-in (no Paystack keys): one step left.
		const { demoOwner } = await scopes(services);
		expect(await done(demoOwner)).toEqual({ branding: true, payments: false, client: true, invite: true });
		const member = { ...owner, actor: { ...owner.actor, role: 'member' as const } } as Scope;
		await services.db.update(workspaces).set({ onboardingDismissedAt: null }).where(eq(workspaces.id, 'ws_new'));
		expect(await getOnboarding(await fresh(member))).toBeNull();
		await expect(dismissOnboarding(await fresh(member))).rejects.toMatchObject({ code: 'forbidden' });
	});
});
