import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberships, sessions, users } from '../../../db/schema';
import {
	ACME,
	DEMO,
	emailsTo,
	linkIn,
	scopes,
	seed,
	sessionCookie,
	staffActor,
	testServices,
	type TestServices
} from '../../../tests/helpers';
import { consumeLoginLink } from '../auth/consume-login-link';
import type { Scope } from '../scope';
import { loadRequestContext } from '../workspaces/load-request-context';
import { changeMemberRole } from './change-member-role';
import { inviteMember } from './invite-member';
import { listTeam } from './list-team';
import { removeMember } from './remove-member';

async function membershipOf(services: TestServices, workspaceId: string, userId: string) {
	return services.db.query.memberships.findFirst({
		where: and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId))
	});
}

async function dashboardActor(services: TestServices, cookie: string) {
	return (
		await loadRequestContext({ services, host: { side: 'dashboard' }, sessionCookie: cookie.split('=')[1], ip: null })
	).actor;
}

describe('team', () => {
	it('invites a new staff member: a pending membership and a magic link that accepts it', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const result = await inviteMember({
			...demoOwner,
			input: { email: 'New.Person@Demo.test', name: 'New Person', role: 'member' }
		});
		const member = await membershipOf(services, DEMO.workspaceId, result.userId);
		expect(member).toMatchObject({ role: 'member', acceptedAt: null, invitedByUserId: DEMO.ownerUserId });
		const [mail] = await emailsTo(services, 'new.person@demo.test');
		expect(mail.subject).toBe('You’re invited to join a team on CoPortal');
		expect(mail.text).toContain('Olivia Owner invited you to the Demo Studio dashboard');
		const link = new URL(linkIn(mail.text));
		expect(link.host).toBe('localhost:8787');

		const signIn = await consumeLoginLink({
			services,
			token: link.searchParams.get('token'),
			target: { side: 'dashboard' },
			ip: null,
			userAgent: null
		});
		if (signIn.status !== 'signed_in') throw new Error(signIn.status);
		expect((await membershipOf(services, DEMO.workspaceId, result.userId))?.acceptedAt).toEqual(expect.any(Number));
		expect(await dashboardActor(services, `cp_session=${signIn.sessionToken}`)).toMatchObject({
			kind: 'staff',
			role: 'member',
			name: 'New Person'
		});
	});

	it('refuses to invite someone already on the team, and resends to someone still pending', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		await expect(inviteMember({ ...demoOwner, input: { email: DEMO.memberEmail } })).rejects.toMatchObject({
			code: 'validation_failed',
			fields: { email: expect.stringMatching(/already on the team/) }
		});
		await expect(inviteMember({ ...demoOwner, input: { email: 'x@y.test' } })).rejects.toMatchObject({
			fields: { name: expect.any(String) }
		});
		await inviteMember({ ...demoOwner, input: { email: 'pending@demo.test', name: 'Pending' } });
		const again = await inviteMember({ ...demoOwner, input: { email: 'pending@demo.test' } });
		expect(again.resent).toBe(true);
		expect(await emailsTo(services, 'pending@demo.test')).toHaveLength(2);
		expect(await services.db.select().from(users).where(eq(users.email, 'pending@demo.test'))).toHaveLength(1);
	});

	it('lets only owners manage the team', async () => {
		const services = await seed(testServices());
		const { demo, casey } = await scopes(services);
		const member: Scope = {
			services,
			workspace: demo,
			actor: await staffActor(services, DEMO.workspaceId, DEMO.memberUserId)
		};
		await expect(inviteMember({ ...member, input: { email: 'a@b.test', name: 'A' } })).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(removeMember({ ...member, membershipId: 'mem_demo_owner' })).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(
			changeMemberRole({ ...member, membershipId: 'mem_demo_member', input: { role: 'owner' } })
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(listTeam(casey)).rejects.toMatchObject({ code: 'forbidden' });
		expect((await listTeam(member)).canManage).toBe(false);
	});

	it("cannot touch another workspace's members", async () => {
		const services = await seed(testServices());
		const { acmeOwner } = await scopes(services);
		await expect(removeMember({ ...acmeOwner, membershipId: 'mem_demo_member' })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(
			changeMemberRole({ ...acmeOwner, membershipId: 'mem_demo_member', input: { role: 'owner' } })
		).rejects.toMatchObject({ code: 'not_found' });
		expect((await listTeam(acmeOwner)).members.map((m) => m.email)).toEqual([ACME.ownerEmail]);
	});

	it('changes roles, but never demotes the last owner', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		await expect(
			changeMemberRole({ ...demoOwner, membershipId: 'mem_demo_owner', input: { role: 'member' } })
		).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/at least one owner/) });
		await expect(
			changeMemberRole({ ...demoOwner, membershipId: 'mem_demo_member', input: { role: 'boss' } })
		).rejects.toMatchObject({ code: 'validation_failed', fields: { role: expect.any(String) } });
		await changeMemberRole({ ...demoOwner, membershipId: 'mem_demo_member', input: { role: 'owner' } });
		expect((await membershipOf(services, DEMO.workspaceId, DEMO.memberUserId))?.role).toBe('owner');
		await changeMemberRole({ ...demoOwner, membershipId: 'mem_demo_owner', input: { role: 'member' } });
		expect((await membershipOf(services, DEMO.workspaceId, DEMO.ownerUserId))?.role).toBe('member');
	});

	it('leaves one owner when two owners step down at the same moment', async () => {
		const services = await seed(testServices());
		const { demo, demoOwner } = await scopes(services);
		await changeMemberRole({ ...demoOwner, membershipId: 'mem_demo_member', input: { role: 'owner' } });
		const max: Scope = {
			services,
			workspace: demo,
			actor: await staffActor(services, DEMO.workspaceId, DEMO.memberUserId)
		};
		const results = await Promise.allSettled([
			changeMemberRole({ ...demoOwner, membershipId: 'mem_demo_owner', input: { role: 'member' } }),
			changeMemberRole({ ...max, membershipId: 'mem_demo_member', input: { role: 'member' } })
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const owners = await services.db
			.select()
			.from(memberships)
			.where(and(eq(memberships.workspaceId, DEMO.workspaceId), eq(memberships.role, 'owner')));
		expect(owners).toHaveLength(1);
	});

	it('removes a member and ends their sessions in this workspace, but not elsewhere', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const memberCookie = await sessionCookie(services, { userId: DEMO.memberUserId, workspaceId: DEMO.workspaceId });
		const ownerCookie = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		expect((await dashboardActor(services, memberCookie)).kind).toBe('staff');
		await removeMember({ ...demoOwner, membershipId: 'mem_demo_member' });
		expect(await membershipOf(services, DEMO.workspaceId, DEMO.memberUserId)).toBeUndefined();
		expect((await dashboardActor(services, memberCookie)).kind).toBe('anonymous');
		const live = await services.db
			.select()
			.from(sessions)
			.where(and(eq(sessions.userId, DEMO.memberUserId), isNull(sessions.revokedAt)));
		expect(live).toEqual([]);
		expect((await dashboardActor(services, ownerCookie)).kind).toBe('staff');
	});

	it('never removes the last owner, and then ends no session', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const ownerCookie = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		await expect(removeMember({ ...demoOwner, membershipId: 'mem_demo_owner' })).rejects.toMatchObject({
			code: 'conflict',
			message: expect.stringMatching(/at least one owner/)
		});
		expect(await membershipOf(services, DEMO.workspaceId, DEMO.ownerUserId)).toBeDefined();
		expect((await dashboardActor(services, ownerCookie)).kind).toBe('staff');
	});

	it('cancels a pending invitation so its link no longer signs in', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const { userId } = await inviteMember({ ...demoOwner, input: { email: 'later@demo.test', name: 'Later' } });
		const member = await membershipOf(services, DEMO.workspaceId, userId);
		const [mail] = await emailsTo(services, 'later@demo.test');
		await removeMember({ ...demoOwner, membershipId: member!.id });
		const result = await consumeLoginLink({
			services,
			token: new URL(linkIn(mail.text)).searchParams.get('token'),
			target: { side: 'dashboard' },
			ip: null,
			userAgent: null
		});
		expect(result.status).toBe('no_access');
	});
});
