import { and, eq, sql } from 'drizzle-orm';
import {
	invoiceInstalments,
	invoiceItems,
	invoices,
	numberSequences,
	payments,
	projects,
	quoteItems,
	quotes,
	recurringInvoices,
	taxRates,
	workspaces
} from '../../../db/schema';
import { insertChunks } from '../../services/db';
import { computeTotals } from '../../domain/money';
import { addDays } from '../../domain/calendar';
import { addMonthsClamped, periodEnd, periodStart } from '../../domain/recurring/periods';
import { formatDate } from '../../domain/format';
import type { SeedContext } from './context';
import { BILLING, CONTRACTS, CORE, DEMO } from './ids';

const day = 24 * 60 * 60 * 1000;

/**
 * Getting paid, in the demo workspace: business details and saved tax rates; a proposal to
 * Initech that asks for the services contract and a 30% deposit, with an optional line (sent, so
 * peter@initech.test can accept, sign and pay it in one go); an invoice to Blue Harbor Cafe split
 * into a deposit (paid), a launch instalment and the balance; and Initech's monthly support
 * retainer, two invoices in (the first paid), the next one a few days ahead. Nothing here is
 * overdue, so the reminder cron has nothing new to send on a fresh database.
 */
export function seedBilling({ db, now, isoDay }: SeedContext) {
	const ws = DEMO.workspaceId;
	const today = isoDay(now);

	// The proposal: numbers continue after the quotes and invoices of the other seeds (7 each).
	const proposalLines = [
		{ description: 'Single sign-on rollout', quantityMilli: 1000, unitPriceMinor: 320_000, optional: false },
		{ description: 'Editor training (half day)', quantityMilli: 1000, unitPriceMinor: 85_000, optional: false },
		{ description: 'Search analytics dashboard', quantityMilli: 1000, unitPriceMinor: 60_000, optional: true }
	];
	const proposalTotals = computeTotals(
		proposalLines.filter((l) => !l.optional),
		{ taxBp: 825 }
	);
	const allLines = computeTotals(proposalLines).lines;

	// The scheduled invoice: issued ten days ago, its deposit paid by bank transfer the same day.
	const issued = now - 10 * day;
	const scheduleTotals = computeTotals([{ quantityMilli: 1000, unitPriceMinor: 480_000 }]);
	const instalments = [
		{
			label: 'Deposit',
			percentBp: 5000,
			amountMinor: 240_000,
			cumulativeMinor: 240_000,
			dueDate: isoDay(issued),
			paidAt: issued
		},
		{
			label: 'At launch',
			percentBp: 2500,
			amountMinor: 120_000,
			cumulativeMinor: 360_000,
			dueDate: addDays(today, 35),
			paidAt: null
		},
		{
			label: 'Balance',
			percentBp: null,
			amountMinor: 120_000,
			cumulativeMinor: 480_000,
			dueDate: addDays(today, 65),
			paidAt: null
		}
	];

	// The retainer: monthly since about two months ago, payable within 60 days; its third invoice comes in a few days.
	// (Due dates are weeks away so tests that move the clock a few days see nothing new fall overdue.)
	const start = addDays(addMonthsClamped(today, -2), 5);
	const retainerLines = [
		{ description: 'Support and maintenance (10 hours)', quantityMilli: 10_000, unitPriceMinor: 9_500 }
	];
	const retainerTotals = computeTotals(retainerLines, { taxBp: 825 });
	const hostingLines = [{ description: 'Managed hosting (12 months)', quantityMilli: 1000, unitPriceMinor: 45_000 }];
	const hostingTotals = computeTotals(hostingLines);
	const periods = [0, 1].map((k) => ({
		k,
		start: periodStart(start, 'monthly', k),
		end: periodEnd(start, 'monthly', k)
	}));
	const retainerInvoice = (
		id: string,
		number: number,
		p: (typeof periods)[number],
		paid: boolean
	): typeof invoices.$inferInsert => {
		const at = Date.parse(`${p.start}T09:00:00Z`);
		return {
			id,
			workspaceId: ws,
			clientId: CORE.initechId,
			projectId: CORE.intranetProjectId,
			number,
			status: paid ? 'paid' : 'sent',
			issueDate: p.start,
			dueDate: addDays(p.start, 60),
			currency: 'USD',
			taxBp: 825,
			taxName: 'Sales tax',
			subtotalMinor: retainerTotals.subtotalMinor,
			taxMinor: retainerTotals.taxMinor,
			totalMinor: retainerTotals.totalMinor,
			amountPaidMinor: paid ? retainerTotals.totalMinor : 0,
			notes: `Monthly support retainer: ${formatDate(p.start)} to ${formatDate(p.end)}`,
			sentAt: at,
			paidAt: paid ? at + 6 * day : null,
			recurringInvoiceId: BILLING.recurring,
			periodStart: p.start,
			createdAt: at,
			updatedAt: at
		};
	};

	return [
		db
			.update(workspaces)
			.set({
				businessAddress: '12 Harbour Road\nCape Town 8001\nSouth Africa',
				taxId: 'VAT 4123456789',
				paymentInstructions:
					'Bank: First Demo Bank\nAccount name: Demo Studio Ltd\nAccount number: 6200 0000 000\nBranch code: 250655\nReference: your invoice number',
				defaultHourlyRateMinor: 9_500
			})
			.where(eq(workspaces.id, ws)),
		db.update(projects).set({ hourlyRateMinor: 11_000 }).where(eq(projects.id, DEMO.brandProjectId)),
		...insertChunks(db, taxRates, [
			{
				id: BILLING.salesTaxRate,
				workspaceId: ws,
				name: 'Sales tax',
				rateBp: 825,
				createdAt: now - 80 * day,
				updatedAt: now - 80 * day
			},
			{
				id: BILLING.vatRate,
				workspaceId: ws,
				name: 'VAT',
				rateBp: 1500,
				createdAt: now - 80 * day,
				updatedAt: now - 80 * day
			}
		]),

		...insertChunks(db, quotes, [
			{
				id: BILLING.proposalQuote,
				workspaceId: ws,
				clientId: CORE.initechId,
				number: 8,
				title: 'Intranet phase 2',
				status: 'sent',
				currency: 'USD',
				taxBp: 825,
				taxName: 'Sales tax',
				subtotalMinor: proposalTotals.subtotalMinor,
				taxMinor: proposalTotals.taxMinor,
				totalMinor: proposalTotals.totalMinor,
				notes:
					'Accepting asks you to sign our services agreement and pay a 30% deposit; the rest is due 30 days later.',
				expiresOn: addDays(today, 30),
				version: 1,
				sentAt: now - day,
				contractTemplateId: CONTRACTS.servicesTemplate,
				depositPercentBp: 3000,
				balanceDueDays: 30,
				attachToProjectId: CORE.intranetProjectId,
				createdAt: now - 2 * day,
				updatedAt: now - day
			}
		]),
		...insertChunks(
			db,
			quoteItems,
			proposalLines.map((l, i) => ({
				id: `${BILLING.proposalQuote}_item_${i + 1}`,
				workspaceId: ws,
				quoteId: BILLING.proposalQuote,
				position: i + 1,
				description: l.description,
				quantityMilli: l.quantityMilli,
				unitPriceMinor: l.unitPriceMinor,
				amountMinor: allLines[i],
				optional: l.optional,
				selected: !l.optional
			}))
		),

		...insertChunks(db, invoices, [
			{
				id: BILLING.scheduledInvoice,
				workspaceId: ws,
				clientId: CORE.harborId,
				projectId: CORE.orderingProjectId,
				number: 8,
				status: 'partially_paid',
				issueDate: isoDay(issued),
				dueDate: instalments[1].dueDate,
				currency: 'USD',
				subtotalMinor: scheduleTotals.subtotalMinor,
				totalMinor: scheduleTotals.totalMinor,
				amountPaidMinor: 240_000,
				notes: 'Half now, a quarter at launch, the rest a month after.',
				sentAt: issued,
				createdAt: issued,
				updatedAt: issued
			},
			retainerInvoice(BILLING.recurringInvoice1, 9, periods[0], true),
			retainerInvoice(BILLING.recurringInvoice2, 10, periods[1], false)
		]),
		...insertChunks(db, invoiceItems, [
			{
				id: `${BILLING.scheduledInvoice}_item_1`,
				workspaceId: ws,
				invoiceId: BILLING.scheduledInvoice,
				position: 1,
				description: 'Online ordering: build and launch',
				quantityMilli: 1000,
				unitPriceMinor: 480_000,
				amountMinor: 480_000
			},
			...[BILLING.recurringInvoice1, BILLING.recurringInvoice2].map((id) => ({
				id: `${id}_item_1`,
				workspaceId: ws,
				invoiceId: id,
				position: 1,
				...retainerLines[0],
				amountMinor: retainerTotals.lines[0]
			}))
		]),
		...insertChunks(
			db,
			invoiceInstalments,
			instalments.map((s, i) => ({
				id: `ins_demo_schedule_${i + 1}`,
				workspaceId: ws,
				clientId: CORE.harborId,
				invoiceId: BILLING.scheduledInvoice,
				position: i + 1,
				...s,
				createdAt: issued
			}))
		),
		...insertChunks(db, payments, [
			{
				id: 'pay_demo_schedule_deposit',
				workspaceId: ws,
				clientId: CORE.harborId,
				invoiceId: BILLING.scheduledInvoice,
				provider: 'manual' as const,
				reference: 'manual-seed-schedule-deposit',
				amountMinor: 240_000,
				currency: 'USD',
				status: 'succeeded' as const,
				method: 'bank_transfer' as const,
				recordedByUserId: DEMO.ownerUserId,
				instalmentId: 'ins_demo_schedule_1',
				paidAt: issued,
				createdAt: issued + 3_600_000,
				updatedAt: issued + 3_600_000
			},
			{
				id: 'pay_demo_retainer_1',
				workspaceId: ws,
				clientId: CORE.initechId,
				invoiceId: BILLING.recurringInvoice1,
				provider: 'manual' as const,
				reference: 'manual-seed-retainer-1',
				amountMinor: retainerTotals.totalMinor,
				currency: 'USD',
				status: 'succeeded' as const,
				method: 'bank_transfer' as const,
				recordedByUserId: DEMO.ownerUserId,
				paidAt: Date.parse(`${periods[0].start}T09:00:00Z`) + 6 * day,
				createdAt: Date.parse(`${periods[0].start}T09:00:00Z`) + 6 * day,
				updatedAt: Date.parse(`${periods[0].start}T09:00:00Z`) + 6 * day
			}
		]),
		...insertChunks(db, recurringInvoices, [
			{
				id: BILLING.recurring,
				workspaceId: ws,
				clientId: CORE.initechId,
				projectId: CORE.intranetProjectId,
				title: 'Monthly support retainer',
				currency: 'USD',
				itemsJson: retainerLines,
				taxBp: 825,
				taxName: 'Sales tax',
				subtotalMinor: retainerTotals.subtotalMinor,
				taxMinor: retainerTotals.taxMinor,
				totalMinor: retainerTotals.totalMinor,
				notes: 'Up to 10 hours of support a month; unused hours do not roll over.',
				frequency: 'monthly' as const,
				startDate: start,
				dueDays: 60,
				status: 'active' as const,
				nextPeriodIndex: 2,
				nextIssueOn: periodStart(start, 'monthly', 2),
				generatedCount: 2,
				lastGeneratedAt: Date.parse(`${periods[1].start}T09:00:00Z`),
				createdByUserId: DEMO.ownerUserId,
				createdAt: Date.parse(`${start}T08:00:00Z`) - day,
				updatedAt: Date.parse(`${periods[1].start}T09:00:00Z`)
			},
			{
				id: BILLING.hostingRecurring,
				workspaceId: ws,
				clientId: DEMO.northwindId,
				projectId: DEMO.websiteProjectId,
				title: 'Website hosting',
				currency: 'USD',
				itemsJson: hostingLines,
				subtotalMinor: hostingTotals.subtotalMinor,
				totalMinor: hostingTotals.totalMinor,
				notes: 'Hosting, backups and security updates for the new website.',
				frequency: 'yearly' as const,
				startDate: addDays(today, 20),
				dueDays: 14,
				status: 'active' as const,
				nextPeriodIndex: 0,
				nextIssueOn: addDays(today, 20),
				generatedCount: 0,
				createdByUserId: DEMO.ownerUserId,
				createdAt: now - 3 * day,
				updatedAt: now - 3 * day
			}
		]),
		// The other seeds numbered 7 quotes and 7 invoices in the demo workspace.
		db
			.update(numberSequences)
			.set({ lastValue: sql`max(${numberSequences.lastValue}, 8)` })
			.where(and(eq(numberSequences.workspaceId, ws), eq(numberSequences.name, 'quote'))),
		db
			.update(numberSequences)
			.set({ lastValue: sql`max(${numberSequences.lastValue}, 10)` })
			.where(and(eq(numberSequences.workspaceId, ws), eq(numberSequences.name, 'invoice')))
	];
}
