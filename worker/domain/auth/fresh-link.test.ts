import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { clientContacts } from '../../../db/schema';
import {
	DAY_MS,
	DEMO,
	emailsTo,
	fixedClock,
	hosts,
	linkIn,
	request,
	requestSettled,
	scopes,
	seed,
	testClock,
	testServices,
	type TestServices
} from '../../../tests/helpers';
import { inviteContact } from '../clients/invite-contact';
import { inviteMember } from '../team/invite-member';
import { inspectLoginLink } from './consume-login-link';

const HOUR = 3_600_000;
const pathOf = (link: string) => {
	const url = new URL(link);
	return url.pathname + url.search;
};
/** The page without what differs per response (the CSP nonce and Svelte's comments). */
const page = async (res: Response) =>
	(await res.text())
		.replace(/<!--.*?-->/g, '')
		.replace(/nonce="[^"]*"/g, '')
		.replace(/errorId:"[^"]*"/g, '');

/** Staff invited Casey `hoursAgo` hours ago: the link in the invitation email. */
async function caseyInvitedAgo(hoursAgo: number) {
	const clock = fixedClock(testClock.now() - hoursAgo * HOUR);
	const services = await seed(testServices({ clock }));
	const { demoOwner } = await scopes(services);
	await inviteContact({
		...demoOwner,
		clientId: DEMO.northwindId,
		contactId: DEMO.caseyContactId,
		input: { requestId: `r${hoursAgo}` }
	});
	const [mail] = await emailsTo(services, DEMO.caseyEmail);
	return { services: services as TestServices, link: linkIn(mail.text) };
}

describe('invites that do not strand anyone: a fresh link in one click', () => {
	it('an expired invitation lands on a page that sends a fresh sign-in link to the same address; the new link signs in', async () => {
		const { services, link } = await caseyInvitedAgo(26);
		const landing = await page(await request(hosts.demo, pathOf(link), { headers: { accept: 'text/html' } }));
		expect(landing).toContain('This link has expired');
		expect(landing).toContain('Send me a fresh link');
		expect(landing).toContain('name="intent" value="fresh"');

		const sent = await requestSettled(hosts.demo, `${pathOf(link)}`, { form: { intent: 'fresh' } });
		expect(sent.status).toBe(200);
		expect(await page(sent)).toContain('a fresh sign-in link is on its way to the address it was sent to');
		const [fresh] = await emailsTo(services, DEMO.caseyEmail);
		expect(fresh.subject).toBe('Your sign-in link for Demo Studio');
		const freshLink = linkIn(fresh.text);
		expect(freshLink).not.toBe(link);
		const { demo } = await scopes(services);
		const target = { side: 'portal' as const, workspace: demo };
		const now = testServices(); // the Worker's clock (the invitation was sent on one 26 hours behind it)
		expect(
			(await inspectLoginLink({ services: now, token: new URL(freshLink).searchParams.get('token'), target })).status
		).toBe('valid');
		// The 1-hour single-use rule stays: the old link is still expired, the new one signs in once.
		expect(
			(await inspectLoginLink({ services: now, token: new URL(link).searchParams.get('token'), target })).status
		).toBe('expired');
		const signIn = await request(hosts.demo, pathOf(freshLink), { method: 'POST', form: {} });
		expect(signIn.status).toBe(303);
		expect(signIn.headers.get('set-cookie')).toContain('cp_session=');
		expect((await request(hosts.demo, pathOf(freshLink), { method: 'POST', form: {} })).status).toBe(400);
	});

	it('a used link offers a fresh one, or says you are signed in already', async () => {
		const { services, link } = await caseyInvitedAgo(0);
		const first = await request(hosts.demo, pathOf(link), { method: 'POST', form: {} });
		expect(first.status).toBe(303);
		const cookie = first.headers.get('set-cookie')!.split(';')[0];
		const elsewhere = await page(await request(hosts.demo, pathOf(link), { headers: { accept: 'text/html' } }));
		expect(elsewhere).toContain('This link has already been used');
		expect(elsewhere).toContain('Send me a fresh link');
		const here = await page(await request(hosts.demo, pathOf(link), { cookie, headers: { accept: 'text/html' } }));
		expect(here).toContain("You're signed in already.");
		expect(here).not.toContain('Send me a fresh link');
		await requestSettled(hosts.demo, `${pathOf(link)}`, { form: { intent: 'fresh' } });
		expect((await emailsTo(services, DEMO.caseyEmail)).map((m) => m.subject)).toEqual([
			'Your sign-in link for Demo Studio',
			'Your client portal invitation'
		]);
	});

	it('tells nothing about who has access: an archived contact, a made-up token and a live one get the same answer, and only real renewals send', async () => {
		const { services, link } = await caseyInvitedAgo(3);
		const answer = async (path: string) => {
			const res = await requestSettled(hosts.demo, `${path}`, { form: { intent: 'fresh' } });
			return { status: res.status, body: (await page(res)).replace(/token=[\w-]+/g, 'token=…') };
		};
		const active = await answer(pathOf(link));
		await services.db
			.update(clientContacts)
			.set({ archivedAt: testClock.now() })
			.where(eq(clientContacts.id, DEMO.caseyContactId));
		const archived = await answer(pathOf(link));
		const madeUp = await answer(`/auth/verify?token=${'x'.repeat(43)}`);
		expect(archived).toEqual(active);
		expect(madeUp).toEqual(active);
		// One fresh link (the active one); none for the archived contact or the made-up token.
		expect((await emailsTo(services, DEMO.caseyEmail)).filter((m) => m.tag === 'login')).toHaveLength(1);
	});

	it('is limited like sign-in: a flooding IP is refused, and one address gets a few emails at most', async () => {
		const { services, link } = await caseyInvitedAgo(2);
		const limit = services.config.loginLimitPerEmail;
		for (let i = 0; i < limit + 3; i++)
			await requestSettled(hosts.demo, `${pathOf(link)}`, {
				form: { intent: 'fresh' },
				headers: { 'cf-connecting-ip': `198.51.100.${i}` }
			});
		expect((await emailsTo(services, DEMO.caseyEmail)).filter((m) => m.tag === 'login')).toHaveLength(limit);
		let refused: Response | null = null;
		for (let i = 0; i <= services.config.loginLimitPerIp && !refused; i++) {
			const res = await request(hosts.demo, `${pathOf(link)}`, {
				form: { intent: 'fresh' },
				headers: { 'cf-connecting-ip': '203.0.113.99', accept: 'application/json', 'x-sveltekit-action': 'true' }
			});
			const result = (await res.json()) as { type: string; status?: number };
			if (result.type === 'failure' && result.status === 429) refused = res;
		}
		expect(refused).not.toBeNull();
	});

	it('a link is renewed only where it belongs; an expired team invitation renews on the dashboard', async () => {
		const { services, link } = await caseyInvitedAgo(5);
		const onAcme = await page(await request(hosts.acme, pathOf(link), { headers: { accept: 'text/html' } }));
		expect(onAcme).not.toContain('Send me a fresh link');
		await requestSettled(hosts.acme, `${pathOf(link)}`, { form: { intent: 'fresh' } });
		expect((await emailsTo(services, DEMO.caseyEmail)).filter((m) => m.tag === 'login')).toHaveLength(0);

		const clock = fixedClock(testClock.now() - 8 * DAY_MS);
		const old = await seed(testServices({ clock }));
		const { acmeOwner } = await scopes(old);
		await inviteMember({ ...acmeOwner, input: { email: 'newbie@acme.test', name: 'New Bie', role: 'member' } });
		const [invite] = await emailsTo(old, 'newbie@acme.test');
		const invitePath = pathOf(linkIn(invite.text));
		expect(await page(await request(hosts.dashboard, invitePath, { headers: { accept: 'text/html' } }))).toContain(
			'Send me a fresh link'
		);
		await requestSettled(hosts.dashboard, `${invitePath}`, { form: { intent: 'fresh' } });
		const [fresh] = await emailsTo(old, 'newbie@acme.test');
		expect(fresh.subject).toBe('Your CoPortal sign-in link');
		const joined = await request(hosts.dashboard, pathOf(linkIn(fresh.text)), { method: 'POST', form: {} });
		expect(joined.status).toBe(303);
		const cookie = joined.headers.get('set-cookie')!.split(';')[0];
		const home = await request(hosts.dashboard, '/', { cookie, headers: { accept: 'text/html' } });
		expect(home.status).toBe(200);
	});
});
