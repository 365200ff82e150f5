import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { contractEvents, contracts } from '../../../db/schema';
import { insertWhere, type Db } from '../../services/db';
import { newId } from '../../services/ids';
import type { AuditSource } from './audit';

/** Views by the same viewer within this long of their last one belong to the same viewing session (one audit row). */
export const VIEW_SESSION_MS = 30 * 60 * 1000;
/** At most this many "viewed" rows per contract; later sessions only count (on the contract and the viewer's latest row). */
export const MAX_VIEW_ROWS = 50;

type Viewer = { contactId: string; name: string };

/**
 * The statements that record one client view of an unsigned contract, for the
 * batch that reads the page (D1 has no transactions: each is conditional on
 * `unsigned`, and the batch runs them in order, atomically):
 * 1. fold it into the viewer's latest session row if that is recent (or the
 *    contract has no room for another row);
 * 2. otherwise start a session row (time, IP, user agent, document hash);
 * 3. count it on the contract (first/last viewed, view count) and move
 *    sent -> viewed.
 * So a page reloaded in a loop adds no rows, only counts.
 */
export function recordViewStatements(
	db: Db,
	opts: { workspaceId: string; contractId: string; viewer: Viewer; source: AuditSource; now: number; unsigned: SQL }
) {
	const { workspaceId, contractId, viewer, now } = opts;
	const viewedRows = and(
		eq(contractEvents.contractId, contractId),
		eq(contractEvents.workspaceId, workspaceId),
		eq(contractEvents.event, 'viewed')
	);
	const viewersRows = and(
		viewedRows,
		eq(contractEvents.actorKind, 'client'),
		eq(contractEvents.actorId, viewer.contactId)
	);
	const sessionOpen = sql`coalesce(${contractEvents.lastViewedAt}, ${contractEvents.createdAt}) > ${now - VIEW_SESSION_MS}`;
	const rowsFull = sql`(select count(*) from ${contractEvents} where ${viewedRows}) >= ${MAX_VIEW_ROWS}`;
	const contractUnsigned = sql`exists (select 1 from ${contracts} where ${opts.unsigned})`;

	const latestOfViewer = db
		.select({ id: contractEvents.id })
		.from(contractEvents)
		.where(viewersRows)
		.orderBy(desc(contractEvents.createdAt), desc(sql`rowid`))
		.limit(1);
	const fold = db
		.update(contractEvents)
		.set({ viewCount: sql`coalesce(${contractEvents.viewCount}, 1) + 1`, lastViewedAt: now })
		.where(
			and(sql`${contractEvents.id} = (${latestOfViewer})`, sql`(${sessionOpen} or ${rowsFull})`, contractUnsigned)
		);
	const start = insertWhere(
		db,
		contractEvents,
		{
			id: newId('cev'),
			workspaceId,
			contractId,
			event: 'viewed',
			actorKind: 'client',
			actorId: viewer.contactId,
			actorName: viewer.name,
			...opts.source,
			documentHash: sql`(select ${contracts.documentHash} from ${contracts} where ${contracts.id} = ${contractId})`,
			viewCount: 1,
			lastViewedAt: now,
			createdAt: now
		},
		and(
			contractUnsigned,
			sql`not exists (select 1 from ${contractEvents} where ${and(viewersRows, sessionOpen)})`,
			sql`not ${rowsFull}`
		)!
	);
	const count = db
		.update(contracts)
		.set({
			status: 'viewed',
			firstViewedAt: sql`coalesce(${contracts.firstViewedAt}, ${now})`,
			lastViewedAt: now,
			viewCount: sql`${contracts.viewCount} + 1`
		})
		.where(opts.unsigned);
	return [fold, start, count] as const;
}

export type ViewRow = typeof contractEvents.$inferSelect;

/** The first and the latest viewing session of a contract (two short reads, for a batch): what the certificate shows of the views. */
export function viewSummaryReads(db: Db, workspaceId: string, contractId: string) {
	const viewed = and(
		eq(contractEvents.contractId, contractId),
		eq(contractEvents.workspaceId, workspaceId),
		eq(contractEvents.event, 'viewed')
	);
	return [
		db
			.select()
			.from(contractEvents)
			.where(viewed)
			.orderBy(asc(contractEvents.createdAt), asc(sql`rowid`))
			.limit(1),
		db
			.select()
			.from(contractEvents)
			.where(viewed)
			.orderBy(desc(sql`coalesce(${contractEvents.lastViewedAt}, ${contractEvents.createdAt})`), desc(sql`rowid`))
			.limit(1)
	] as const;
}
