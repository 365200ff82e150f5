import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, numberSequences, quoteItems, quotes } from '../../../db/schema';
import { DEMO, emailsTo, fixedClock, scopes, seed, testServices } from '../../../tests/helpers';
import { createQuote } from './create-quote';
import { declineQuote } from './decline-quote';
import { getQuote } from './get-quote';
import { listQuotes } from './list-quotes';
import { requestQuoteChanges } from './request-quote-changes';
import { sendQuote } from './send-quote';
import { SAMPLE_EXPIRES_ON, sampleQuote, sentQuote } from './testing';
import { updateQuote } from './update-quote';

const day = 24 * 60 * 60 * 1000;

describe('quote lifecycle', () => {
	it('numbers quotes per workspace from one sequence, stores computed totals and items', async () => {
		const services = await seed(testServices({ clock: fixedClock() }));
		const { demoOwner, acmeOwner } = await scopes(services);
		const a = await createQuote({ ...demoOwner, input: sampleQuote(DEMO.northwindId) });
		const b = await createQuote({ ...demoOwner, input: sampleQuote(DEMO.globexId) });
		const [c, d] = await Promise.all([
			createQuote({ ...demoOwner, input: sampleQuote(DEMO.northwindId) }),
			createQuote({ ...demoOwner, input: sampleQuote(DEMO.northwindId) })
		]);
		const acme = await createQuote({ ...acmeOwner, input: sampleQuote('cli_acme_roadrunner', { currency: 'NGN' }) });
		const seq = await services.db
			.select()
			.from(numberSequences)
			.where(and(eq(numberSequences.workspaceId, DEMO.workspaceId), eq(numberSequences.name, 'quote')))
			.get();
		const numbers = [a.number, b.number, c.number, d.number];
		expect(new Set(numbers).size).toBe(4);
		expect(Math.max(...numbers)).toBe(seq!.lastValue);
		expect(b.number).toBe(a.number + 1);
		expect(acme.label).toMatch(/^Q-\d{4}$/);
		const row = await services.db.select().from(quotes).where(eq(quotes.id, a.id)).get();
		expect(row).toMatchObject({
			status: 'draft',
			subtotalMinor: 399_999,
			discountMinor: 10_000,
			taxBp: 750,
			taxMinor: 29_250,
			totalMinor: 419_249,
			version: 1,
			expiresOn: SAMPLE_EXPIRES_ON
		});
		const items = await services.db.select().from(quoteItems).where(eq(quoteItems.quoteId, a.id));
		expect(items.map((i) => i.amountMinor).sort()).toEqual([149_999, 250_000]);
	});

	it('refuses a client of another workspace and tells which field is wrong', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		await expect(createQuote({ ...demoOwner, input: sampleQuote('cli_acme_roadrunner') })).rejects.toMatchObject({
			code: 'validation_failed',
			fields: { clientId: 'Choose a client.' }
		});
	});

	it('keeps drafts from the client, emails the contacts on send, and shows sent quotes in the portal', async () => {
		const services = await seed(testServices({ clock: fixedClock() }));
		const { demoOwner, casey } = await scopes(services);
		const { id } = await createQuote({ ...demoOwner, input: sampleQuote(DEMO.northwindId) });
		await expect(getQuote({ ...casey, quoteId: id })).rejects.toMatchObject({ code: 'not_found' });
		expect((await listQuotes(casey)).items.map((q) => q.id)).not.toContain(id);

		await sendQuote({ ...demoOwner, quoteId: id });
		const [mail] = await emailsTo(services, DEMO.caseyEmail);
		expect(mail.subject).toMatch(/^Quote Q-\d{4}: Website refresh$/);
		expect(mail.text).toContain(`http://demo.localhost:8787/quotes/${id}`);
		const listed = await listQuotes(casey);
		expect(listed.items.find((q) => q.id === id)).toMatchObject({ status: 'sent', totalMinor: 419_249 });
		expect(listed.items.every((q) => q.status !== 'draft')).toBe(true);
		const detail = await getQuote({ ...casey, quoteId: id });
		expect(detail.items).toHaveLength(2);
		expect(detail.quote).toMatchObject({
			notes: 'Payment: 50% upfront.',
			expiresOn: SAMPLE_EXPIRES_ON,
			totalMinor: 419_249
		});
		expect(detail.quote).not.toHaveProperty('viewCount');
		expect(detail.can).toMatchObject({ accept: true, requestChanges: true });
	});

	it('tracks views: first viewed time and open count for staff, sent -> viewed', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const { demoOwner, casey } = await scopes(services);
		const id = await sentQuote(demoOwner, DEMO.northwindId);
		expect((await getQuote({ ...demoOwner, quoteId: id })).quote).toMatchObject({
			status: 'sent',
			viewCount: 0,
			firstViewedAt: null
		});
		const firstAt = clock.now();
		await getQuote({ ...casey, quoteId: id });
		clock.advance(60_000);
		await getQuote({ ...casey, quoteId: id });
		await getQuote({ ...casey, quoteId: id, countView: false }); // e.g. a PDF download
		// Staff looking does not count.
		await getQuote({ ...demoOwner, quoteId: id });
		const seen = (await getQuote({ ...demoOwner, quoteId: id })).quote;
		expect(seen).toMatchObject({
			status: 'viewed',
			viewCount: 2,
			firstViewedAt: firstAt,
			lastViewedAt: firstAt + 60_000
		});
		const listed = await listQuotes({ ...demoOwner, clientId: DEMO.northwindId });
		expect(listed.items.find((q) => q.id === id)).toMatchObject({ viewCount: 2, firstViewedAt: firstAt });
	});

	it('request changes -> staff revise and resend: version bumps, the request is kept and resolved, the client can accept again', async () => {
		const services = await seed(testServices({ clock: fixedClock() }));
		const { demoOwner, casey } = await scopes(services);
		const id = await sentQuote(demoOwner, DEMO.northwindId);
		await expect(
			updateQuote({ ...demoOwner, quoteId: id, input: sampleQuote(DEMO.northwindId, { title: 'Sneaky edit' }) })
		).rejects.toMatchObject({ code: 'conflict' });

		await expect(
			requestQuoteChanges({ ...casey, quoteId: id, input: { body: '  ', version: 1 } })
		).rejects.toMatchObject({ fields: { body: expect.any(String) } });
		await requestQuoteChanges({
			...casey,
			quoteId: id,
			input: { body: 'Can we drop the build to 1 day?', version: 1 }
		});
		await services.settle();
		const [staffMail] = await emailsTo(services, DEMO.ownerEmail);
		expect(staffMail.subject).toContain('asked for changes');
		expect(staffMail.text).toContain('Can we drop the build to 1 day?');
		let detail = await getQuote({ ...demoOwner, quoteId: id });
		expect(detail.quote.status).toBe('changes_requested');
		expect(detail.changeRequests).toMatchObject([
			{ body: 'Can we drop the build to 1 day?', quoteVersion: 1, resolvedAt: null }
		]);
		expect(detail.can).toMatchObject({ edit: true, send: true });
		expect((await getQuote({ ...casey, quoteId: id })).can.accept).toBe(false);

		await updateQuote({
			...demoOwner,
			quoteId: id,
			input: sampleQuote(DEMO.northwindId, {
				items: [
					{ description: 'Design', quantity: '2', unitPrice: '1250' },
					{ description: 'Build', quantity: '1', unitPrice: '999.99' }
				]
			})
		});
		await sendQuote({ ...demoOwner, quoteId: id });
		detail = await getQuote({ ...casey, quoteId: id });
		expect(detail.quote).toMatchObject({ version: 2, status: 'viewed', subtotalMinor: 349_999 });
		expect(detail.changeRequests[0].resolvedAt).not.toBeNull();
		expect(detail.can.accept).toBe(true);
		const mails = await emailsTo(services, DEMO.caseyEmail);
		expect(mails.filter((m) => /^Revised quote Q-\d{4}: Website refresh$/.test(m.subject))).toHaveLength(1);
		// The old version number is stale now.
		await expect(
			requestQuoteChanges({ ...casey, quoteId: id, input: { body: 'again', version: 1 } })
		).rejects.toMatchObject({ code: 'conflict' });
		await services.settle();
	});

	it('a client can decline; staff are told and can revise and resend', async () => {
		const services = await seed(testServices({ clock: fixedClock() }));
		const { demoOwner, casey } = await scopes(services);
		const id = await sentQuote(demoOwner, DEMO.northwindId);
		await declineQuote({ ...casey, quoteId: id, input: { version: 1, reason: 'Over budget' } });
		await services.settle();
		expect((await emailsTo(services, DEMO.ownerEmail))[0].subject).toContain('declined');
		await expect(declineQuote({ ...casey, quoteId: id, input: { version: 1 } })).rejects.toMatchObject({
			code: 'conflict'
		});
		expect((await getQuote({ ...demoOwner, quoteId: id })).can.send).toBe(true);
		await sendQuote({ ...demoOwner, quoteId: id });
		expect((await getQuote({ ...demoOwner, quoteId: id })).quote).toMatchObject({
			status: 'sent',
			version: 2,
			declinedAt: null
		});
		await services.settle();
	});

	it('shows an open quote past its expiry as expired everywhere, and staff must set a new date to resend', async () => {
		const clock = fixedClock(Date.UTC(2026, 11, 30, 12));
		const services = await seed(testServices({ clock }));
		const { demoOwner, casey } = await scopes(services);
		const id = await sentQuote(demoOwner, DEMO.northwindId, { expiresOn: '2026-12-31' });
		expect((await getQuote({ ...casey, quoteId: id })).quote.status).toBe('viewed');
		clock.advance(2 * day);
		const detail = await getQuote({ ...casey, quoteId: id });
		expect(detail.quote.status).toBe('expired');
		expect(detail.can.accept).toBe(false);
		expect((await listQuotes({ ...demoOwner, input: { status: 'expired' } })).items.map((q) => q.id)).toContain(id);
		expect((await listQuotes({ ...demoOwner, input: { status: 'viewed' } })).items.map((q) => q.id)).not.toContain(id);
		// The list parses its own filter: an unknown status lists everything and says no filter is applied.
		const unfiltered = await listQuotes({ ...demoOwner, input: { status: 'nonsense' } });
		expect(unfiltered.status).toBeNull();
		expect(unfiltered.items.map((q) => q.id)).toContain(id);
		expect((await listQuotes({ ...demoOwner, input: { status: 'expired' } })).status).toBe('expired');
		await expect(sendQuote({ ...demoOwner, quoteId: id })).rejects.toMatchObject({
			fields: { expiresOn: expect.any(String) }
		});
		await updateQuote({ ...demoOwner, quoteId: id, input: sampleQuote(DEMO.northwindId, { expiresOn: '2027-01-31' }) });
		await sendQuote({ ...demoOwner, quoteId: id });
		expect((await getQuote({ ...casey, quoteId: id })).can.accept).toBe(true);
	});

	it('writes activity for what happened', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey } = await scopes(services);
		const id = await sentQuote(demoOwner, DEMO.northwindId);
		await requestQuoteChanges({ ...casey, quoteId: id, input: { body: 'x', version: 1 } });
		const verbs = (await services.db.select({ verb: activity.verb }).from(activity).where(eq(activity.subjectId, id)))
			.map((a) => a.verb)
			.sort();
		expect(verbs).toEqual(['quote.changes_requested', 'quote.created', 'quote.sent']);
		await services.settle();
	});
});
