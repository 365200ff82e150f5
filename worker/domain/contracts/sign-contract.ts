import { and, eq, inArray, isNull } from 'drizzle-orm';
import { contracts } from '../../../db/schema';
import { requireClient } from '../actor';
import { AppError, notFound, parseInput } from '../errors';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import type { AuditSource } from './audit';
import { contractDocumentHash, SIGNABLE } from './contract-status';
import { emailCountersignNeeded, emailSignedContract } from './notify';
import { readSignedPdfSource, signedPdfFilename, type RenderSignedPdf } from './produce-signed-pdf';
import { recordSignature } from './record-signature';
import { signatureInputSchema } from './signature-input';
import { lockedError } from './editable-contract';

const signSchema = signatureInputSchema('sign');

/**
 * The client signs the exact text they read. The request carries the hash of
 * the text shown; it must equal both the hash recorded when the contract was
 * sent and the hash of the text stored now, so an edit (or tampering) in
 * between is refused. `recordSignature` stores the signed PDF and then commits
 * the signature and the lock in one batch guarded by the status still being
 * sent/viewed, unlocked, with the same hash: a contract is signed once, and
 * never without its PDF. Then the PDF is emailed to both parties (or, if a
 * countersignature is required, the staff are asked).
 */
export async function signContract(
	opts: Scope & { contractId: string; input: unknown; audit?: AuditSource; render?: RenderSignedPdf }
) {
	const client = requireClient(opts.actor);
	const { services } = opts;
	const input = parseInput(signSchema, opts.input);

	const scoped = and(clientScope(contracts, opts), eq(contracts.id, opts.contractId))!;
	const source = await readSignedPdfSource({
		...opts,
		where: and(scoped, inArray(contracts.status, [...SIGNABLE, 'signed', 'countersigned', 'void']))!
	});
	if (!source) throw notFound('That contract');
	const { contract } = source;
	if (contract.lockedAt || !SIGNABLE.includes(contract.status)) throw lockedError(contract.status);
	const currentHash = await contractDocumentHash(contract);
	if (contract.documentHash !== currentHash)
		throw new AppError(
			'conflict',
			'This contract does not match the version that was sent, so it cannot be signed. Please contact us.'
		);
	if (input.documentHash !== currentHash)
		throw new AppError(
			'conflict',
			'This contract changed since you opened it. Please read the current version and sign again.'
		);

	const guard = and(
		scoped,
		inArray(contracts.status, SIGNABLE),
		isNull(contracts.lockedAt),
		eq(contracts.documentHash, currentHash)
	)!;
	const recorded = await recordSignature({
		...opts,
		source,
		documentHash: currentHash,
		input,
		signer: { kind: 'client', id: client.contactId, name: client.name, email: client.email },
		stage: 'signed',
		guard,
		update: (now) => ({ status: 'signed', signedAt: now, lockedAt: now }),
		summary: `Signed contract "${contract.title}"`
	});
	if (!recorded) {
		const latest = await services.db.select({ status: contracts.status }).from(contracts).where(scoped).get();
		if (latest && SIGNABLE.includes(latest.status))
			throw new AppError(
				'conflict',
				'This contract changed since you opened it. Please read the current version and sign again.'
			);
		throw lockedError(latest?.status ?? 'signed');
	}

	const ref = { id: contract.id, title: contract.title, clientId: contract.clientId };
	const signers = { client: { contactId: client.contactId, name: client.name }, clientName: source.clientName };
	if (contract.requireCountersignature) {
		await emailCountersignNeeded(opts, ref, signers);
		return { id: contract.id, status: 'signed' as const, awaitingCountersignature: true };
	}
	await emailSignedContract(
		opts,
		ref,
		{ filename: signedPdfFilename(contract.title), bytes: recorded.bytes },
		{ ...signers, stage: 'signed' }
	);
	return { id: contract.id, status: 'signed' as const, awaitingCountersignature: false };
}
