import { and, eq, inArray } from 'drizzle-orm';
import { insertChunks } from '../../services/db';
import { describe, expect, it } from 'vitest';
import { activity, emailLog, memberships, quotes, workspaces } from '../../../db/schema';
import { ACME, DEMO, emailsTo, fixedClock, QUOTES, scopes, seed, testServices } from '../../../tests/helpers';
import type { Services } from '../../services';
import { runScheduledJobs } from '../../scheduled';
import { acceptQuote } from './accept-quote';
import { expireQuotes } from './expire-quotes';
import { getQuote } from './get-quote';
import { listQuotes } from './list-quotes';
import { requestQuoteChanges } from './request-quote-changes';
import { quoteLabel } from './quote-status';
import { sendQuote } from './send-quote';

// 2026-11-23 12:00 UTC: "today" is 2026-11-23 in UTC.
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

async function setup() {
	const clock = fixedClock(NOW);
	const services = await seed(testServices({ clock }));
	return { services, clock };
}

const setExpiry = (services: Services, ids: string[], expiresOn: string | null) =>
	services.db.update(quotes).set({ expiresOn }).where(inArray(quotes.id, ids));
const statusOf = async (services: Services, id: string) =>
	(await services.db.select({ status: quotes.status }).from(quotes).where(eq(quotes.id, id)).get())!.status;
const labelOf = async (services: Services, id: string) =>
	quoteLabel((await services.db.select({ number: quotes.number }).from(quotes).where(eq(quotes.id, id)).get())!.number);
const expiryEmails = async (services: Services, to: string) =>
	(await emailsTo(services, to)).filter((m) => m.tag === 'quotes-expired');
const expiryEntries = (services: Services, id: string) =>
	services.db
		.select()
		.from(activity)
		.where(and(eq(activity.verb, 'quote.expired'), eq(activity.subjectId, id)));

describe('expiring quotes (scheduled)', () => {
	it('stores expired on sent, viewed and changes-requested quotes past their date, with one activity entry each', async () => {
		const { services } = await setup();
		await setExpiry(services, [QUOTES.sent, QUOTES.viewed, QUOTES.changesRequested], '2026-11-22');
		// Valid through its expiry day; no date never expires; closed quotes are not offers any more.
		await setExpiry(services, [QUOTES.globexSent], '2026-11-23');
		await setExpiry(services, [QUOTES.acmeSent], null);
		await setExpiry(services, [QUOTES.draft, QUOTES.accepted], '2026-01-01');

		expect(await expireQuotes({ services })).toBe(3);
		for (const id of [QUOTES.sent, QUOTES.viewed, QUOTES.changesRequested]) {
			expect(await statusOf(services, id), id).toBe('expired');
			const [entry, ...more] = await expiryEntries(services, id);
			expect(more).toEqual([]);
			expect(entry).toMatchObject({
				workspaceId: DEMO.workspaceId,
				actorKind: 'system',
				actorName: 'CoPortal',
				clientId: DEMO.northwindId,
				subjectType: 'quote'
			});
			expect(entry.summary).toMatch(/^Quote Q-\d{4} ".+" expired \(valid until 2026-11-22\)$/);
		}
		expect(await statusOf(services, QUOTES.globexSent)).toBe('sent');
		expect(await statusOf(services, QUOTES.acmeSent)).toBe('sent');
		expect(await statusOf(services, QUOTES.draft)).toBe('draft');
		expect(await statusOf(services, QUOTES.accepted)).toBe('accepted');
		// The seeded quote that was already expired gets no second entry.
		expect(await expiryEntries(services, QUOTES.expired)).toEqual([]);
	});

	it('is idempotent: repeated and overlapping runs expire each quote once', async () => {
		const { services } = await setup();
		await setExpiry(services, [QUOTES.sent, QUOTES.viewed], '2026-11-01');
		const counts = await Promise.all([
			expireQuotes({ services }),
			expireQuotes({ services }),
			expireQuotes({ services })
		]);
		expect(counts.reduce((a, b) => a + b, 0)).toBe(2);
		expect(await expireQuotes({ services })).toBe(0);
		expect(await expiryEntries(services, QUOTES.sent)).toHaveLength(1);
		expect(await expiryEntries(services, QUOTES.viewed)).toHaveLength(1);
	});

	it('expires a large backlog in one run, set-based, with exactly one entry per quote', async () => {
		const { services } = await setup();
		const base = await insertBacklog(services, 170);
		expect(await expireQuotes({ services })).toBe(170);
		const entries = await services.db.select().from(activity).where(eq(activity.verb, 'quote.expired'));
		expect(entries).toHaveLength(170);
		expect(new Set(entries.map((e) => e.subjectId)).size).toBe(170);
		expect(new Set(entries.map((e) => e.id)).size).toBe(170);
		expect(entries.find((e) => e.subjectId === 'quo_backlog_7')!.summary).toBe(
			`Quote Q-1007 "${base.title}" expired (valid until 2026-10-01)`
		);
		expect(await expireQuotes({ services })).toBe(0);
	});

	it("decides by the workspace's own date: ahead of UTC it has expired, behind it has not yet", async () => {
		const { services, clock } = await setup();
		// 2026-11-23 12:00 UTC is already 2026-11-24 in Kiritimati (UTC+14), still 2026-11-23 in Pago Pago (UTC-11).
		await services.db
			.update(workspaces)
			.set({ timezone: 'Pacific/Kiritimati' })
			.where(eq(workspaces.id, ACME.workspaceId));
		await services.db
			.update(workspaces)
			.set({ timezone: 'Pacific/Pago_Pago' })
			.where(eq(workspaces.id, DEMO.workspaceId));
		await setExpiry(services, [QUOTES.acmeSent, QUOTES.sent], '2026-11-23');
		expect(await expireQuotes({ services })).toBe(1);
		expect(await statusOf(services, QUOTES.acmeSent)).toBe('expired');
		expect(await statusOf(services, QUOTES.sent)).toBe('sent');
		// Pago Pago's midnight: 2026-11-24 11:00 UTC.
		clock.set(Date.UTC(2026, 10, 24, 11, 0, 0));
		expect(await expireQuotes({ services })).toBe(1);
		expect(await statusOf(services, QUOTES.sent)).toBe('expired');
	});

	it('an expired quote stays refused for the client, and staff resending it reopens it without the cron closing it again', async () => {
		const { services, clock } = await setup();
		await setExpiry(services, [QUOTES.sent], '2026-11-22');
		await runScheduledJobs(services);
		expect(await statusOf(services, QUOTES.sent)).toBe('expired');
		const { casey, demoOwner } = await scopes(services);
		await expect(
			acceptQuote({ ...casey, quoteId: QUOTES.sent, input: { version: 1, confirm: 'on' } })
		).rejects.toMatchObject({ code: 'gone' });

		await setExpiry(services, [QUOTES.sent], '2026-12-31');
		await sendQuote({ ...demoOwner, quoteId: QUOTES.sent });
		expect(await statusOf(services, QUOTES.sent)).toBe('sent');
		clock.advance(60_000);
		expect(await expireQuotes({ services })).toBe(0);
		expect(await statusOf(services, QUOTES.sent)).toBe('sent');
	});

	it('runs from the every-minute cron', async () => {
		const { services } = await setup();
		await setExpiry(services, [QUOTES.viewed], '2026-11-20');
		const report = await runScheduledJobs(services);
		expect(report['quotes expired']).toBe(1);
		expect(await statusOf(services, QUOTES.viewed)).toBe('expired');
	});

	it('shows a changes-requested quote past its date as expired before the cron stores it, and a later change request keeps it expired', async () => {
		const { services } = await setup();
		const { casey, demoOwner } = await scopes(services);
		await setExpiry(services, [QUOTES.changesRequested], '2026-11-22');
		const ids = async (status: 'expired' | 'changes_requested') =>
			(await listQuotes({ ...demoOwner, input: { status } })).items.map((q) => q.id);
		expect((await getQuote({ ...casey, quoteId: QUOTES.changesRequested })).quote.status).toBe('expired');
		expect(await ids('expired')).toContain(QUOTES.changesRequested);
		expect(await ids('changes_requested')).not.toContain(QUOTES.changesRequested);

		expect(await expireQuotes({ services })).toBe(1);
		const { version } = (await services.db
			.select({ version: quotes.version })
			.from(quotes)
			.where(eq(quotes.id, QUOTES.changesRequested))
			.get())!;
		await requestQuoteChanges({
			...casey,
			quoteId: QUOTES.changesRequested,
			input: { body: 'Could you extend the offer to December?', version }
		});
		await services.settle();
		expect(await statusOf(services, QUOTES.changesRequested)).toBe('expired');
		expect(await expireQuotes({ services })).toBe(0);
		expect(await expiryEntries(services, QUOTES.changesRequested)).toHaveLength(1);
	});

	describe('emails staff who keep quote emails on', () => {
		it('one email per workspace per run listing the quotes it expired, none to those who opted out, logged', async () => {
			const { services } = await setup();
			await services.db
				.update(memberships)
				.set({ emailPrefs: { quotes: false } })
				.where(and(eq(memberships.workspaceId, DEMO.workspaceId), eq(memberships.userId, DEMO.memberUserId)));
			const demoIds = [QUOTES.sent, QUOTES.viewed, QUOTES.changesRequested];
			await setExpiry(services, demoIds, '2026-11-22');
			await setExpiry(services, [QUOTES.acmeSent], '2026-11-20');
			await setExpiry(services, [QUOTES.globexSent], '2026-12-31'); // not expired: not listed

			expect(await expireQuotes({ services })).toBe(4);
			const [demoMail, ...moreDemo] = await expiryEmails(services, DEMO.ownerEmail);
			expect(moreDemo).toEqual([]);
			expect(demoMail.subject).toBe('3 quotes expired');
			for (const id of demoIds) expect(demoMail.text).toContain(`${await labelOf(services, id)} "`);
			expect(demoMail.text).not.toContain((await labelOf(services, QUOTES.globexSent)) + ' "');
			expect(demoMail.text).toContain('(valid until 2026-11-22)');
			expect(demoMail.text).toContain('/quotes?status=expired');
			expect(await expiryEmails(services, DEMO.memberEmail)).toEqual([]);

			const [acmeMail, ...moreAcme] = await expiryEmails(services, ACME.ownerEmail);
			expect(moreAcme).toEqual([]);
			expect(acmeMail.subject).toMatch(new RegExp(`^Quote ${await labelOf(services, QUOTES.acmeSent)} expired: `));
			expect(acmeMail.text).not.toContain((await labelOf(services, QUOTES.sent)) + ' "'); // nothing from the other workspace
			const logged = await services.db.select().from(emailLog).where(eq(emailLog.tag, 'quotes-expired'));
			expect(logged.map((r) => [r.workspaceId, r.to]).sort()).toEqual(
				[
					[ACME.workspaceId, ACME.ownerEmail],
					[DEMO.workspaceId, DEMO.ownerEmail]
				].sort()
			);

			// A later run with nothing new to expire sends nothing.
			expect(await expireQuotes({ services })).toBe(0);
			expect(await services.db.select().from(emailLog).where(eq(emailLog.tag, 'quotes-expired'))).toHaveLength(2);
		});

		it('overlapping runs list each expired quote in exactly one email', async () => {
			const { services } = await setup();
			const ids = [QUOTES.sent, QUOTES.viewed, QUOTES.changesRequested];
			await setExpiry(services, ids, '2026-11-01');
			await Promise.all([expireQuotes({ services }), expireQuotes({ services }), expireQuotes({ services })]);
			const text = (await expiryEmails(services, DEMO.ownerEmail)).map((m) => m.text).join('\n');
			for (const id of ids) expect(text.split(`${await labelOf(services, id)} "`).length - 1, id).toBe(1);
		});

		it('a large backlog is one email that lists the first ones and counts the rest', async () => {
			const { services } = await setup();
			await insertBacklog(services, 70);
			expect(await expireQuotes({ services })).toBe(70);
			const [mail, ...more] = await expiryEmails(services, DEMO.ownerEmail);
			expect(more).toEqual([]);
			expect(mail.subject).toBe('70 quotes expired');
			expect(mail.text).toContain('Q-1000 "');
			expect(mail.text).toContain('Q-1049 "');
			expect(mail.text).not.toContain('Q-1050 "');
			expect(mail.text).toContain('… and 20 more.');
		});
	});
});

/** n copies of the demo's sent quote, viewed and past their date (inserted in chunks under D1's 100-parameter limit); returns the original. */
async function insertBacklog(services: Pick<Services, 'db'>, n: number) {
	const base = (await services.db.select().from(quotes).where(eq(quotes.id, QUOTES.sent)).get())!;
	const extra = Array.from({ length: n }, (_, i) => ({
		...base,
		id: `quo_backlog_${i}`,
		number: 1000 + i,
		status: 'viewed' as const,
		expiresOn: '2026-10-01'
	}));
	for (const statement of insertChunks(services.db, quotes, extra)) await statement;
	return base;
}
