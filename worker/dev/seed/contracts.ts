import { contractEvents, contractSignatures, contracts, contractTemplates } from '../../../db/schema';
import { contractDocumentHash } from '../../domain/contracts/contract-status';
import { renderSignedContractPdf } from '../../domain/contracts/signed-pdf';
import { insertChunks } from '../../services/db';
import type { SeedContext } from './context';
import { ACME, CONTRACTS, DEMO, QUOTES } from './ids';

const day = 24 * 60 * 60 * 1000;

const SERVICES_TEMPLATE = `## 1. The work

{{workspace_name}} will carry out the work described in the accepted quote for {{client_name}}.

## 2. Payment

- 50% on signing, 50% on completion.
- Invoices are due within 14 days.

## 3. Ownership

On full payment, {{client_name}} owns the final deliverables. {{workspace_name}} may show the work in its portfolio unless asked not to.

## 4. Changes

Changes to the scope are agreed in writing and may change the price and the timeline.

Dated {{date}}.`;

const NDA_TEMPLATE = `## Mutual non-disclosure

Each party keeps the other's confidential information **confidential** and uses it only for the project.

1. This does not cover information that is public or already known.
2. The obligations last for two years after the project ends.

Questions: [email us](mailto:hello@demo.test).`;

const WEBSITE_AGREEMENT = `## 1. The work

Demo Studio will design and build the new Northwind Traders marketing website, as described in quote Q-0001.

## 2. Payment

- 50% on signing, 50% on launch.
- Invoices are due within 14 days.

## 3. Ownership

On full payment, Northwind Traders owns the final website and its designs.`;

const CONTENT_AGREEMENT = `## 1. The work

Demo Studio writes and edits the copy for the new Northwind Traders website: the home, about and product pages.

## 2. Review

Northwind Traders reviews each page within five working days. Two rounds of changes are included.

## 3. Fees

- A fixed fee, invoiced on delivery of the final copy.`;

const RETAINER_AGREEMENT = `## 1. Services

Each month Demo Studio keeps the Northwind Traders website hosted, updated and backed up, and provides up to **10 hours** of support.

## 2. Term

Twelve months from signing, then month to month. Either party may end it with 30 days' notice.

## 3. Fees

- Billed monthly in advance.
- Unused support hours do not roll over.`;

/**
 * Two templates, and contracts in each state: a signed one (with a real signed
 * PDF in R2 and its full audit trail), one signed by the client and awaiting
 * Demo Studio's countersignature (its PDF says so), one sent and waiting for a
 * signature, a draft, one for Globex and one in the Acme workspace.
 */
export async function seedContracts({ db, services, now }: SeedContext) {
	const ws = DEMO.workspaceId;
	const signedText = { title: 'Website redesign agreement', bodyMd: WEBSITE_AGREEMENT };
	const retainerText = { title: 'Maintenance retainer agreement', bodyMd: RETAINER_AGREEMENT };
	const globexText = { title: 'Globex mutual NDA', bodyMd: NDA_TEMPLATE };
	const acmeText = {
		title: 'Route planner services agreement',
		bodyMd: 'Acme Agency will build phase 2 of the route planner for Roadrunner Logistics.'
	};
	const awaitingText = { title: 'Website copy agreement', bodyMd: CONTENT_AGREEMENT };
	const [signedHash, retainerHash, globexHash, acmeHash, awaitingHash] = await Promise.all(
		[signedText, retainerText, globexText, acmeText, awaitingText].map(contractDocumentHash)
	);

	const sentAt = now - 30 * day;
	const viewedAt = sentAt + 2 * 60 * 60 * 1000;
	const signedAt = viewedAt + 15 * 60 * 1000;
	const browser = {
		ip: '203.0.113.24',
		userAgent:
			'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36'
	};
	const staffBrowser = { ip: '198.51.100.10', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0' };
	const viewed = {
		id: 'cev_demo_signed_3',
		event: 'viewed' as const,
		actorKind: 'client' as const,
		actorId: DEMO.caseyContactId,
		actorName: 'Casey Client',
		...browser,
		documentHash: signedHash,
		viewCount: 1,
		lastViewedAt: viewedAt,
		createdAt: viewedAt
	};
	const signedEvents = [
		{
			id: 'cev_demo_signed_1',
			event: 'created' as const,
			actorKind: 'staff' as const,
			actorId: DEMO.ownerUserId,
			actorName: 'Olivia Owner',
			ip: null,
			userAgent: null,
			documentHash: null,
			createdAt: sentAt - day
		},
		{
			id: 'cev_demo_signed_2',
			event: 'sent' as const,
			actorKind: 'staff' as const,
			actorId: DEMO.ownerUserId,
			actorName: 'Olivia Owner',
			...staffBrowser,
			documentHash: signedHash,
			createdAt: sentAt
		},
		viewed,
		{
			id: 'cev_demo_signed_4',
			event: 'signed' as const,
			actorKind: 'client' as const,
			actorId: DEMO.caseyContactId,
			actorName: 'Casey Client',
			...browser,
			documentHash: signedHash,
			createdAt: signedAt
		}
	];
	const signature = {
		id: 'sig_demo_signed',
		workspaceId: ws,
		contractId: CONTRACTS.signed,
		signerKind: 'client' as const,
		signerId: DEMO.caseyContactId,
		signerName: 'Casey Client',
		signerEmail: DEMO.caseyEmail,
		method: 'typed' as const,
		typedName: 'Casey Client',
		drawnImageKey: null,
		documentHash: signedHash,
		...browser,
		signedAt
	};
	const pdf = await renderSignedContractPdf({
		brand: { name: 'Demo Studio', color: '#4338ca' },
		contract: {
			id: CONTRACTS.signed,
			...signedText,
			documentHash: signedHash,
			status: 'signed',
			requireCountersignature: false,
			clientName: 'Northwind Traders'
		},
		signatures: [{ ...signature, image: null }],
		events: signedEvents.filter((e) => e.event !== 'viewed'),
		views: { count: 1, first: viewed, last: viewed },
		generatedAt: signedAt
	});
	const signedPdfKey = `contracts/${CONTRACTS.signed}/signed-signed.pdf`;
	await services.storage.put(signedPdfKey, pdf, { contentType: 'application/pdf', size: pdf.length });

	// Signed by Casey two days ago; Demo Studio countersigns, so it waits for a staff member.
	const awaitingSignedAt = now - 2 * day;
	const awaitingEvents = [
		{
			id: 'cev_demo_awaiting_1',
			event: 'created' as const,
			actorKind: 'staff' as const,
			actorId: DEMO.ownerUserId,
			actorName: 'Olivia Owner',
			ip: null,
			userAgent: null,
			documentHash: null,
			createdAt: now - 5 * day
		},
		{
			id: 'cev_demo_awaiting_2',
			event: 'sent' as const,
			actorKind: 'staff' as const,
			actorId: DEMO.ownerUserId,
			actorName: 'Olivia Owner',
			...staffBrowser,
			documentHash: awaitingHash,
			createdAt: now - 4 * day
		},
		{
			id: 'cev_demo_awaiting_3',
			event: 'signed' as const,
			actorKind: 'client' as const,
			actorId: DEMO.caseyContactId,
			actorName: 'Casey Client',
			...browser,
			documentHash: awaitingHash,
			createdAt: awaitingSignedAt
		}
	];
	const awaitingSignature = {
		...signature,
		id: 'sig_demo_awaiting',
		contractId: CONTRACTS.awaitingCountersignature,
		documentHash: awaitingHash,
		signedAt: awaitingSignedAt
	};
	const awaitingPdf = await renderSignedContractPdf({
		brand: { name: 'Demo Studio', color: '#4338ca' },
		contract: {
			id: CONTRACTS.awaitingCountersignature,
			...awaitingText,
			documentHash: awaitingHash,
			status: 'signed',
			requireCountersignature: true,
			clientName: 'Northwind Traders'
		},
		signatures: [{ ...awaitingSignature, image: null }],
		events: awaitingEvents,
		views: { count: 0, first: null, last: null },
		generatedAt: awaitingSignedAt
	});
	const awaitingPdfKey = `contracts/${CONTRACTS.awaitingCountersignature}/signed-sig_demo_awaiting.pdf`;
	await services.storage.put(awaitingPdfKey, awaitingPdf, { contentType: 'application/pdf', size: awaitingPdf.length });

	// The other demo contracts were made before Demo Studio started countersigning.
	const base = { requireCountersignature: false };
	return [
		...insertChunks(db, contractTemplates, [
			{
				id: CONTRACTS.servicesTemplate,
				workspaceId: ws,
				name: 'Services agreement',
				bodyMd: SERVICES_TEMPLATE,
				createdAt: now - 90 * day,
				updatedAt: now - 90 * day
			},
			{
				id: CONTRACTS.ndaTemplate,
				workspaceId: ws,
				name: 'Mutual NDA',
				bodyMd: NDA_TEMPLATE,
				createdAt: now - 90 * day,
				updatedAt: now - 90 * day
			}
		]),
		...insertChunks(db, contracts, [
			{
				id: CONTRACTS.signed,
				workspaceId: ws,
				clientId: DEMO.northwindId,
				projectId: DEMO.websiteProjectId,
				quoteId: QUOTES.accepted,
				...signedText,
				status: 'signed',
				documentHash: signedHash,
				...base,
				signedPdfKey,
				sentAt,
				firstViewedAt: viewedAt,
				lastViewedAt: viewedAt,
				viewCount: 1,
				signedAt,
				lockedAt: signedAt,
				createdAt: sentAt - day,
				updatedAt: signedAt
			},
			{
				id: CONTRACTS.awaitingCountersignature,
				workspaceId: ws,
				clientId: DEMO.northwindId,
				projectId: DEMO.websiteProjectId,
				...awaitingText,
				status: 'signed',
				documentHash: awaitingHash,
				requireCountersignature: true,
				signedPdfKey: awaitingPdfKey,
				sentAt: now - 4 * day,
				signedAt: awaitingSignedAt,
				lockedAt: awaitingSignedAt,
				createdAt: now - 5 * day,
				updatedAt: awaitingSignedAt
			},
			{
				id: CONTRACTS.sent,
				workspaceId: ws,
				clientId: DEMO.northwindId,
				projectId: DEMO.websiteProjectId,
				...retainerText,
				status: 'sent',
				documentHash: retainerHash,
				...base,
				sentAt: now - day,
				createdAt: now - 2 * day,
				updatedAt: now - day
			},
			{
				id: CONTRACTS.draft,
				workspaceId: ws,
				clientId: DEMO.northwindId,
				title: 'Online shop terms',
				bodyMd: '## Draft\n\nTerms for the online shop add-on, to be finalised once the quote is agreed.',
				status: 'draft',
				...base,
				createdAt: now - day,
				updatedAt: now - day
			},
			{
				id: CONTRACTS.globexSent,
				workspaceId: ws,
				clientId: DEMO.globexId,
				...globexText,
				status: 'sent',
				documentHash: globexHash,
				...base,
				sentAt: now - day,
				createdAt: now - day,
				updatedAt: now - day
			},
			{
				id: CONTRACTS.acmeSent,
				workspaceId: ACME.workspaceId,
				clientId: ACME.roadrunnerId,
				...acmeText,
				status: 'sent',
				documentHash: acmeHash,
				...base,
				sentAt: now - day,
				createdAt: now - day,
				updatedAt: now - day
			}
		]),
		...insertChunks(db, contractSignatures, [signature, awaitingSignature]),
		...insertChunks(db, contractEvents, [
			...awaitingEvents.map((e) => ({ ...e, workspaceId: ws, contractId: CONTRACTS.awaitingCountersignature })),
			...signedEvents.map((e) => ({ ...e, workspaceId: ws, contractId: CONTRACTS.signed })),
			{
				id: 'cev_demo_sent_1',
				workspaceId: ws,
				contractId: CONTRACTS.sent,
				event: 'created' as const,
				actorKind: 'staff' as const,
				actorId: DEMO.ownerUserId,
				actorName: 'Olivia Owner',
				createdAt: now - 2 * day
			},
			{
				id: 'cev_demo_sent_2',
				workspaceId: ws,
				contractId: CONTRACTS.sent,
				event: 'sent' as const,
				actorKind: 'staff' as const,
				actorId: DEMO.ownerUserId,
				actorName: 'Olivia Owner',
				...staffBrowser,
				documentHash: retainerHash,
				createdAt: now - day
			},
			{
				id: 'cev_demo_draft_1',
				workspaceId: ws,
				contractId: CONTRACTS.draft,
				event: 'created' as const,
				actorKind: 'staff' as const,
				actorId: DEMO.ownerUserId,
				actorName: 'Olivia Owner',
				createdAt: now - day
			},
			{
				id: 'cev_demo_globex_1',
				workspaceId: ws,
				contractId: CONTRACTS.globexSent,
				event: 'sent' as const,
				actorKind: 'staff' as const,
				actorId: DEMO.ownerUserId,
				actorName: 'Olivia Owner',
				documentHash: globexHash,
				createdAt: now - day
			},
			{
				id: 'cev_acme_sent_1',
				workspaceId: ACME.workspaceId,
				contractId: CONTRACTS.acmeSent,
				event: 'sent' as const,
				actorKind: 'staff' as const,
				actorId: ACME.ownerUserId,
				actorName: 'Andy Acme',
				documentHash: acmeHash,
				createdAt: now - day
			}
		])
	];
}
