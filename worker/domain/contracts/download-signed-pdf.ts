import { and, eq, inArray } from 'drizzle-orm';
import { contracts } from '../../../db/schema';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { contractScope } from './get-contract';
import { SIGNED } from './contract-status';
import { produceSignedPdf, signedPdfFilename } from './produce-signed-pdf';

/** Either party downloads the signed PDF again: the stored copy from R2, or (if it is missing) a fresh one from the locked text. */
export async function downloadSignedPdf(opts: Scope & { contractId: string }) {
	const contract = await opts.services.db
		.select({ id: contracts.id, title: contracts.title, signedPdfKey: contracts.signedPdfKey })
		.from(contracts)
		.where(and(contractScope(opts), eq(contracts.id, opts.contractId), inArray(contracts.status, SIGNED)))
		.get();
	if (!contract) throw notFound('That signed contract');
	const stored = contract.signedPdfKey ? await opts.services.storage.getBytes(contract.signedPdfKey) : null;
	if (stored) return { filename: signedPdfFilename(contract.title), bytes: stored };
	const produced = await produceSignedPdf(opts);
	return { filename: produced.filename, bytes: produced.bytes };
}
