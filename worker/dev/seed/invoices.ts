import {
	activity,
	invoiceItems,
	invoices,
	numberSequences,
	payments,
	timeEntries,
	type InvoiceStatus
} from '../../../db/schema';
import { insertChunks } from '../../services/db';
import { computeTotals, minutesToHoursMilli } from '../../domain/money';
import { formatInvoiceNumber } from '../../domain/invoices/invoice-number';
import { formatMoney } from '../../domain/format';
import { ABANDONED_REASON } from '../../domain/payments/abandon-stale-payments';
import type { SeedContext } from './context';
import { ACME, DEMO, INVOICES } from './ids';

/** Checkouts opened and never paid (the sweep in abandon-stale-payments.ts marks them after a day), per invoice. */
const ABANDONED_CHECKOUTS: Record<string, { provider: 'paystack' | 'stripe'; daysAgo: number }> = {
	[INVOICES.overdueId]: { provider: 'paystack', daysAgo: 7 },
	[INVOICES.acmeId]: { provider: 'stripe', daysAgo: 2 }
};

const day = 24 * 60 * 60 * 1000;

type Line = [description: string, quantityMilli: number, unitPriceMinor: number, timeEntryId?: string];
type Spec = {
	id: string;
	workspaceId: string;
	clientId: string;
	projectId: string | null;
	number: number;
	status: InvoiceStatus;
	issuedDaysAgo: number;
	dueInDays: number;
	currency: string;
	lines: Line[];
	discountMinor?: number;
	taxBp?: number;
	paidMinor?: number;
	notes?: string;
};

/**
 * Invoices in every status for the demo clients: paid (billed from time
 * entries, paid through Paystack), partially paid, overdue, sent, draft, void,
 * one for Globex (invisible to Northwind) and one in the Acme workspace.
 * The number sequences continue after them.
 */
export function seedInvoices({ db, now, isoDay }: SeedContext) {
	const d = DEMO.workspaceId;
	const n = DEMO.northwindId;
	const brandTime = [
		{ id: 'te_demo_inv_1', minutes: 240, description: 'Logo concepts workshop', daysAgo: 100 },
		{ id: 'te_demo_inv_2', minutes: 330, description: 'Logo refinement', daysAgo: 90 },
		{ id: 'te_demo_inv_3', minutes: 150, description: 'Brand guide layout', daysAgo: 80 }
	];
	const rate = 9500;
	const specs: Spec[] = [
		{
			id: INVOICES.paidId,
			workspaceId: d,
			clientId: n,
			projectId: DEMO.brandProjectId,
			number: 1,
			status: 'paid',
			issuedDaysAgo: 45,
			dueInDays: -15,
			currency: 'USD',
			lines: brandTime.map(
				(t) => [`${t.description} (billed time)`, minutesToHoursMilli(t.minutes), rate, t.id] as Line
			),
			taxBp: 750,
			notes: 'Billed from logged time on the Brand refresh project.'
		},
		{
			id: INVOICES.partialId,
			workspaceId: d,
			clientId: n,
			projectId: DEMO.websiteProjectId,
			number: 2,
			status: 'partially_paid',
			issuedDaysAgo: 20,
			dueInDays: 10,
			currency: 'USD',
			lines: [
				['Website redesign: deposit (50%)', 1000, 600000],
				['Hosting setup', 1000, 45000]
			],
			discountMinor: 5000
		},
		{
			id: INVOICES.overdueId,
			workspaceId: d,
			clientId: n,
			projectId: DEMO.websiteProjectId,
			number: 3,
			status: 'sent',
			issuedDaysAgo: 37,
			dueInDays: -7,
			currency: 'USD',
			lines: [
				['Research and sitemap', 1500, 12000],
				['Stock photography licences', 3000, 2999]
			],
			taxBp: 825
		},
		{
			id: INVOICES.sentId,
			workspaceId: d,
			clientId: n,
			projectId: DEMO.websiteProjectId,
			number: 4,
			status: 'sent',
			issuedDaysAgo: 2,
			dueInDays: 28,
			currency: 'USD',
			lines: [
				['Homepage design', 1000, 180000],
				['Design review meetings', 2500, 9500]
			]
		},
		{
			id: INVOICES.draftId,
			workspaceId: d,
			clientId: n,
			projectId: DEMO.websiteProjectId,
			number: 5,
			status: 'draft',
			issuedDaysAgo: 0,
			dueInDays: 30,
			currency: 'USD',
			lines: [['Page templates build', 1000, 240000]],
			notes: 'Draft: not visible on the portal until sent.'
		},
		{
			id: INVOICES.voidId,
			workspaceId: d,
			clientId: n,
			projectId: null,
			number: 6,
			status: 'void',
			issuedDaysAgo: 30,
			dueInDays: 0,
			currency: 'USD',
			lines: [['Duplicate of INV-0003', 1000, 20000]]
		},
		{
			id: INVOICES.globexId,
			workspaceId: d,
			clientId: DEMO.globexId,
			projectId: DEMO.globexProjectId,
			number: 7,
			status: 'sent',
			issuedDaysAgo: 5,
			dueInDays: 25,
			currency: 'USD',
			lines: [['Globex app discovery (confidential)', 1000, 500000]]
		},
		{
			id: INVOICES.acmeId,
			workspaceId: ACME.workspaceId,
			clientId: ACME.roadrunnerId,
			projectId: ACME.projectId,
			number: 1,
			status: 'sent',
			issuedDaysAgo: 3,
			dueInDays: 11,
			currency: 'NGN',
			lines: [['Route survey', 1000, 25000000]],
			taxBp: 750
		}
	];

	const invoiceRows: (typeof invoices.$inferInsert)[] = [];
	const itemRows: (typeof invoiceItems.$inferInsert)[] = [];
	const paymentRows: (typeof payments.$inferInsert & { number: number })[] = [];
	for (const s of specs) {
		const totals = computeTotals(
			s.lines.map(([, quantityMilli, unitPriceMinor]) => ({ quantityMilli, unitPriceMinor })),
			{ discountMinor: s.discountMinor, taxBp: s.taxBp }
		);
		const paid = s.status === 'paid' ? totals.totalMinor : s.status === 'partially_paid' ? 300000 : 0;
		const issued = now - s.issuedDaysAgo * day;
		invoiceRows.push({
			id: s.id,
			workspaceId: s.workspaceId,
			clientId: s.clientId,
			projectId: s.projectId,
			number: s.number,
			status: s.status,
			issueDate: isoDay(issued),
			dueDate: isoDay(issued + (s.issuedDaysAgo + s.dueInDays) * day),
			currency: s.currency,
			discountMinor: totals.discountMinor,
			taxBp: s.taxBp ?? 0,
			subtotalMinor: totals.subtotalMinor,
			taxMinor: totals.taxMinor,
			totalMinor: totals.totalMinor,
			amountPaidMinor: paid,
			notes: s.notes ?? null,
			sentAt: s.status === 'draft' ? null : issued,
			paidAt: s.status === 'paid' ? issued + 10 * day : null,
			voidedAt: s.status === 'void' ? issued + day : null,
			createdAt: issued,
			updatedAt: issued,
			// The cron reminded Casey the day after the due date; with the default 7-day cadence the next one is due tomorrow.
			...(s.id === INVOICES.overdueId ? { lastRemindedAt: now - (-s.dueInDays - 1) * day, reminderCount: 1 } : {})
		});
		s.lines.forEach(([description, quantityMilli, unitPriceMinor, timeEntryId], i) =>
			itemRows.push({
				id: `${s.id}_item_${i + 1}`,
				workspaceId: s.workspaceId,
				invoiceId: s.id,
				position: i + 1,
				description,
				quantityMilli,
				unitPriceMinor,
				amountMinor: totals.lines[i],
				timeEntryId: timeEntryId ?? null
			})
		);
		if (paid && s.status === 'partially_paid') {
			// The deposit came by bank transfer and staff recorded it (Record payment on the invoice page).
			const paidAt = Date.parse(`${isoDay(now - 6 * day)}T12:00:00Z`);
			paymentRows.push({
				id: `pay_${s.id}`,
				workspaceId: s.workspaceId,
				clientId: s.clientId,
				invoiceId: s.id,
				provider: 'manual' as const,
				reference: `manual-seed-${s.id}`,
				amountMinor: paid,
				currency: s.currency,
				status: 'succeeded' as const,
				method: 'bank_transfer' as const,
				note: 'EFT, bank reference NW-DEP-0042',
				recordedByUserId: DEMO.ownerUserId,
				paidAt,
				createdAt: now - 5 * day,
				updatedAt: now - 5 * day,
				number: s.number
			});
			// Recorded a moment earlier with a typo in the amount, then reversed by staff.
			paymentRows.push({
				id: `pay_${s.id}_typo`,
				workspaceId: s.workspaceId,
				clientId: s.clientId,
				invoiceId: s.id,
				provider: 'manual' as const,
				reference: `manual-seed-${s.id}-typo`,
				amountMinor: paid * 10 > totals.totalMinor ? totals.totalMinor : paid * 10,
				currency: s.currency,
				status: 'reversed' as const,
				method: 'bank_transfer' as const,
				note: 'EFT, bank reference NW-DEP-0042',
				recordedByUserId: DEMO.ownerUserId,
				reversedAt: now - 5 * day - 60_000,
				reversedByUserId: DEMO.ownerUserId,
				paidAt,
				createdAt: now - 5 * day - 120_000,
				updatedAt: now - 5 * day - 60_000,
				number: s.number
			});
		} else if (paid) {
			const paidAt = issued + 10 * day;
			paymentRows.push({
				id: `pay_${s.id}`,
				workspaceId: s.workspaceId,
				clientId: s.clientId,
				invoiceId: s.id,
				provider: 'paystack' as const,
				// Same shape as real references (cp- + 32 hex), unique across workspaces.
				reference: `cp-${s.workspaceId === DEMO.workspaceId ? 'de' : 'ac'}${String(s.number).padStart(30, '0')}`,
				amountMinor: paid,
				currency: s.currency,
				status: 'succeeded' as const,
				providerTransactionId: String(4_000_000_000 + s.number),
				paidAt,
				createdAt: paidAt,
				updatedAt: paidAt,
				number: s.number
			});
		}
		// Demo's INV-0003 with Paystack a week ago; Acme's INV-0001 with Stripe (the stand-in) two days ago.
		const abandoned = ABANDONED_CHECKOUTS[s.id];
		if (abandoned) {
			const opened = now - abandoned.daysAgo * day;
			paymentRows.push({
				id: `pay_${s.id}_abandoned`,
				workspaceId: s.workspaceId,
				clientId: s.clientId,
				invoiceId: s.id,
				provider: abandoned.provider,
				reference: `cp-${s.workspaceId === DEMO.workspaceId ? 'de' : 'ac'}${String(s.number).padStart(26, '0')}dead`,
				amountMinor: totals.totalMinor,
				currency: s.currency,
				status: 'abandoned' as const,
				failureReason: ABANDONED_REASON,
				paidAt: null,
				createdAt: opened,
				updatedAt: opened + day,
				number: s.number
			});
		}
	}
	return [
		...insertChunks(db, invoices, invoiceRows),
		...insertChunks(db, invoiceItems, itemRows),
		...insertChunks(
			db,
			payments,
			paymentRows.map(({ number: _number, ...p }) => p)
		),
		...insertChunks(
			db,
			timeEntries,
			brandTime.map((t) => ({
				id: t.id,
				workspaceId: d,
				clientId: n,
				projectId: DEMO.brandProjectId,
				userId: DEMO.ownerUserId,
				date: isoDay(now - t.daysAgo * day),
				minutes: t.minutes,
				description: t.description,
				billable: true,
				rateMinor: rate,
				currency: 'USD',
				invoiceId: INVOICES.paidId,
				createdAt: now - t.daysAgo * day,
				updatedAt: now - t.daysAgo * day
			}))
		),
		...insertChunks(db, numberSequences, [
			{ workspaceId: d, name: 'invoice' as const, lastValue: 7 },
			{ workspaceId: ACME.workspaceId, name: 'invoice' as const, lastValue: 1 }
		]),
		...insertChunks(
			db,
			activity,
			paymentRows
				.filter((p) => p.status === 'succeeded' || p.status === 'reversed')
				.map((p) =>
					p.provider === 'manual'
						? {
								id: `act_pay_${p.id}`,
								workspaceId: p.workspaceId,
								clientId: p.clientId,
								projectId: null,
								actorKind: 'staff' as const,
								actorId: DEMO.ownerUserId,
								actorName: 'Olivia Owner',
								verb: 'invoice.payment_received',
								subjectType: 'payment',
								subjectId: p.id,
								summary: `Payment of ${formatMoney(p.amountMinor, p.currency)} recorded for ${formatInvoiceNumber(p.number)} (bank transfer)`,
								createdAt: p.createdAt!
							}
						: {
								id: `act_pay_${p.id}`,
								workspaceId: p.workspaceId,
								clientId: p.clientId,
								projectId: null,
								actorKind: 'system' as const,
								actorId: null,
								actorName: 'Paystack',
								verb: 'invoice.payment_received',
								subjectType: 'payment',
								subjectId: p.id,
								summary: `Payment of ${formatMoney(p.amountMinor, p.currency)} received for ${formatInvoiceNumber(p.number)} via Paystack`,
								createdAt: p.paidAt!
							}
				)
		),
		...insertChunks(db, activity, [
			{
				id: 'act_remind_demo_overdue',
				workspaceId: d,
				clientId: n,
				projectId: DEMO.websiteProjectId,
				actorKind: 'system' as const,
				actorId: null,
				actorName: 'CoPortal',
				verb: 'invoice.reminded',
				subjectType: 'invoice',
				subjectId: INVOICES.overdueId,
				summary: `Overdue reminder 1 for ${formatInvoiceNumber(3)} emailed to the client (due ${isoDay(now - 7 * day)})`,
				createdAt: now - 6 * day
			}
		]),
		// The typo above: reversed a minute after it was recorded.
		...insertChunks(
			db,
			activity,
			paymentRows
				.filter((p) => p.status === 'reversed')
				.map((p) => ({
					id: `act_rev_${p.id}`,
					workspaceId: p.workspaceId,
					clientId: p.clientId,
					projectId: null,
					actorKind: 'staff' as const,
					actorId: DEMO.ownerUserId,
					actorName: 'Olivia Owner',
					verb: 'invoice.payment_reversed',
					subjectType: 'payment',
					subjectId: p.id,
					summary: `Payment of ${formatMoney(p.amountMinor, p.currency)} (bank transfer) on ${formatInvoiceNumber(p.number)} reversed`,
					createdAt: p.reversedAt!
				}))
		)
	];
}
