import { eq } from 'drizzle-orm';
import {
	numberSequences,
	projects,
	quoteChangeRequests,
	quoteItems,
	quotes,
	type QuoteStatus
} from '../../../db/schema';
import { computeTotals } from '../../domain/money';
import { insertChunks } from '../../services/db';
import type { SeedContext } from './context';
import { ACME, DEMO, QUOTES } from './ids';

const day = 24 * 60 * 60 * 1000;

type SeedQuote = {
	id: string;
	workspaceId: string;
	clientId: string;
	number: number;
	title: string;
	status: QuoteStatus;
	currency: string;
	items: [string, number, number][]; // description, quantity (thousandths), unit price (minor)
	discountMinor?: number;
	taxBp?: number;
	notes?: string;
	expiresInDays?: number;
	sentDaysAgo?: number;
	extra?: Partial<typeof quotes.$inferInsert>;
};

/**
 * Quotes in every state for Northwind (accepted -> the Website redesign
 * project, sent, viewed, changes requested, expired, draft), one for Globex and
 * one in the Acme workspace, so isolation is visible.
 */
export function seedQuotes({ db, now, isoDay }: SeedContext) {
	const northwindUsd = { workspaceId: DEMO.workspaceId, clientId: DEMO.northwindId, currency: 'USD' } as const;
	const list: SeedQuote[] = [
		{
			id: QUOTES.accepted,
			...northwindUsd,
			number: 1,
			title: 'Website redesign',
			status: 'accepted',
			items: [
				['Discovery workshop and sitemap', 1000, 120_000],
				['Homepage and template designs', 1000, 360_000],
				['Build and launch (per day)', 8000, 65_000]
			],
			taxBp: 750,
			notes: '50% on acceptance, 50% on launch.',
			expiresInDays: -20,
			sentDaysAgo: 35,
			extra: {
				acceptedAt: now - 31 * day,
				acceptedByContactId: DEMO.caseyContactId,
				projectId: DEMO.websiteProjectId,
				firstViewedAt: now - 34 * day,
				lastViewedAt: now - 31 * day,
				viewCount: 4
			}
		},
		{
			id: QUOTES.sent,
			...northwindUsd,
			number: 2,
			title: 'SEO and analytics setup',
			status: 'sent',
			items: [
				['Technical SEO audit', 1000, 90_000],
				['Analytics and conversion tracking', 1000, 60_000],
				['Keyword research (hours)', 6500, 9_500]
			],
			discountMinor: 10_000,
			taxBp: 750,
			notes: 'Starts within a week of acceptance.',
			expiresInDays: 30,
			sentDaysAgo: 2
		},
		{
			id: QUOTES.viewed,
			...northwindUsd,
			number: 3,
			title: 'Monthly maintenance retainer',
			status: 'viewed',
			items: [
				['Hosting, updates and backups (months)', 12_000, 15_000],
				['Support hours (per month)', 12_000, 30_000]
			],
			expiresInDays: 14,
			sentDaysAgo: 5,
			extra: { firstViewedAt: now - 4 * day, lastViewedAt: now - day, viewCount: 3 }
		},
		{
			id: QUOTES.changesRequested,
			...northwindUsd,
			number: 4,
			title: 'Online shop add-on',
			status: 'changes_requested',
			items: [
				['Shop design', 1000, 250_000],
				['Payments and shipping integration', 1000, 180_000]
			],
			taxBp: 750,
			expiresInDays: 20,
			sentDaysAgo: 6,
			extra: { firstViewedAt: now - 5 * day, lastViewedAt: now - 3 * day, viewCount: 2 }
		},
		{
			id: QUOTES.expired,
			...northwindUsd,
			number: 5,
			title: 'Product photography day',
			status: 'expired',
			items: [['Studio day with editing', 1000, 140_000]],
			expiresInDays: -10,
			sentDaysAgo: 40,
			extra: { firstViewedAt: now - 39 * day, lastViewedAt: now - 39 * day, viewCount: 1 }
		},
		{
			id: QUOTES.draft,
			...northwindUsd,
			number: 6,
			title: 'Newsletter templates',
			status: 'draft',
			items: [['Three email templates', 3000, 40_000]],
			expiresInDays: 30
		},
		{
			id: QUOTES.globexSent,
			workspaceId: DEMO.workspaceId,
			clientId: DEMO.globexId,
			number: 7,
			title: 'Globex app phase 2',
			status: 'sent',
			currency: 'USD',
			items: [['Confidential: Globex feature work (days)', 20_000, 80_000]],
			expiresInDays: 30,
			sentDaysAgo: 1
		},
		{
			id: QUOTES.acmeSent,
			workspaceId: ACME.workspaceId,
			clientId: ACME.roadrunnerId,
			number: 1,
			title: 'Route planner phase 2',
			status: 'sent',
			currency: 'NGN',
			items: [['Routing engine (days)', 10_000, 25_000_000]],
			taxBp: 750,
			expiresInDays: 21,
			sentDaysAgo: 3
		}
	];
	const quoteRows = list.map((q) => {
		const totals = computeTotals(
			q.items.map(([, quantityMilli, unitPriceMinor]) => ({ quantityMilli, unitPriceMinor })),
			{ discountMinor: q.discountMinor, taxBp: q.taxBp }
		);
		return {
			id: q.id,
			workspaceId: q.workspaceId,
			clientId: q.clientId,
			number: q.number,
			title: q.title,
			status: q.status,
			currency: q.currency,
			discountMinor: totals.discountMinor,
			taxBp: q.taxBp ?? 0,
			subtotalMinor: totals.subtotalMinor,
			taxMinor: totals.taxMinor,
			totalMinor: totals.totalMinor,
			notes: q.notes ?? null,
			expiresOn: q.expiresInDays === undefined ? null : isoDay(now + q.expiresInDays * day),
			sentAt: q.sentDaysAgo === undefined ? null : now - q.sentDaysAgo * day,
			createdAt: now - ((q.sentDaysAgo ?? 0) + 1) * day,
			updatedAt: now - (q.sentDaysAgo ?? 0) * day,
			...q.extra
		};
	});
	const itemRows = list.flatMap((q) => {
		const totals = computeTotals(
			q.items.map(([, quantityMilli, unitPriceMinor]) => ({ quantityMilli, unitPriceMinor }))
		);
		return q.items.map(([description, quantityMilli, unitPriceMinor], i) => ({
			id: `qti_${q.id.slice(4)}_${i + 1}`,
			workspaceId: q.workspaceId,
			quoteId: q.id,
			position: i + 1,
			description,
			quantityMilli,
			unitPriceMinor,
			amountMinor: totals.lines[i]
		}));
	});
	return [
		...insertChunks(db, quotes, quoteRows),
		...insertChunks(db, quoteItems, itemRows),
		...insertChunks(db, quoteChangeRequests, [
			{
				id: 'qcr_demo_changes_1',
				workspaceId: DEMO.workspaceId,
				clientId: DEMO.northwindId,
				quoteId: QUOTES.changesRequested,
				contactId: DEMO.caseyContactId,
				body: 'Could we start with 50 products instead of 200, and drop international shipping for now?',
				quoteVersion: 1,
				createdAt: now - 3 * day
			}
		]),
		...insertChunks(db, numberSequences, [
			{ workspaceId: DEMO.workspaceId, name: 'quote', lastValue: 7 },
			{ workspaceId: ACME.workspaceId, name: 'quote', lastValue: 1 }
		]),
		// The Website redesign project came from the accepted quote.
		db.update(projects).set({ quoteId: QUOTES.accepted }).where(eq(projects.id, DEMO.websiteProjectId))
	];
}
