import type { ContractStatus } from '../../../db/schema';
import { sha256Hex } from '../../services/crypto';
import { labelsOf, type StatusDisplay } from '../status-display';

// Pure (no database code): pages import it. The status type comes from here, the list of statuses
// a list can be filtered by from list-contracts.ts; never from the schema.
export type { ContractStatus };

/**
 * The contract state machine:
 *   draft -> sent (staff send: the text is hashed and the hash recorded)
 *   sent -> viewed (client opens it)
 *   sent | viewed -> signed (client signs the exact text they read: it is locked)
 *   signed -> countersigned (staff, when the contract requires a countersignature)
 *   sent | viewed -> draft (staff edit before signing: it leaves the portal until re-sent)
 *   draft | sent | viewed -> void (staff)
 * Once signed (lockedAt set), the title and body never change again.
 */
export const CONTRACT_STATUS_DISPLAY: Record<ContractStatus, StatusDisplay> = {
	draft: { label: 'Draft', tone: 'neutral' },
	sent: { label: 'Awaiting signature', tone: 'info' },
	viewed: { label: 'Viewed, awaiting signature', tone: 'info' },
	signed: { label: 'Signed', tone: 'success' },
	countersigned: { label: 'Signed by both parties', tone: 'success' },
	void: { label: 'Void', tone: 'danger' }
};
export const CONTRACT_STATUS_LABELS = labelsOf(CONTRACT_STATUS_DISPLAY);

/** A contract's status as shown, with the step in between: signed by the client, our countersignature still to come. */
export function contractStatusDisplay(status: ContractStatus, awaitingCountersignature = false): StatusDisplay {
	return status === 'signed' && awaitingCountersignature
		? { label: 'Signed, awaiting countersignature', tone: 'warning' }
		: CONTRACT_STATUS_DISPLAY[status];
}

export const CLIENT_VISIBLE_CONTRACT: ContractStatus[] = ['sent', 'viewed', 'signed', 'countersigned', 'void'];
export const SIGNABLE: ContractStatus[] = ['sent', 'viewed'];
export const EDITABLE_CONTRACT: ContractStatus[] = ['draft', 'sent', 'viewed'];
export const SIGNED: ContractStatus[] = ['signed', 'countersigned'];

/**
 * The exact document text that is hashed, signed and printed: the title, a
 * blank line, then the Markdown body as stored (line endings normalised to \n
 * when saved).
 */
export function contractDocumentText(contract: { title: string; bodyMd: string }): string {
	return `${contract.title}\n\n${contract.bodyMd}`;
}

/** SHA-256 (hex) of the document text, UTF-8. */
export function contractDocumentHash(contract: { title: string; bodyMd: string }): Promise<string> {
	return sha256Hex(contractDocumentText(contract));
}

export type Integrity = { ok: boolean; computedHash: string; problems: string[] };

/**
 * Tamper check: the stored text must still hash to the hash recorded when it
 * was sent, and every signature must be over that same hash.
 */
export async function checkIntegrity(
	contract: { title: string; bodyMd: string; documentHash: string | null; status: ContractStatus },
	signatures: { signerName: string; documentHash: string }[]
): Promise<Integrity> {
	const computedHash = await contractDocumentHash(contract);
	const problems: string[] = [];
	if (contract.documentHash && contract.documentHash !== computedHash)
		problems.push('The stored text no longer matches the hash recorded when it was sent.');
	for (const s of signatures)
		if (s.documentHash !== computedHash)
			problems.push(`${s.signerName} signed a different text (hash ${s.documentHash.slice(0, 12)}…).`);
	if (SIGNED.includes(contract.status) && !contract.documentHash)
		problems.push('A signed contract has no recorded hash.');
	return { ok: problems.length === 0, computedHash, problems };
}

export function fileSlug(title: string): string {
	return (
		title
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 60) || 'contract'
	);
}
