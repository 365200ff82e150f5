import type { Recipient } from '../notifications/recipients';
import { emailClientContacts, emailStaff } from '../notifications/notify';
import type { Scope } from '../scope';

type ContractRef = { id: string; title: string; clientId: string };
type Pdf = { filename: string; bytes: Uint8Array };

const attachment = (pdf: Pdf) => [{ filename: pdf.filename, contentType: 'application/pdf', content: pdf.bytes }];

/** "Please review and sign": a link to the contract on the client's portal. */
export function emailContractForSignature(
	scope: Pick<Scope, 'services' | 'workspace'>,
	contract: ContractRef & { hash: string },
	to: Recipient[]
) {
	const name = scope.workspace.displayName ?? scope.workspace.name;
	return emailClientContacts(
		scope,
		contract.clientId,
		{
			subject: `Please review and sign: ${contract.title}`,
			content: {
				preheader: `${name} sent you a contract to sign.`,
				heading: 'A contract is ready for your signature',
				paragraphs: [
					`${name} has sent you "${contract.title}".`,
					'Read it on your portal and sign it there with your typed name or a drawn signature.'
				],
				button: {
					label: 'Review and sign',
					url: scope.services.urls.portal(scope.workspace, `/contracts/${contract.id}`)
				}
			},
			tag: 'contract',
			idempotencyKey: `contract-sent:${contract.id}:${contract.hash}`
		},
		{ to }
	);
}

type Signers = { client: { contactId: string; name: string }; clientName: string };

/**
 * The finished contract to the client who signed and to the staff, with the signed
 * PDF attached. Each says exactly who signed: the client alone (no countersignature
 * was required), or both parties (after the staff countersignature).
 */
export async function emailSignedContract(
	scope: Pick<Scope, 'services' | 'workspace'>,
	contract: ContractRef,
	pdf: Pdf,
	opts: Signers & ({ stage: 'signed' } | { stage: 'countersigned'; staff: { name: string } })
) {
	const name = scope.workspace.displayName ?? scope.workspace.name;
	const key = `contract-${opts.stage}:${contract.id}`;
	const clientSigned = `${opts.client.name} signed for ${opts.clientName}`;
	const who =
		opts.stage === 'countersigned'
			? `"${contract.title}" is signed by both parties: ${clientSigned}, and ${opts.staff.name} countersigned for ${name}.`
			: `"${contract.title}" is signed: ${clientSigned}. ${name} does not countersign it, so it is complete.`;
	const subject =
		opts.stage === 'countersigned' ? `Signed by both parties: ${contract.title}` : `Signed: ${contract.title}`;
	await emailClientContacts(
		scope,
		contract.clientId,
		{
			subject,
			content: {
				heading: opts.stage === 'countersigned' ? 'Your contract is signed by both parties' : 'Your signed contract',
				paragraphs: [
					who,
					"Your copy is attached as a PDF, with a certificate page showing the audit trail and the document's SHA-256 hash.",
					'You can download it again from your portal at any time.'
				],
				button: {
					label: 'Open the contract',
					url: scope.services.urls.portal(scope.workspace, `/contracts/${contract.id}`)
				}
			},
			tag: 'contract-signed',
			attachments: attachment(pdf),
			idempotencyKey: key
		},
		{ onlyContactId: opts.client.contactId }
	);
	await emailStaff(scope, 'contracts', {
		subject,
		content: {
			heading:
				opts.stage === 'countersigned'
					? 'Contract countersigned: signed by both parties'
					: 'Contract signed by the client',
			paragraphs: [who, `The signed PDF is attached for ${name}'s records.`],
			button: { label: 'Open the contract', url: scope.services.urls.app(`/contracts/${contract.id}`) }
		},
		tag: 'contract-signed',
		attachments: attachment(pdf),
		idempotencyKey: key
	});
}

/** The client signed a contract that needs the workspace's countersignature: ask the staff, thank the client. */
export async function emailCountersignNeeded(
	scope: Pick<Scope, 'services' | 'workspace'>,
	contract: ContractRef,
	opts: Signers
) {
	const name = scope.workspace.displayName ?? scope.workspace.name;
	await emailStaff(scope, 'contracts', {
		subject: `Countersign: ${contract.title}`,
		content: {
			heading: `${opts.client.name} signed; your countersignature is needed`,
			paragraphs: [
				`${opts.client.name} signed "${contract.title}" for ${opts.clientName}. It is not complete yet: it awaits your countersignature.`,
				'Countersign it on the contract page; both parties then receive the PDF signed by both.'
			],
			button: { label: 'Countersign', url: scope.services.urls.app(`/contracts/${contract.id}`) }
		},
		tag: 'contract-countersign',
		idempotencyKey: `contract-countersign-needed:${contract.id}`
	});
	await emailClientContacts(
		scope,
		contract.clientId,
		{
			subject: `Thanks for signing: ${contract.title}`,
			content: {
				heading: 'Thanks, your signature is recorded',
				paragraphs: [
					`You signed "${contract.title}" for ${opts.clientName}. It now awaits ${name}'s countersignature.`,
					`We'll email you the PDF signed by both parties as soon as ${name} countersigns.`
				],
				button: {
					label: 'Open the contract',
					url: scope.services.urls.portal(scope.workspace, `/contracts/${contract.id}`)
				}
			},
			tag: 'contract-signed',
			idempotencyKey: `contract-signed-ack:${contract.id}`
		},
		{ onlyContactId: opts.client.contactId }
	);
}
