import { and, asc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { clients, contractEvents, contractSignatures, contracts, type ContractStatus } from '../../../db/schema';
import { pdfBrandOf } from '../branding/pdf-brand';
import { AppError, notFound } from '../errors';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { checkIntegrity, fileSlug, SIGNED } from './contract-status';
import { viewSummaryReads } from './contract-views';
import { renderSignedContractPdf, type SignedPdfInput } from './signed-pdf';

export const signedPdfFilename = (title: string) => `${fileSlug(title)}-signed.pdf`;

/** Where the signed PDF of a stage is kept: named after the signature that completed it, so racing attempts never share an object. */
export const signedPdfKey = (contractId: string, signatureId: string) =>
	`contracts/${contractId}/signed-${signatureId}.pdf`;

export type SignatureRow = typeof contractSignatures.$inferSelect;
export type EventRow = typeof contractEvents.$inferSelect;
/** Renders the signed PDF; a use case's options may replace it (tests make it fail to prove nothing is signed without a PDF). */
export type RenderSignedPdf = (input: SignedPdfInput) => Promise<Uint8Array>;

/**
 * What the signed PDF is drawn from, in one batch: the contract (matching
 * `where`) with its client's name, the signatures, the audit events other than
 * views, and the first and latest viewing sessions. Bounded however often the
 * contract was opened.
 */
export async function readSignedPdfSource(
	opts: Pick<Scope, 'services' | 'workspace'> & { contractId: string; where: SQL }
) {
	const { services, workspace, contractId } = opts;
	const db = services.db;
	const [found, signatures, events, firstView, lastView] = await db.batch([
		db
			.select({ contract: contracts, clientName: clients.name })
			.from(contracts)
			.innerJoin(clients, eq(clients.id, contracts.clientId))
			.where(opts.where)
			.limit(1),
		db
			.select()
			.from(contractSignatures)
			.where(and(eq(contractSignatures.contractId, contractId), eq(contractSignatures.workspaceId, workspace.id)))
			.orderBy(asc(contractSignatures.signedAt), asc(sql`rowid`)),
		db
			.select()
			.from(contractEvents)
			.where(
				and(
					eq(contractEvents.contractId, contractId),
					eq(contractEvents.workspaceId, workspace.id),
					ne(contractEvents.event, 'viewed')
				)
			)
			.orderBy(asc(contractEvents.createdAt), asc(sql`rowid`)),
		...viewSummaryReads(db, workspace.id, contractId)
	]);
	if (!found[0]) return null;
	return { ...found[0], signatures, events, firstView: firstView[0] ?? null, lastView: lastView[0] ?? null };
}

export type SignedPdfSource = NonNullable<Awaited<ReturnType<typeof readSignedPdfSource>>>;

/**
 * Draws the signed PDF of `source` as it stands at `status` (with any
 * signature or event not yet committed already added to it by the caller).
 * Drawn signature images come from `images` (by key) or R2.
 */
export async function renderContractPdf(
	opts: Pick<Scope, 'services' | 'workspace'> & {
		source: SignedPdfSource;
		status: ContractStatus;
		documentHash: string;
		images?: Map<string, Uint8Array>;
		render?: RenderSignedPdf;
	}
): Promise<Uint8Array> {
	const { services, workspace, source } = opts;
	const withImages = await Promise.all(
		source.signatures.map(async (s) => ({
			...s,
			image: s.drawnImageKey
				? (opts.images?.get(s.drawnImageKey) ?? (await services.storage.getBytes(s.drawnImageKey)))
				: null
		}))
	);
	const { contract } = source;
	return (opts.render ?? renderSignedContractPdf)({
		brand: await pdfBrandOf({ services, workspace }),
		contract: {
			id: contract.id,
			title: contract.title,
			bodyMd: contract.bodyMd,
			documentHash: opts.documentHash,
			status: opts.status,
			requireCountersignature: contract.requireCountersignature,
			clientName: source.clientName
		},
		signatures: withImages,
		events: source.events,
		views: { count: contract.viewCount, first: source.firstView, last: source.lastView },
		generatedAt: services.clock.now()
	});
}

/**
 * Re-renders the signed PDF of a signed contract from what is stored (used
 * when the stored copy is missing), keeps it in R2 and records its key.
 * Refuses if the text no longer matches its signed hash. Signing and
 * countersigning do not come here: they store their PDF before they commit.
 */
export async function produceSignedPdf(opts: Scope & { contractId: string }) {
	const { services, workspace } = opts;
	const source = await readSignedPdfSource({
		...opts,
		where: and(clientScope(contracts, opts), eq(contracts.id, opts.contractId), inArray(contracts.status, SIGNED))!
	});
	if (!source) throw notFound('That signed contract');
	const { contract, signatures } = source;
	const integrity = await checkIntegrity(contract, signatures);
	if (!integrity.ok)
		throw new AppError(
			'conflict',
			`This contract's text no longer matches what was signed, so no signed copy can be produced. ${integrity.problems.join(' ')}`
		);
	const bytes = await renderContractPdf({
		services,
		workspace,
		source,
		status: contract.status,
		documentHash: integrity.computedHash
	});
	const key = signedPdfKey(contract.id, signatures.at(-1)?.id ?? contract.status);
	await services.storage.put(key, bytes, { contentType: 'application/pdf', size: bytes.length });
	await services.db
		.update(contracts)
		.set({ signedPdfKey: key })
		.where(
			and(eq(contracts.id, contract.id), eq(contracts.workspaceId, workspace.id), eq(contracts.status, contract.status))
		);
	return {
		key,
		filename: signedPdfFilename(contract.title),
		bytes,
		contract: { id: contract.id, title: contract.title, clientId: contract.clientId }
	};
}
