import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, invoiceItems, invoices, timeEntries } from '../../../db/schema';
import { BILLING, INVOICES } from '../../dev/seed/ids';
import { ACME, DEMO, emailsTo, inDays, scopes, seed, testClock, testServices } from '../../../tests/helpers';
import type { Services } from '../../services';
import type { Scope } from '../scope';
import { isGuardFailure } from './batch-guard';
import { createInvoice } from './create-invoice';
import { getInvoice } from './get-invoice';
import { parseInvoiceInput } from './invoice-input';
import { itemAndTimeStatements, readInvoiceParts } from './invoice-parts';
import { listInvoices } from './list-invoices';
import { sendInvoice } from './send-invoice';
import { updateInvoice } from './update-invoice';
import { voidInvoice } from './void-invoice';

const today = () => inDays(0);

function draftInput(overrides: Record<string, unknown> = {}) {
	return {
		clientId: DEMO.northwindId,
		projectId: DEMO.websiteProjectId,
		issueDate: today(),
		dueDate: inDays(14),
		currency: 'USD',
		items: [{ description: 'Design work', quantity: '2', unitPrice: '150' }],
		...overrides
	};
}

let entrySeq = 0;
async function addTimeEntry(services: Services, fields: Partial<typeof timeEntries.$inferInsert> = {}) {
	const id = `te_test_${++entrySeq}`;
	await services.db.insert(timeEntries).values({
		id,
		workspaceId: DEMO.workspaceId,
		clientId: DEMO.northwindId,
		projectId: DEMO.websiteProjectId,
		date: inDays(-30),
		minutes: 90,
		description: 'Build templates',
		billable: true,
		rateMinor: 10_000,
		currency: 'USD',
		createdAt: testClock.now(),
		updatedAt: testClock.now(),
		...fields
	});
	return id;
}

async function setup() {
	const services = await seed(testServices());
	return { services, ...(await scopes(services)) };
}

describe('creating invoices', () => {
	it('creates a draft with the next number and exact totals (half away from zero, in integers)', async () => {
		const { services, demoOwner } = await setup();
		const created = await createInvoice({
			...demoOwner,
			input: draftInput({
				items: [
					{ description: 'Workshop', quantity: '1.5', unitPrice: '33.33' }, // 49.995 -> 50.00
					{ description: 'Icons', quantity: '3', unitPrice: '0.99' } // 2.97
				],
				discount: '2.97',
				taxRate: '8.25' // 8.25% of 50.00 = 4.125 -> 4.13
			})
		});
		expect(created.number).toBe(11); // the demo data used 1-10
		const stored = await services.db.select().from(invoices).where(eq(invoices.id, created.id)).get();
		expect(stored).toMatchObject({
			status: 'draft',
			currency: 'USD',
			subtotalMinor: 5297,
			discountMinor: 297,
			taxBp: 825,
			taxMinor: 413,
			totalMinor: 5413,
			amountPaidMinor: 0
		});
		const items = await services.db
			.select()
			.from(invoiceItems)
			.where(eq(invoiceItems.invoiceId, created.id))
			.orderBy(invoiceItems.position);
		expect(items.map((i) => [i.description, i.quantityMilli, i.unitPriceMinor, i.amountMinor])).toEqual([
			['Workshop', 1500, 3333, 5000],
			['Icons', 3000, 99, 297]
		]);
	});

	it('reads form posts (items.N.field, blank rows ignored) the same as JSON', () => {
		const input = parseInvoiceInput({
			...draftInput({ items: undefined }),
			'items.0.description': 'Design',
			'items.0.quantity': '2',
			'items.0.unitPrice': '150',
			'items.1.description': '',
			'items.1.quantity': '1',
			'items.1.unitPrice': '',
			'items.2.description': 'Copy',
			'items.2.quantity': '',
			'items.2.unitPrice': '80.50',
			timeEntryIds: 'te_1'
		});
		expect(input.lines).toEqual([
			{ description: 'Design', quantityMilli: 2000, unitPriceMinor: 15000 },
			{ description: 'Copy', quantityMilli: 1000, unitPriceMinor: 8050 }
		]);
		expect(input.timeEntryIds).toEqual(['te_1']);
	});

	it('explains bad input field by field', async () => {
		const { demoOwner } = await setup();
		const attempt = createInvoice({
			...demoOwner,
			input: draftInput({
				items: [
					{ description: 'Too precise', quantity: '1', unitPrice: '12.345' },
					{ description: '', quantity: '1', unitPrice: '5' }
				],
				taxRate: '120',
				discount: 'lots'
			})
		});
		await expect(attempt).rejects.toMatchObject({
			code: 'validation_failed',
			fields: {
				'items.0.unitPrice': expect.stringContaining('USD'),
				'items.1.description': 'Describe this line.',
				taxRate: expect.any(String),
				discount: expect.any(String)
			}
		});
		await expect(
			createInvoice({ ...demoOwner, input: draftInput({ dueDate: '2020-01-01', currency: 'ABC' }) })
		).rejects.toMatchObject({ fields: { dueDate: expect.any(String), currency: expect.any(String) } });
		await expect(createInvoice({ ...demoOwner, input: draftInput({ items: [] }) })).rejects.toMatchObject({
			fields: { items: 'Add at least one line item or time entry.' }
		});
		await expect(
			createInvoice({
				...demoOwner,
				input: draftInput({ items: [{ description: 'x', quantity: '1', unitPrice: '10' }], discount: '11' })
			})
		).rejects.toMatchObject({ fields: { discount: expect.stringContaining('more than the subtotal') } });
	});

	it('refuses clients, and clients or projects of another workspace', async () => {
		const { casey, demoOwner, acmeOwner } = await setup();
		await expect(createInvoice({ ...casey, input: draftInput() })).rejects.toMatchObject({ code: 'forbidden' });
		await expect(createInvoice({ ...acmeOwner, input: draftInput({ projectId: '' }) })).rejects.toMatchObject({
			fields: { clientId: expect.any(String) }
		});
		await expect(
			createInvoice({ ...demoOwner, input: draftInput({ projectId: DEMO.globexProjectId }) })
		).rejects.toMatchObject({ fields: { projectId: expect.any(String) } });
	});
});

describe('invoice numbers', () => {
	it('hands out distinct consecutive numbers under concurrency and never reuses one, per workspace', async () => {
		const { services, demoOwner, acmeOwner } = await setup();
		const created = await Promise.all(
			Array.from({ length: 10 }, () => createInvoice({ ...demoOwner, input: draftInput() }))
		);
		const numbers = created.map((c) => c.number).sort((a, b) => a - b);
		expect(numbers).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);

		// Voiding keeps the number; the next invoice still gets a fresh one.
		await voidInvoice({ ...demoOwner, invoiceId: created.find((c) => c.number === 20)!.id });
		expect((await createInvoice({ ...demoOwner, input: draftInput() })).number).toBe(21);

		// Acme counts on its own.
		const acme = await createInvoice({
			...acmeOwner,
			input: draftInput({ clientId: ACME.roadrunnerId, projectId: ACME.projectId, currency: 'NGN' })
		});
		expect(acme.number).toBe(2);
		const all = await services.db.select({ ws: invoices.workspaceId, n: invoices.number }).from(invoices);
		expect(new Set(all.map((r) => `${r.ws}:${r.n}`)).size).toBe(all.length);
	});

	it('starts a new workspace at 1 and continues after invoices that exist without a sequence row', async () => {
		const { services, demoOwner } = await setup();
		await services.db.run(sql`DELETE FROM number_sequences`);
		expect((await createInvoice({ ...demoOwner, input: draftInput() })).number).toBe(11);
	});
});

describe('billing time entries', () => {
	it('turns unbilled billable time into exact lines and marks it billed in the same batch', async () => {
		const { services, demoOwner } = await setup();
		const a = await addTimeEntry(services, { minutes: 90, rateMinor: 10_000 }); // 1.5h x $100 = $150.00
		const b = await addTimeEntry(services, { minutes: 20, rateMinor: 9_500, date: inDays(-29) }); // 20/60 x $95 = $31.666.. -> $31.67
		const created = await createInvoice({ ...demoOwner, input: draftInput({ items: [], timeEntryIds: [a, b] }) });
		const items = await services.db
			.select()
			.from(invoiceItems)
			.where(eq(invoiceItems.invoiceId, created.id))
			.orderBy(invoiceItems.position);
		expect(items.map((i) => [i.timeEntryId, i.amountMinor])).toEqual([
			[a, 15_000],
			[b, 3_167]
		]);
		expect((await services.db.select().from(invoices).where(eq(invoices.id, created.id)).get())!.totalMinor).toBe(
			18_167
		);
		const entries = await services.db
			.select({ id: timeEntries.id, invoiceId: timeEntries.invoiceId })
			.from(timeEntries)
			.where(eq(timeEntries.invoiceId, created.id));
		expect(entries.map((e) => e.id).sort()).toEqual([a, b].sort());
	});

	it('refuses time that is not billable, already billed, running, of another client or in another currency', async () => {
		const { services, demoOwner } = await setup();
		const cases = [
			await addTimeEntry(services, { billable: false }),
			await addTimeEntry(services, { invoiceId: INVOICES.paidId }),
			await addTimeEntry(services, { timerStartedAt: testClock.now() }),
			await addTimeEntry(services, { clientId: DEMO.globexId, projectId: DEMO.globexProjectId }),
			await addTimeEntry(services, { currency: 'EUR' })
		];
		for (const id of cases) {
			await expect(
				createInvoice({ ...demoOwner, input: draftInput({ timeEntryIds: [id] }) }),
				id
			).rejects.toMatchObject({ code: 'validation_failed', fields: { timeEntryIds: expect.any(String) } });
		}
	});

	it('bills a time entry on only one invoice when two race for it', async () => {
		const { services, demoOwner } = await setup();
		const entry = await addTimeEntry(services);
		const results = await Promise.allSettled([
			createInvoice({ ...demoOwner, input: draftInput({ items: [], timeEntryIds: [entry] }) }),
			createInvoice({ ...demoOwner, input: draftInput({ items: [], timeEntryIds: [entry] }) })
		]);
		const won = results.filter((r) => r.status === 'fulfilled');
		expect(won).toHaveLength(1);
		expect(results.find((r) => r.status === 'rejected')).toMatchObject({
			reason: { code: expect.stringMatching(/conflict|validation_failed/) }
		});
		const billed = await services.db.select().from(invoiceItems).where(eq(invoiceItems.timeEntryId, entry));
		expect(billed).toHaveLength(1);
		// The losing batch rolled back whole: its number too, so the next one follows on.
		expect((await createInvoice({ ...demoOwner, input: draftInput() })).number).toBe(
			won[0].status === 'fulfilled' ? won[0].value.number + 1 : NaN
		);
	});

	it('rolls the whole batch back when an entry is billed between reading and writing', async () => {
		const { services, demoOwner } = await setup();
		const entry = await addTimeEntry(services);
		const input = parseInvoiceInput(draftInput({ timeEntryIds: [entry] }));
		const parts = await readInvoiceParts(demoOwner, input);
		const linesBefore = await services.db
			.select()
			.from(invoiceItems)
			.where(eq(invoiceItems.invoiceId, INVOICES.draftId));
		// Someone bills the entry on another invoice after we read it...
		await services.db.update(timeEntries).set({ invoiceId: INVOICES.voidId }).where(eq(timeEntries.id, entry));
		// ...so writing our lines for the draft must undo itself.
		const statements = itemAndTimeStatements(demoOwner, INVOICES.draftId, parts.rows, parts.entries);
		const failure = await services.db.batch(statements as [(typeof statements)[number]]).catch((e: unknown) => e);
		expect(isGuardFailure(failure)).toBe(true);
		expect(await services.db.select().from(invoiceItems).where(eq(invoiceItems.invoiceId, INVOICES.draftId))).toEqual(
			linesBefore
		);
		expect((await services.db.select().from(timeEntries).where(eq(timeEntries.id, entry)).get())!.invoiceId).toBe(
			INVOICES.voidId
		);
	});

	it('edits a draft, releasing entries taken off it; voiding frees the rest', async () => {
		const { services, demoOwner } = await setup();
		const a = await addTimeEntry(services);
		const b = await addTimeEntry(services);
		const created = await createInvoice({ ...demoOwner, input: draftInput({ timeEntryIds: [a, b] }) });
		await updateInvoice({
			...demoOwner,
			invoiceId: created.id,
			input: draftInput({ timeEntryIds: [b], items: [{ description: 'Extra', quantity: '1', unitPrice: '10' }] })
		});
		const entry = async (id: string) =>
			(await services.db.select().from(timeEntries).where(eq(timeEntries.id, id)).get())!.invoiceId;
		expect(await entry(a)).toBeNull();
		expect(await entry(b)).toBe(created.id);
		expect((await services.db.select().from(invoices).where(eq(invoices.id, created.id)).get())!.totalMinor).toBe(
			15_000 + 1_000
		);
		await voidInvoice({ ...demoOwner, invoiceId: created.id });
		expect(await entry(b)).toBeNull();
	});

	it('does not edit an invoice once it is sent', async () => {
		const { demoOwner } = await setup();
		await expect(
			updateInvoice({ ...demoOwner, invoiceId: INVOICES.sentId, input: draftInput() })
		).rejects.toMatchObject({ code: 'conflict' });
	});
});

describe('sending and voiding', () => {
	it('sends a draft exactly once and emails the client contacts a portal link', async () => {
		const { services, demoOwner } = await setup();
		const created = await createInvoice({ ...demoOwner, input: draftInput() });
		const results = await Promise.allSettled([
			sendInvoice({ ...demoOwner, invoiceId: created.id }),
			sendInvoice({ ...demoOwner, invoiceId: created.id })
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const stored = await services.db.select().from(invoices).where(eq(invoices.id, created.id)).get();
		expect(stored).toMatchObject({ status: 'sent', sentAt: expect.any(Number) });
		const sentActivity = await services.db
			.select()
			.from(activity)
			.where(and(eq(activity.subjectId, created.id), eq(activity.verb, 'invoice.sent')));
		expect(sentActivity).toHaveLength(1);
		const mails = await emailsTo(services, DEMO.caseyEmail);
		expect(mails).toHaveLength(1);
		expect(mails[0].subject).toBe('Invoice INV-0011 from Demo Studio');
		expect(mails[0].text).toContain(`http://demo.localhost:8787/invoices/${created.id}`);
		expect(mails[0].text).toContain('$300.00');
		// Globex's contact hears nothing about Northwind's invoice.
		expect(await emailsTo(services, DEMO.oscarEmail)).toHaveLength(0);

		// Sending again is a reminder; the status stays.
		const again = await sendInvoice({ ...demoOwner, invoiceId: created.id });
		expect(again.reminder).toBe(true);
		expect((await emailsTo(services, DEMO.caseyEmail))[0].subject).toMatch(/^Reminder/);
	});

	it("leads a draft's page with what will be due once it is sent, never $0.00; after sending, with what is due", async () => {
		const { demoOwner } = await setup();
		const draft = await getInvoice({ ...demoOwner, invoiceId: INVOICES.draftId });
		expect(draft.invoice.totalMinor).toBeGreaterThan(0);
		expect(draft.amountDueMinor).toBe(0); // nothing is owed (or counted as outstanding) before it is sent
		expect(draft.dueFact).toEqual({ label: 'Due once sent', minor: draft.invoice.totalMinor });
		await sendInvoice({ ...demoOwner, invoiceId: INVOICES.draftId });
		const sent = await getInvoice({ ...demoOwner, invoiceId: INVOICES.draftId });
		expect(sent.dueFact).toEqual({ label: 'Amount due', minor: sent.invoice.totalMinor });
		expect((await getInvoice({ ...demoOwner, invoiceId: INVOICES.voidId })).dueFact).toEqual({
			label: 'Amount due',
			minor: 0
		});
	});

	it('does not send an empty or a void invoice', async () => {
		const { demoOwner } = await setup();
		await expect(sendInvoice({ ...demoOwner, invoiceId: INVOICES.voidId })).rejects.toMatchObject({ code: 'conflict' });
		const zero = await createInvoice({
			...demoOwner,
			input: draftInput({ items: [{ description: 'Free', quantity: '1', unitPrice: '0' }] })
		});
		await expect(sendInvoice({ ...demoOwner, invoiceId: zero.id })).rejects.toMatchObject({ code: 'conflict' });
	});

	it('does not void an invoice with money on it', async () => {
		const { demoOwner } = await setup();
		await expect(voidInvoice({ ...demoOwner, invoiceId: INVOICES.partialId })).rejects.toMatchObject({
			code: 'conflict'
		});
		await expect(voidInvoice({ ...demoOwner, invoiceId: INVOICES.paidId })).rejects.toMatchObject({ code: 'conflict' });
	});
});

describe('who sees which invoice', () => {
	it("shows a client their own company's invoices, never drafts", async () => {
		const { casey } = await setup();
		const list = await listInvoices(casey);
		const ids = list.page.items.map((i) => i.id).sort();
		expect(ids).toEqual(
			[INVOICES.paidId, INVOICES.partialId, INVOICES.overdueId, INVOICES.sentId, INVOICES.voidId].sort()
		);
		await expect(getInvoice({ ...casey, invoiceId: INVOICES.draftId })).rejects.toMatchObject({ code: 'not_found' });
		const draftFilter = await listInvoices({ ...casey, input: { status: 'draft' } });
		expect(draftFilter.page.items).toEqual([]);
	});

	it('gives other clients, other workspaces and anonymous visitors nothing (not found)', async () => {
		const { oscar, acmeOwner, acmeClient, anonymousDemo, demoOwner } = await setup();
		const tries: [string, Scope][] = [
			['oscar', oscar],
			['acme owner', acmeOwner],
			['acme client', acmeClient]
		];
		for (const [who, scope] of tries) {
			await expect(getInvoice({ ...scope, invoiceId: INVOICES.sentId }), who).rejects.toMatchObject({
				code: 'not_found'
			});
		}
		expect((await listInvoices(acmeOwner)).page.items.map((i) => i.id)).toEqual([INVOICES.acmeId]);
		expect((await listInvoices(oscar)).page.items.map((i) => i.id)).toEqual([INVOICES.globexId]);
		await expect(getInvoice({ ...anonymousDemo, invoiceId: INVOICES.sentId })).rejects.toMatchObject({
			code: 'unauthenticated'
		});
		// Staff see drafts; asking for another workspace's client explicitly gives nothing.
		expect((await getInvoice({ ...demoOwner, invoiceId: INVOICES.draftId })).invoice.status).toBe('draft');
		expect((await listInvoices({ ...demoOwner, clientId: ACME.roadrunnerId })).page.items).toEqual([]);
	});

	it('derives overdue from the due date and filters on it', async () => {
		const { casey, demoOwner } = await setup();
		expect((await getInvoice({ ...casey, invoiceId: INVOICES.overdueId })).displayStatus).toBe('overdue');
		expect((await getInvoice({ ...casey, invoiceId: INVOICES.sentId })).displayStatus).toBe('sent');
		expect((await getInvoice({ ...casey, invoiceId: INVOICES.partialId })).displayStatus).toBe('partially_paid');
		const overdue = await listInvoices({ ...demoOwner, input: { status: 'overdue' } });
		expect(overdue.page.items.map((i) => i.id)).toEqual([INVOICES.overdueId]);
		const sent = await listInvoices({ ...demoOwner, input: { status: 'sent' } });
		// With the billing demo's retainer invoice (worker/dev/seed/billing.ts).
		expect(sent.page.items.map((i) => i.id).sort()).toEqual(
			[INVOICES.sentId, INVOICES.globexId, BILLING.recurringInvoice2].sort()
		);
	});

	it('shows a client succeeded payments only, as their payment history', async () => {
		const { casey } = await setup();
		const detail = await getInvoice({ ...casey, invoiceId: INVOICES.partialId });
		expect(detail.payments.map((p) => p.status)).toEqual(['succeeded']);
		expect(detail.amountDueMinor).toBe(detail.invoice.totalMinor - 300_000);
		const list = await listInvoices(casey);
		expect(list.recentPayments.map((p) => p.invoiceId).sort()).toEqual([INVOICES.paidId, INVOICES.partialId].sort());
	});

	it('paginates', async () => {
		const { demoOwner } = await setup();
		const first = await listInvoices({ ...demoOwner, input: { page: 1, pageSize: 4 } });
		expect(first.page.items.map((i) => i.number)).toEqual([10, 9, 8, 7]);
		expect(first.page.hasNext).toBe(true);
		const third = await listInvoices({ ...demoOwner, input: { page: 3, pageSize: 4 } });
		expect(third.page.items.map((i) => i.number)).toEqual([2, 1]);
		expect(third.page.hasNext).toBe(false);
	});
});
