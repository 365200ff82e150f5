import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, flag, pk, timestamp, updatedAt } from './columns';
import { workspaces } from './workspaces';

export const CONTRACT_STATUSES = ['draft', 'sent', 'viewed', 'signed', 'countersigned', 'void'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const contractTemplates = sqliteTable('contract_templates', {
	id: pk(),
	workspaceId: text()
		.notNull()
		.references(() => workspaces.id, { onDelete: 'cascade' }),
	name: text().notNull(),
	bodyMd: text().notNull(),
	createdAt: createdAt(),
	updatedAt: updatedAt()
});

/**
 * A contract's body is Markdown, rendered sanitised. Once signed, lockedAt is set
 * and the body can never change again (enforced in the domain and by the hash).
 */
export const contracts = sqliteTable(
	'contracts',
	{
		id: pk(),
		workspaceId: text()
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		clientId: text().notNull(),
		projectId: text(),
		quoteId: text(),
		title: text().notNull(),
		bodyMd: text().notNull(),
		status: text().$type<ContractStatus>().notNull().default('draft'),
		// SHA-256 (hex) of the exact document text that was sent / signed.
		documentHash: text(),
		requireCountersignature: flag(false),
		signedPdfKey: text(),
		sentAt: timestamp(),
		firstViewedAt: timestamp(),
		// Every client view of the unsigned contract is counted here; the audit trail keeps one row per viewing session.
		lastViewedAt: timestamp(),
		viewCount: integer().notNull().default(0),
		signedAt: timestamp(),
		countersignedAt: timestamp(),
		lockedAt: timestamp(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [index('contracts_ws_client_idx').on(t.workspaceId, t.clientId, t.status)]
);

export type SignatureMethod = 'typed' | 'drawn';

export const contractSignatures = sqliteTable(
	'contract_signatures',
	{
		id: pk(),
		workspaceId: text().notNull(),
		contractId: text()
			.notNull()
			.references(() => contracts.id, { onDelete: 'cascade' }),
		signerKind: text().$type<'client' | 'staff'>().notNull(),
		signerId: text().notNull(),
		signerName: text().notNull(),
		signerEmail: text().notNull(),
		method: text().$type<SignatureMethod>().notNull(),
		typedName: text(),
		// A drawn signature is a PNG in R2.
		drawnImageKey: text(),
		documentHash: text().notNull(),
		ip: text(),
		userAgent: text(),
		signedAt: createdAt()
	},
	(t) => [index('contract_signatures_contract_idx').on(t.contractId)]
);

/**
 * The audit trail: sent / viewed / signed... events with time, IP, user agent
 * and document hash. A "viewed" row is a viewing session: repeat views by the
 * same viewer within 30 minutes of their last one are folded into it
 * (viewCount, lastViewedAt), and a contract keeps at most 50 such rows.
 */
export const contractEvents = sqliteTable(
	'contract_events',
	{
		id: pk(),
		workspaceId: text().notNull(),
		contractId: text()
			.notNull()
			.references(() => contracts.id, { onDelete: 'cascade' }),
		event: text().$type<'created' | 'sent' | 'viewed' | 'signed' | 'countersigned' | 'voided'>().notNull(),
		actorKind: text().$type<'staff' | 'client' | 'system'>().notNull(),
		actorId: text(),
		actorName: text(),
		ip: text(),
		userAgent: text(),
		documentHash: text(),
		// Viewed rows only: how many views this session stands for, and when the latest was.
		viewCount: integer(),
		lastViewedAt: timestamp(),
		createdAt: createdAt()
	},
	(t) => [index('contract_events_contract_idx').on(t.contractId, t.createdAt)]
);
