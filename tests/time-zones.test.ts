import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { clientContacts, messages, threads, users, workspaces } from '../db/schema';
import { formatDate, formatDateTime } from '../worker/domain/format';
import { personZone, isTimeZone, offsetName } from '../worker/domain/time-zones';
import { setOwnTimeZone } from '../worker/domain/profile/set-own-time-zone';
import { postMessage } from '../worker/domain/threads/post-message';
import { sendDueThreadNotifications } from '../worker/domain/threads/send-thread-notifications';
import { NOTIFY_BATCH_MS } from '../worker/domain/threads/model';
import { THREADS } from '../worker/dev/seed/ids';
import {
	DAY_MS,
	DEMO,
	emailsTo,
	fixedClock,
	hosts,
	request,
	scopes,
	seed,
	sessionCookie,
	testClock,
	testServices
} from './helpers';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HOUR = 3_600_000;
/** What an instant reads as at a fixed offset, worked out by hand (zones without daylight saving). */
function expected(ms: number, offsetMinutes: number, name: string) {
	const d = new Date(ms + offsetMinutes * 60_000);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} ${name}`;
}
/** 23:30 UTC on the test clock's day: the next day east of UTC, the same day west of it. */
const lateEvening = () => Math.floor(testClock.now() / DAY_MS) * DAY_MS + 23.5 * HOUR;
const html = async (res: Response) => (await res.text()).replace(/<!--.*?-->/g, '');

describe('time zones: formatting', () => {
	it('writes an instant in a zone with its name, and a calendar date as it is', () => {
		const at = lateEvening();
		expect(formatDateTime(at, 'Africa/Lagos')).toBe(expected(at, 60, 'GMT+1'));
		expect(formatDateTime(at, 'Asia/Kolkata')).toBe(expected(at, 330, 'GMT+5:30'));
		expect(formatDateTime(at, 'America/Bogota')).toBe(expected(at, -300, 'GMT-5'));
		expect(formatDateTime(at)).toBe(expected(at, 0, 'UTC'));
		expect(formatDateTime(at, 'Africa/Lagos', { seconds: true })).toMatch(/, \d\d:\d\d:\d\d GMT\+1$/);
		// The day of an instant moves with the zone; a calendar date never does.
		expect(formatDate(at, 'Africa/Lagos')).toBe(expected(at, 60, '').split(',')[0]);
		expect(formatDate(at, 'America/Bogota')).toBe(expected(at, -300, '').split(',')[0]);
		expect(formatDate('2031-03-01', 'Pacific/Kiritimati')).toBe('1 Mar 2031');
		// An unknown zone falls back to UTC and says so: never a time without its zone.
		expect(formatDateTime(at, 'Mars/Olympus_Mons')).toBe(expected(at, 0, 'UTC'));
	});

	it("knows the runtime's zones; a person's own zone wins over the workspace's", () => {
		expect(isTimeZone('UTC')).toBe(true);
		expect(isTimeZone('Europe/Berlin')).toBe(true);
		expect(isTimeZone('Europe/Atlantis')).toBe(false);
		expect(personZone('Asia/Tokyo', { timezone: 'Africa/Accra' })).toBe('Asia/Tokyo');
		expect(personZone(null, { timezone: 'Africa/Accra' })).toBe('Africa/Accra');
		expect(personZone('nonsense', { timezone: 'nonsense' })).toBe('UTC');
		expect(offsetName('Asia/Kolkata', testClock.now())).toBe('GMT+5:30');
	});
});

describe('time zones: pages, settings and emails', () => {
	it('portal and dashboard pages show times in the workspace zone, or in the reader’s own', async () => {
		const services = await seed(testServices());
		const at = lateEvening();
		await services.db.update(workspaces).set({ timezone: 'Africa/Lagos' }).where(eq(workspaces.id, DEMO.workspaceId));
		await services.db.update(messages).set({ createdAt: at }).where(eq(messages.threadId, THREADS.designId));
		await services.db.update(threads).set({ lastMessageAt: at }).where(eq(threads.id, THREADS.designId));
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const owner = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const portalThread = `/projects/${DEMO.websiteProjectId}/messages/${THREADS.designId}`;
		const dashThread = `/projects/${DEMO.websiteProjectId}/threads/${THREADS.designId}`;

		let page = await html(await request(hosts.demo, portalThread, { cookie: casey }));
		expect(page).toContain(expected(at, 60, 'GMT+1'));
		expect(page).not.toContain(expected(at, 0, 'UTC'));

		// Casey chooses Bogotá on her account page; Olivia keeps the workspace's zone.
		const saved = await request(hosts.demo, '/account', { cookie: casey, form: { timezone: 'America/Bogota' } });
		expect(saved.status).toBe(303);
		expect(saved.headers.get('location')).toBe('/account?saved');
		page = await html(await request(hosts.demo, portalThread, { cookie: casey }));
		expect(page).toContain(expected(at, -300, 'GMT-5'));
		expect(await html(await request(hosts.dashboard, dashThread, { cookie: owner }))).toContain(
			expected(at, 60, 'GMT+1')
		);

		// Staff choose theirs under Settings -> Your time zone.
		const staffSaved = await request(hosts.dashboard, '/settings/profile', {
			cookie: owner,
			form: { timezone: 'Asia/Kolkata' }
		});
		expect(staffSaved.status).toBe(303);
		expect(await html(await request(hosts.dashboard, dashThread, { cookie: owner }))).toContain(
			expected(at, 330, 'GMT+5:30')
		);
		const settings = await html(await request(hosts.dashboard, '/settings/profile?saved', { cookie: owner }));
		expect(settings).toContain('Your time zone is saved.');
		expect(settings).toMatch(/<option value="Asia\/Kolkata" selected/);
	});

	it('only a known zone is saved, only on the person’s own row, and blank goes back to the workspace’s', async () => {
		const services = await seed(testServices());
		const { casey, demoOwner, anonymousDemo } = await scopes(services);
		await expect(setOwnTimeZone({ ...casey, input: { timezone: 'Europe/Atlantis' } })).rejects.toMatchObject({
			code: 'validation_failed',
			fields: { timezone: expect.any(String) }
		});
		await setOwnTimeZone({ ...casey, input: { timezone: 'Europe/Berlin' } });
		const rows = await services.db
			.select({ id: clientContacts.id, tz: clientContacts.timezone })
			.from(clientContacts)
			.where(eq(clientContacts.workspaceId, DEMO.workspaceId));
		expect(rows.filter((r) => r.tz === 'Europe/Berlin').map((r) => r.id)).toEqual([DEMO.caseyContactId]);
		await setOwnTimeZone({ ...casey, input: { timezone: '' } });
		expect(
			(
				await services.db
					.select({ tz: clientContacts.timezone })
					.from(clientContacts)
					.where(eq(clientContacts.id, DEMO.caseyContactId))
					.get()
			)?.tz
		).toBeNull();
		await setOwnTimeZone({ ...demoOwner, input: { timezone: 'Asia/Tokyo' } });
		expect(
			(await services.db.select({ tz: users.timezone }).from(users).where(eq(users.id, DEMO.ownerUserId)).get())?.tz
		).toBe('Asia/Tokyo');
		await expect(setOwnTimeZone({ ...anonymousDemo, input: { timezone: 'Asia/Tokyo' } })).rejects.toMatchObject({
			code: 'unauthenticated'
		});
	});

	it('Settings -> Workspace sets the workspace zone (owners only, known zones only)', async () => {
		const services = await seed(testServices());
		const owner = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const member = await sessionCookie(services, { userId: DEMO.memberUserId, workspaceId: DEMO.workspaceId });
		const form = {
			name: 'Demo Studio',
			defaultCurrency: 'USD',
			timezone: 'Europe/Atlantis',
			overdueReminders: 'on',
			reminderCadenceDays: '7'
		};
		const refused = await html(await request(hosts.dashboard, '/settings', { cookie: owner, form }));
		expect(refused).toContain('Choose a time zone from the list.');
		await request(hosts.dashboard, '/settings', { cookie: owner, form: { ...form, timezone: 'Africa/Nairobi' } });
		expect(
			(
				await services.db
					.select({ tz: workspaces.timezone })
					.from(workspaces)
					.where(eq(workspaces.id, DEMO.workspaceId))
					.get()
			)?.tz
		).toBe('Africa/Nairobi');
		await request(hosts.dashboard, '/settings', { cookie: member, form: { ...form, timezone: 'Asia/Tokyo' } });
		expect(
			(
				await services.db
					.select({ tz: workspaces.timezone })
					.from(workspaces)
					.where(eq(workspaces.id, DEMO.workspaceId))
					.get()
			)?.tz
		).toBe('Africa/Nairobi');
		// The API keeps the zone when a call leaves it out.
		const api = await request(hosts.dashboard, '/api/settings/workspace', {
			method: 'PUT',
			cookie: owner,
			json: { name: 'Demo Studio', defaultCurrency: 'USD' }
		});
		expect(api.status).toBe(200);
		expect(
			(
				await services.db
					.select({ tz: workspaces.timezone })
					.from(workspaces)
					.where(eq(workspaces.id, DEMO.workspaceId))
					.get()
			)?.tz
		).toBe('Africa/Nairobi');
	});

	it('a message email shows each recipient the times in their own zone (pinned clock)', async () => {
		const clock = fixedClock(lateEvening());
		const services = await seed(testServices({ clock }));
		await services.db.update(workspaces).set({ timezone: 'Africa/Lagos' }).where(eq(workspaces.id, DEMO.workspaceId));
		await services.db.update(users).set({ timezone: 'America/Bogota' }).where(eq(users.id, DEMO.memberUserId));
		const { casey } = await scopes(services);
		const at = clock.now();
		await postMessage({ ...casey, threadId: THREADS.designId, input: { body: 'Late thought' } });
		clock.advance(NOTIFY_BATCH_MS + 1);
		await sendDueThreadNotifications({ services });
		const [toOwner] = (await emailsTo(services, DEMO.ownerEmail)).filter((m) => m.tag === 'thread-message');
		const [toMember] = (await emailsTo(services, DEMO.memberEmail)).filter((m) => m.tag === 'thread-message');
		expect(toOwner.text).toContain(`Casey`);
		expect(toOwner.text).toContain(expected(at, 60, 'GMT+1'));
		expect(toMember.text).toContain(expected(at, -300, 'GMT-5'));
		expect(toOwner.text).not.toContain(' UTC');
	});
});
