import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { clients, contractEvents, contractSignatures, contracts, projects, quotes } from '../../../db/schema';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { auditSource, type AuditSource } from './audit';
import { checkIntegrity, CLIENT_VISIBLE_CONTRACT, EDITABLE_CONTRACT, SIGNABLE, SIGNED } from './contract-status';
import { recordViewStatements } from './contract-views';
import { renderMarkdown } from './markdown';

/** Contracts the actor may read: staff all of the workspace's; a client their own once sent (never drafts). */
export function contractScope(scope: Pick<Scope, 'workspace' | 'actor'>) {
	const base = clientScope(contracts, scope);
	return scope.actor.kind === 'client'
		? and(base, inArray(contracts.status, CLIENT_VISIBLE_CONTRACT), isNotNull(contracts.sentAt))!
		: base;
}

/**
 * One contract with its rendered text, signatures and audit trail. A client
 * opening an unsigned contract is recorded in the same batch as the reads
 * (`recordViewStatements`): counted on the contract, sent -> viewed, and a
 * "viewed" audit row (time, IP, user agent, the hash of the text shown) per
 * viewing session, so reloading the page does not grow the trail.
 */
export async function getContract(opts: Scope & { contractId: string; audit?: AuditSource; countView?: boolean }) {
	const { services, workspace, actor } = opts;
	const db = services.db;
	const now = services.clock.now();
	const where = and(contractScope(opts), eq(contracts.id, opts.contractId))!;
	const readContract = db
		.select({ contract: contracts, clientName: clients.name, projectName: projects.name, quoteNumber: quotes.number })
		.from(contracts)
		.innerJoin(clients, eq(clients.id, contracts.clientId))
		.leftJoin(projects, eq(projects.id, contracts.projectId))
		.leftJoin(quotes, eq(quotes.id, contracts.quoteId))
		.where(where)
		.limit(1);
	const readSignatures = db
		.select()
		.from(contractSignatures)
		.where(and(eq(contractSignatures.contractId, opts.contractId), eq(contractSignatures.workspaceId, workspace.id)))
		.orderBy(asc(contractSignatures.signedAt), asc(sql`rowid`));
	const readEvents = db
		.select()
		.from(contractEvents)
		.where(and(eq(contractEvents.contractId, opts.contractId), eq(contractEvents.workspaceId, workspace.id)))
		.orderBy(asc(contractEvents.createdAt), asc(sql`rowid`));
	let found, signatures, events;
	if (actor.kind === 'client' && opts.countView !== false) {
		const unsigned = and(where, inArray(contracts.status, SIGNABLE))!;
		const view = recordViewStatements(db, {
			workspaceId: workspace.id,
			contractId: opts.contractId,
			viewer: actor,
			source: auditSource(opts.audit),
			now,
			unsigned
		});
		[, , , found, signatures, events] = await db.batch([...view, readContract, readSignatures, readEvents]);
	} else {
		[found, signatures, events] = await db.batch([readContract, readSignatures, readEvents]);
	}
	const row = found[0];
	if (!row) throw notFound('That contract');
	const c = row.contract;
	const integrity = await checkIntegrity(c, signatures);
	const forStaff = actor.kind !== 'client';
	return {
		contract: {
			id: c.id,
			title: c.title,
			bodyMd: c.bodyMd,
			bodyHtml: renderMarkdown(c.bodyMd),
			status: c.status,
			clientId: c.clientId,
			clientName: row.clientName,
			projectId: c.projectId,
			projectName: row.projectName,
			quoteId: c.quoteId,
			quoteNumber: row.quoteNumber,
			documentHash: c.documentHash,
			requireCountersignature: c.requireCountersignature,
			hasSignedPdf: Boolean(c.signedPdfKey),
			sentAt: c.sentAt,
			firstViewedAt: c.firstViewedAt,
			// View counts are for the staff side.
			...(forStaff ? { lastViewedAt: c.lastViewedAt, viewCount: c.viewCount } : {}),
			signedAt: c.signedAt,
			countersignedAt: c.countersignedAt,
			lockedAt: c.lockedAt,
			createdAt: c.createdAt,
			updatedAt: c.updatedAt
		},
		signatures: signatures.map((s) => ({
			id: s.id,
			signerKind: s.signerKind,
			signerName: s.signerName,
			signerEmail: s.signerEmail,
			method: s.method,
			typedName: s.typedName,
			hasImage: Boolean(s.drawnImageKey),
			documentHash: s.documentHash,
			ip: s.ip,
			userAgent: s.userAgent,
			signedAt: s.signedAt
		})),
		events: events.map((e) => ({
			id: e.id,
			event: e.event,
			actorKind: e.actorKind,
			actorName: e.actorName,
			ip: e.ip,
			userAgent: e.userAgent,
			documentHash: e.documentHash,
			viewCount: e.viewCount,
			lastViewedAt: e.lastViewedAt,
			createdAt: e.createdAt
		})),
		integrity,
		can: {
			sign: !forStaff && SIGNABLE.includes(c.status) && !c.lockedAt && integrity.ok && Boolean(c.documentHash),
			edit: forStaff && EDITABLE_CONTRACT.includes(c.status) && !c.lockedAt,
			send: forStaff && c.status === 'draft',
			void: forStaff && EDITABLE_CONTRACT.includes(c.status) && !c.lockedAt,
			countersign: forStaff && c.status === 'signed' && c.requireCountersignature && integrity.ok,
			download: SIGNED.includes(c.status)
		}
	};
}

export type ContractDetail = Awaited<ReturnType<typeof getContract>>;
