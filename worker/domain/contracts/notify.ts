import { emailClientContacts, emailStaff } from '../notifications/notify';
import type { Scope } from '../scope';

type ContractRef = { id: string; title: string; clientId: string };
type Pdf = { filename: string; bytes: Uint8Array };

const attachment = (pdf: Pdf) => [{ filename: pdf.filename, contentType: 'application/pdf', content: pdf.bytes }];

/** "Please review and sign": a link to the contract on the client's portal. */
export function emailContractForSignature(scope: Pick<Scope, 'services' | 'workspace'>, contract: ContractRef & { hash: string }) {
	const name = scope.workspace.displayName ?? scope.workspace.name;
	return emailClientContacts(scope, contract.clientId, {
		subject: `Please review and sign: ${contract.title}`,
		content: {
			preheader: `${name} sent you a contract to sign.`,
			heading: 'A contract is ready for your signature',
			paragraphs: [`${name} has sent you "${contract.title}".`, 'Read it on your portal and sign it there with your typed name or a drawn signature.'],
			button: { label: 'Review and sign', url: scope.services.urls.portal(scope.workspace, `/contracts/${contract.id}`) }
		},
		tag: 'contract',
		idempotencyKey: `contract-sent:${contract.id}:${contract.hash}`
	});
}

/** The finished contract to both parties, with the signed PDF attached. */
export async function emailSignedContract(scope: Pick<Scope, 'services' | 'workspace'>, contract: ContractRef, pdf: Pdf, opts: { signerContactId: string; stage: 'signed' | 'countersigned' }) {
	const name = scope.workspace.displayName ?? scope.workspace.name;
	const key = `contract-${opts.stage}:${contract.id}`;
	await emailClientContacts(
		scope,
		contract.clientId,
		{
			subject: `Signed: ${contract.title}`,
			content: {
				heading: 'Your signed contract',
				paragraphs: [`"${contract.title}" is signed by both parties. Your copy is attached as a PDF, with a certificate page showing the audit trail and the document's SHA-256 hash.`, 'You can download it again from your portal at any time.'],
				button: { label: 'Open the contract', url: scope.services.urls.portal(scope.workspace, `/contracts/${contract.id}`) }
			},
			tag: 'contract-signed',
			attachments: attachment(pdf),
			idempotencyKey: key
		},
		{ onlyContactId: opts.signerContactId }
	);
	await emailStaff(scope, 'contracts', {
		subject: `Signed: ${contract.title}`,
		content: {
			heading: opts.stage === 'countersigned' ? 'Contract countersigned and complete' : 'Contract signed by the client',
			paragraphs: [`"${contract.title}" is complete. The signed PDF is attached for ${name}'s records.`],
			button: { label: 'Open the contract', url: scope.services.urls.app(`/contracts/${contract.id}`) }
		},
		tag: 'contract-signed',
		attachments: attachment(pdf),
		idempotencyKey: key
	});
}

/** The client signed a contract that needs the workspace's countersignature: tell the staff, thank the client. */
export async function emailCountersignNeeded(scope: Pick<Scope, 'services' | 'workspace'>, contract: ContractRef, opts: { signerContactId: string; signerName: string }) {
	await emailStaff(scope, 'contracts', {
		subject: `Countersign: ${contract.title}`,
		content: {
			heading: `${opts.signerName} signed; your countersignature is needed`,
			paragraphs: [`"${contract.title}" was signed by the client. Countersign it to complete it; both parties then receive the signed PDF.`],
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
				paragraphs: [`We'll email you the signed PDF as soon as ${scope.workspace.displayName ?? scope.workspace.name} countersigns "${contract.title}".`],
				button: { label: 'Open the contract', url: scope.services.urls.portal(scope.workspace, `/contracts/${contract.id}`) }
			},
			tag: 'contract-signed',
			idempotencyKey: `contract-signed-ack:${contract.id}`
		},
		{ onlyContactId: opts.signerContactId }
	);
}
