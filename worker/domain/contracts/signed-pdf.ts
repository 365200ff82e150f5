import type { ContractStatus } from '../../../db/schema';
import { PdfDoc, type PdfBrand } from '../../services/pdf/document';
import { CONTRACT_STATUS_LABELS } from './contract-status';
import { parseMarkdown, plainText } from './markdown';
import { utcTime } from './utc-time';

export type SignedPdfSignature = {
	signerKind: 'client' | 'staff';
	signerName: string;
	signerEmail: string;
	method: 'typed' | 'drawn';
	typedName: string | null;
	image: Uint8Array | null;
	signedAt: number;
	ip: string | null;
	userAgent: string | null;
	documentHash: string;
};

export type SignedPdfEvent = {
	event: string;
	actorName: string | null;
	actorKind: string;
	ip: string | null;
	userAgent: string | null;
	documentHash: string | null;
	createdAt: number;
};

/** What the certificate says about views: how many, and the first and latest viewing sessions (never one line per view). */
export type SignedPdfViews = {
	count: number;
	first: (SignedPdfEvent & { lastViewedAt: number | null }) | null;
	last: (SignedPdfEvent & { lastViewedAt: number | null }) | null;
};

export type SignedPdfInput = {
	brand: PdfBrand;
	contract: {
		id: string;
		title: string;
		bodyMd: string;
		documentHash: string;
		status: ContractStatus;
		requireCountersignature: boolean;
		clientName: string;
	};
	signatures: SignedPdfSignature[];
	/** The audit events other than views (created, sent, signed...). */
	events: SignedPdfEvent[];
	views: SignedPdfViews;
	generatedAt: number;
};

const EVENT_LABELS: Record<string, string> = {
	created: 'Created',
	sent: 'Sent for signature',
	viewed: 'Viewed',
	signed: 'Signed',
	countersigned: 'Countersigned',
	voided: 'Voided'
};

/** The audit rows of the certificate: the events, and the views as at most two rows (first and latest), in time order. */
function auditRows(input: SignedPdfInput): { at: number; label: string; e: SignedPdfEvent }[] {
	const rows = input.events
		.filter((e) => e.event !== 'viewed')
		.map((e) => ({ at: e.createdAt, label: EVENT_LABELS[e.event] ?? e.event, e }));
	const { first, last, count } = input.views;
	if (first) rows.push({ at: first.createdAt, label: count > 1 ? 'First viewed' : 'Viewed', e: first });
	const lastAt = last ? (last.lastViewedAt ?? last.createdAt) : null;
	if (last && lastAt !== null && count > 1 && (!first || lastAt > first.createdAt))
		rows.push({ at: lastAt, label: 'Last viewed', e: last });
	return rows.sort((a, b) => a.at - b.at);
}

/**
 * The signed contract as a PDF: the contract text, the signatures (typed name
 * or the drawn image), then a certificate page with the parties, the
 * document's SHA-256 hash and the audit trail (time, IP, user agent and hash
 * of every event; of the views, the count and the first and latest). The hash
 * is also in the PDF's keywords, for machines. Its size is bounded by the
 * text, not by how often the contract was opened.
 */
export async function renderSignedContractPdf(input: SignedPdfInput): Promise<Uint8Array> {
	const { contract, brand } = input;
	const doc = await PdfDoc.create({
		title: contract.title,
		brand,
		createdAt: input.generatedAt,
		subject: `Signed contract between ${brand.name} and ${contract.clientName}. Document SHA-256: ${contract.documentHash}`,
		keywords: [`sha256:${contract.documentHash}`, `contract:${contract.id}`]
	});
	await doc.heading(contract.title, 20);
	await doc.paragraph(`Between ${brand.name} and ${contract.clientName}`, { muted: true });
	await doc.rule();
	for (const block of parseMarkdown(contract.bodyMd)) {
		switch (block.t) {
			case 'h':
				await doc.heading(plainText(block.c), [15, 13, 11.5][block.level - 1]);
				break;
			case 'p':
				await doc.paragraph(plainText(block.c));
				break;
			case 'ul':
				for (const item of block.items) await doc.paragraph(`•  ${plainText(item)}`, { indent: 12 });
				break;
			case 'ol':
				for (const [i, item] of block.items.entries())
					await doc.paragraph(`${block.start + i}.  ${plainText(item)}`, { indent: 12 });
				break;
			case 'quote':
				await doc.paragraph(plainText(block.c), { indent: 18, muted: true });
				break;
			case 'hr':
				await doc.rule();
				break;
			case 'pre':
				await doc.paragraph(block.v, { size: 9 });
				break;
		}
	}

	await doc.spacer(10);
	await doc.heading('Signatures', 14);
	for (const s of input.signatures) {
		const caption = `${s.signerKind === 'staff' ? `Countersigned for ${brand.name}` : `Signed for ${contract.clientName}`} by ${s.signerName} (${s.signerEmail}) on ${utcTime(s.signedAt)}, ${s.method === 'drawn' ? 'drawn' : 'typed'} signature.`;
		if (s.method === 'drawn' && s.image) {
			await doc.image(s.image, 'png', 240, 80);
			await doc.paragraph(caption, { size: 9, muted: true });
		} else {
			await doc.signature(s.typedName ?? s.signerName, caption);
		}
	}
	if (contract.requireCountersignature && !input.signatures.some((s) => s.signerKind === 'staff')) {
		await doc.paragraph(`Awaiting countersignature by ${brand.name}.`, { muted: true });
	}

	await doc.newPage();
	await doc.heading('Certificate of completion', 18);
	await doc.keyValues([
		['Document', contract.title],
		['Contract ID', contract.id],
		['Parties', `${brand.name} and ${contract.clientName}`],
		['Status', CONTRACT_STATUS_LABELS[contract.status]],
		['Document SHA-256', contract.documentHash],
		['Hash of', 'The title, a blank line, then the contract text exactly as sent and signed (UTF-8).'],
		['Client views', String(input.views.count)],
		['Generated', utcTime(input.generatedAt)]
	]);
	await doc.heading('Signers', 13);
	await doc.table(
		[
			{ header: 'Signer', width: 0.34 },
			{ header: 'Method', width: 0.12 },
			{ header: 'Signed at', width: 0.24 },
			{ header: 'IP address', width: 0.3 }
		],
		input.signatures.map((s) => [
			`${s.signerName}\n${s.signerEmail}`,
			s.method === 'drawn' ? 'Drawn' : 'Typed',
			utcTime(s.signedAt),
			s.ip ?? 'unknown'
		])
	);
	await doc.heading('Audit trail', 13);
	await doc.table(
		[
			{ header: 'Time', width: 0.2 },
			{ header: 'Event', width: 0.15 },
			{ header: 'By', width: 0.17 },
			{ header: 'IP, device and document SHA-256', width: 0.48 }
		],
		auditRows(input).map(({ at, label, e }) => [
			utcTime(at),
			label,
			e.actorName ?? e.actorKind,
			[`IP: ${e.ip ?? 'unknown'}`, `Device: ${e.userAgent ?? 'unknown'}`, `SHA-256: ${e.documentHash ?? 'none'}`].join(
				'\n'
			)
		])
	);
	await doc.paragraph(
		'Each signer ticked a box agreeing to sign electronically before signing. Any change to the contract text would change its SHA-256 hash; compare the hash above with the one recorded for each event.',
		{ size: 9, muted: true }
	);
	return doc.save();
}
