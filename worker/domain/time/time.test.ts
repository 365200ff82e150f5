import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, timeEntries } from '../../../db/schema';
import { DEMO_TIME } from '../../dev/seed/ids';
import { ACME, DEMO, fixedClock, scopes, seed, staffActor, testServices } from '../../../tests/helpers';
import { deleteTimeEntry } from './delete-time-entry';
import { listProjectTime } from './list-project-time';
import { logTime } from './log-time';
import { startTimer } from './start-timer';
import { stopTimer } from './stop-timer';
import { updateTimeEntry } from './update-time-entry';
import type { ClientActor, StaffActor } from '../actor';
import type { Scope } from '../scope';

const W = DEMO.websiteProjectId;
const minute = 60_000;

async function setup() {
	const clock = fixedClock(Date.UTC(2026, 10, 23, 9, 0, 0));
	const services = await seed(testServices({ clock }));
	const s = await scopes(services);
	return {
		services,
		clock,
		...s,
		demoOwner: s.demoOwner as Scope & { actor: StaffActor },
		casey: s.casey as Scope & { actor: ClientActor }
	};
}

const entry = (over: Record<string, unknown> = {}) => ({
	projectId: W,
	date: '2026-11-20',
	duration: '1:30',
	description: 'Design review',
	billable: 'on',
	rate: '120',
	...over
});

async function activityFor(scope: Scope, subjectId: string) {
	return scope.services.db.select().from(activity).where(eq(activity.subjectId, subjectId));
}

describe('logging time', () => {
	it('stores an entry with minutes, rate in minor units and the workspace currency, and logs it in the feed', async () => {
		const { demoOwner, acmeOwner } = await setup();
		const logged = await logTime({ ...demoOwner, input: entry() });
		expect(logged).toMatchObject({
			minutes: 90,
			rateMinor: 12_000,
			currency: 'USD',
			billable: true,
			amountMinor: 18_000,
			userName: 'Olivia Owner',
			date: '2026-11-20'
		});
		expect((await activityFor(demoOwner, logged.id)).map((a) => [a.verb, a.projectId, a.clientId])).toEqual([
			['time.logged', W, DEMO.northwindId]
		]);
		const naira = await logTime({
			...acmeOwner,
			input: { ...entry({ projectId: ACME.projectId, rate: '25,000', duration: '45' }) }
		});
		expect(naira).toMatchObject({ currency: 'NGN', rateMinor: 2_500_000, minutes: 45, amountMinor: 1_875_000 });
		const plain = await logTime({
			...demoOwner,
			input: entry({ billable: undefined, duration: '2h', rate: '', currency: 'eur' })
		});
		expect(plain).toMatchObject({ billable: false, minutes: 120, rateMinor: 0, currency: 'EUR', amountMinor: 0 });
	});

	it('gives a clear message per field and stores nothing for bad input', async () => {
		const { demoOwner, services } = await setup();
		const before = await services.db.select().from(timeEntries);
		const bad = logTime({ ...demoOwner, input: entry({ date: '2026-02-30', duration: '1.5', description: '  ' }) });
		await expect(bad).rejects.toMatchObject({
			code: 'validation_failed',
			fields: {
				date: 'That is not a real date.',
				duration: 'Enter minutes (90) or hours:minutes (1:30).',
				description: 'Describe the work.'
			}
		});
		await expect(logTime({ ...demoOwner, input: entry({ date: '2026-12-25' }) })).rejects.toMatchObject({
			fields: { date: 'Time cannot be logged for a future date.' }
		});
		await expect(logTime({ ...demoOwner, input: entry({ duration: '0' }) })).rejects.toMatchObject({
			fields: { duration: 'Enter at least 1 minute.' }
		});
		await expect(logTime({ ...demoOwner, input: entry({ duration: '25:00' }) })).rejects.toMatchObject({
			fields: { duration: 'One entry can be at most 24 hours.' }
		});
		await expect(logTime({ ...demoOwner, input: entry({ rate: '12.345' }) })).rejects.toMatchObject({
			fields: { rate: 'Enter the rate in USD, e.g. 95.50.' }
		});
		await expect(logTime({ ...demoOwner, input: entry({ rate: 'lots' }) })).rejects.toMatchObject({
			fields: { rate: expect.stringContaining('hourly rate') }
		});
		await expect(logTime({ ...demoOwner, input: entry({ currency: 'XYZ1' }) })).rejects.toMatchObject({
			fields: { currency: expect.stringContaining('currency code') }
		});
		expect(await services.db.select().from(timeEntries)).toHaveLength(before.length);
	});

	it("is for staff of the project's workspace only", async () => {
		const { casey, acmeOwner, anonymousDemo } = await setup();
		await expect(logTime({ ...casey, input: entry() })).rejects.toMatchObject({ code: 'forbidden' });
		await expect(logTime({ ...anonymousDemo, input: entry() })).rejects.toMatchObject({ code: 'unauthenticated' });
		await expect(logTime({ ...acmeOwner, input: entry() })).rejects.toMatchObject({ code: 'not_found' });
	});
});

describe('project time lists and totals', () => {
	it('gives staff every entry with total, billable time and billable amount', async () => {
		const { demoOwner } = await setup();
		const list = await listProjectTime({ ...demoOwner, input: { projectId: W } });
		expect(list.entries.items.map((e) => e.id)).toEqual([
			DEMO_TIME.websiteHomepage,
			DEMO_TIME.websiteStandup,
			DEMO_TIME.websiteSitemap,
			DEMO_TIME.websiteWorkshop
		]);
		expect(list.totals).toEqual({
			entries: 4,
			totalMinutes: 375,
			billableMinutes: 345,
			nonBillableMinutes: 30,
			billableAmounts: [{ currency: 'USD', amountMinor: 54_625 }]
		});
		expect(list.entries.items.find((e) => e.id === DEMO_TIME.websiteStandup)).toMatchObject({
			billable: false,
			amountMinor: 0,
			rateMinor: 9500
		});
		expect(list.lastRate).toEqual({ rateMinor: 9500, currency: 'USD' });
	});

	it('shows a client only billable, finished entries, with amounts but no rates, people or invoice links', async () => {
		const { casey, demoOwner } = await setup();
		await startTimer({ ...demoOwner, input: { projectId: W, description: 'Running now', billable: true, rate: '95' } });
		const list = await listProjectTime({ ...casey, input: { projectId: W } });
		expect(list.entries.items.map((e) => e.description)).toEqual([
			'Homepage design, two directions',
			'Sitemap and content plan',
			'Kick-off workshop with the Northwind team'
		]);
		for (const item of list.entries.items)
			expect(Object.keys(item).sort()).toEqual(['amountMinor', 'currency', 'date', 'description', 'id', 'minutes']);
		expect(list.entries.items[0]).toMatchObject({ minutes: 135, amountMinor: 21_375, currency: 'USD' });
		expect(list.totals).toEqual({
			entries: 3,
			billableMinutes: 345,
			billableAmounts: [{ currency: 'USD', amountMinor: 54_625 }]
		});
		expect(JSON.stringify(list)).not.toContain('stand-up');
	});

	it("keeps other clients' and other workspaces' time out of reach", async () => {
		const { casey, oscar, acmeOwner, acmeClient } = await setup();
		await expect(listProjectTime({ ...casey, input: { projectId: DEMO.globexProjectId } })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(listProjectTime({ ...oscar, input: { projectId: W } })).rejects.toMatchObject({ code: 'not_found' });
		await expect(listProjectTime({ ...acmeOwner, input: { projectId: W } })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(listProjectTime({ ...acmeClient, input: { projectId: W } })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(
			updateTimeEntry({ ...acmeOwner, input: { ...entry(), entryId: DEMO_TIME.websiteWorkshop } })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			deleteTimeEntry({ ...acmeOwner, input: { entryId: DEMO_TIME.websiteWorkshop } })
		).rejects.toMatchObject({ code: 'not_found' });
	});

	it('paginates, with totals over all entries', async () => {
		const { demoOwner } = await setup();
		const page2 = await listProjectTime({ ...demoOwner, input: { projectId: W, page: 2, pageSize: 3 } });
		expect(page2.entries.items.map((e) => e.id)).toEqual([DEMO_TIME.websiteWorkshop]);
		expect(page2.entries).toMatchObject({ hasPrevious: true, hasNext: false });
		expect(page2.totals.totalMinutes).toBe(375);
	});
});

describe('editing and deleting time', () => {
	it('changes an unbilled entry and logs it', async () => {
		const { demoOwner, casey } = await setup();
		await updateTimeEntry({
			...demoOwner,
			input: {
				...entry({ duration: '1:00', billable: undefined, description: 'Standup (moved)' }),
				entryId: DEMO_TIME.websiteSitemap
			}
		});
		const list = await listProjectTime({ ...casey, input: { projectId: W } });
		expect(list.entries.items.map((e) => e.id)).not.toContain(DEMO_TIME.websiteSitemap);
		expect(list.totals.billableMinutes).toBe(255);
		expect((await activityFor(demoOwner, DEMO_TIME.websiteSitemap)).map((a) => a.verb)).toEqual(['time.updated']);
		await expect(
			updateTimeEntry({ ...demoOwner, input: { ...entry({ duration: 'x' }), entryId: DEMO_TIME.websiteSitemap } })
		).rejects.toMatchObject({ fields: { duration: expect.any(String) } });
	});

	it('refuses to change or delete billed time, changing and logging nothing', async () => {
		const { demoOwner, services } = await setup();
		await services.db
			.update(timeEntries)
			.set({ invoiceId: 'inv_x' })
			.where(eq(timeEntries.id, DEMO_TIME.websiteWorkshop));
		await expect(
			updateTimeEntry({ ...demoOwner, input: { ...entry(), entryId: DEMO_TIME.websiteWorkshop } })
		).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('billed') });
		await expect(
			deleteTimeEntry({ ...demoOwner, input: { entryId: DEMO_TIME.websiteWorkshop } })
		).rejects.toMatchObject({ code: 'conflict' });
		const row = await services.db.query.timeEntries.findFirst({ where: eq(timeEntries.id, DEMO_TIME.websiteWorkshop) });
		expect(row).toMatchObject({ minutes: 120, description: 'Kick-off workshop with the Northwind team' });
		expect(await activityFor(demoOwner, DEMO_TIME.websiteWorkshop)).toHaveLength(0);
	});

	it('deletes an unbilled entry and logs it', async () => {
		const { demoOwner, services } = await setup();
		await deleteTimeEntry({ ...demoOwner, input: { entryId: DEMO_TIME.websiteStandup } });
		expect(
			await services.db.query.timeEntries.findFirst({ where: eq(timeEntries.id, DEMO_TIME.websiteStandup) })
		).toBeUndefined();
		expect((await activityFor(demoOwner, DEMO_TIME.websiteStandup)).map((a) => a.verb)).toEqual(['time.deleted']);
		await expect(deleteTimeEntry({ ...demoOwner, input: { entryId: DEMO_TIME.websiteStandup } })).rejects.toMatchObject(
			{ code: 'not_found' }
		);
	});
});

describe('timers', () => {
	it('start at 0 minutes and stop adding the elapsed time, rounded to the minute', async () => {
		const { demoOwner, clock, services } = await setup();
		const started = await startTimer({
			...demoOwner,
			input: { projectId: W, description: 'Build templates', billable: 'on', rate: '95' }
		});
		const running = await listProjectTime({ ...demoOwner, input: { projectId: W } });
		expect(running.running).toMatchObject({
			id: started.id,
			projectId: W,
			projectName: 'Website redesign',
			startedAt: clock.now()
		});
		expect(running.entries.items[0]).toMatchObject({ id: started.id, minutes: 0, date: '2026-11-23' });
		clock.advance(25 * minute + 30_000);
		const stopped = await stopTimer(demoOwner);
		expect(stopped).toMatchObject({ id: started.id, minutes: 26, addedMinutes: 26 });
		const row = await services.db.query.timeEntries.findFirst({ where: eq(timeEntries.id, started.id) });
		expect(row).toMatchObject({ minutes: 26, timerStartedAt: null, rateMinor: 9500, billable: true });
		expect((await activityFor(demoOwner, started.id)).map((a) => a.verb).sort()).toEqual([
			'time.timer_started',
			'time.timer_stopped'
		]);
		await expect(stopTimer(demoOwner)).rejects.toMatchObject({
			code: 'conflict',
			message: 'You have no timer running.'
		});
	});

	it('run one at a time per person: concurrent starts make exactly one, and others still have their own', async () => {
		const { demoOwner, services } = await setup();
		const results = await Promise.allSettled(
			[1, 2, 3, 4, 5].map((i) => startTimer({ ...demoOwner, input: { projectId: W, description: `Attempt ${i}` } }))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		for (const r of results.filter((r) => r.status === 'rejected'))
			expect((r as PromiseRejectedResult).reason).toMatchObject({
				code: 'conflict',
				message: expect.stringContaining('Website redesign')
			});
		const running = await services.db
			.select()
			.from(timeEntries)
			.where(and(eq(timeEntries.userId, DEMO.ownerUserId), eq(timeEntries.minutes, 0)));
		expect(running).toHaveLength(1);
		expect(await services.db.select().from(activity).where(eq(activity.verb, 'time.timer_started'))).toHaveLength(1);
		const member = { ...demoOwner, actor: await staffActor(services, DEMO.workspaceId, DEMO.memberUserId) };
		await expect(
			startTimer({ ...member, input: { projectId: DEMO.brandProjectId, description: 'Mine' } })
		).resolves.toMatchObject({ id: expect.any(String) });
	});

	it('stop once even when stopped twice at the same moment', async () => {
		const { demoOwner, clock, services } = await setup();
		const { id } = await startTimer({ ...demoOwner, input: { projectId: W, description: 'Double stop' } });
		clock.advance(10 * minute);
		const results = await Promise.allSettled([stopTimer(demoOwner), stopTimer(demoOwner)]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const row = await services.db.query.timeEntries.findFirst({ where: eq(timeEntries.id, id) });
		expect(row?.minutes).toBe(10);
		expect((await activityFor(demoOwner, id)).filter((a) => a.verb === 'time.timer_stopped')).toHaveLength(1);
	});

	it('count a stop right after the start as one minute, and are for staff only', async () => {
		const { demoOwner, casey } = await setup();
		await startTimer({ ...demoOwner, input: { projectId: W, description: 'Quick one' } });
		await expect(stopTimer(demoOwner)).resolves.toMatchObject({ minutes: 1 });
		await expect(startTimer({ ...casey, input: { projectId: W, description: 'x' } })).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(
			startTimer({ ...demoOwner, input: { projectId: ACME.projectId, description: 'x' } })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(startTimer({ ...demoOwner, input: { projectId: W, description: '' } })).rejects.toMatchObject({
			fields: { description: 'Describe the work.' }
		});
	});
});
