import { and, eq } from 'drizzle-orm';
import { contracts } from '../../../db/schema';
import { requireStaff } from '../actor';
import { AppError, notFound, parseInput } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import type { AuditSource } from './audit';
import { contractDocumentHash } from './contract-status';
import { emailSignedContract } from './notify';
import { readSignedPdfSource, signedPdfFilename, type RenderSignedPdf } from './produce-signed-pdf';
import { recordSignature } from './record-signature';
import { signatureInputSchema, withMethod } from './signature-input';

const countersignSchema = signatureInputSchema('countersign');

/**
 * Staff countersign a contract the client has signed, when it requires it
 * (`contracts.requireCountersignature`: the workspace's "We countersign"
 * default, or what was chosen for this contract). A typed name or a drawn
 * signature, with consent, like the client's. Same rules and the same
 * `recordSignature` step as signing: the hash of the locked text must match,
 * once only, and the final PDF (both signatures) is stored before the
 * countersignature commits; then both parties get it.
 */
export async function countersignContract(
	opts: Scope & { contractId: string; input: unknown; audit?: AuditSource; render?: RenderSignedPdf }
) {
	const staff = requireStaff(opts.actor);
	const input = parseInput(countersignSchema, withMethod(opts.input));
	const scoped = and(staffScope(contracts, opts), eq(contracts.id, opts.contractId))!;
	const source = await readSignedPdfSource({ ...opts, where: scoped });
	if (!source) throw notFound('That contract');
	const { contract } = source;
	if (contract.status !== 'signed' || !contract.requireCountersignature) {
		throw new AppError(
			'conflict',
			contract.status === 'countersigned'
				? 'This contract is already countersigned.'
				: 'Only a contract signed by the client that requires a countersignature can be countersigned.'
		);
	}
	const currentHash = await contractDocumentHash(contract);
	if (contract.documentHash !== currentHash || input.documentHash !== currentHash)
		throw new AppError(
			'conflict',
			'This contract does not match the text the client signed. It cannot be countersigned.'
		);

	const guard = and(
		scoped,
		eq(contracts.status, 'signed'),
		eq(contracts.requireCountersignature, true),
		eq(contracts.documentHash, currentHash)
	)!;
	const recorded = await recordSignature({
		...opts,
		source,
		documentHash: currentHash,
		input,
		signer: { kind: 'staff', id: staff.userId, name: staff.name, email: staff.email },
		stage: 'countersigned',
		guard,
		update: (now) => ({ status: 'countersigned', countersignedAt: now }),
		summary: `Countersigned contract "${contract.title}"`
	});
	if (!recorded) throw new AppError('conflict', 'This contract is already countersigned.');
	const clientSignature = source.signatures.find((s) => s.signerKind === 'client');
	await emailSignedContract(
		opts,
		{ id: contract.id, title: contract.title, clientId: contract.clientId },
		{ filename: signedPdfFilename(contract.title), bytes: recorded.bytes },
		{
			stage: 'countersigned',
			client: { contactId: clientSignature?.signerId ?? '', name: clientSignature?.signerName ?? source.clientName },
			clientName: source.clientName,
			staff: { name: staff.name }
		}
	);
	return { id: contract.id, status: 'countersigned' as const };
}
