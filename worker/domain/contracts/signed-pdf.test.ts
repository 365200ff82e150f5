import { PDFDocument } from 'pdf-lib';
import { describe, expect, it, vi } from 'vitest';
import { countMeasuring } from '../../services/pdf/test-support';
import { sha256Hex } from '../../services/crypto';
import { contractDocumentHash } from './contract-status';
import { hostileMarkdown } from './markdown-reference';
import { renderSignedContractPdf } from './signed-pdf';
import { CONTRACT_BODY, pdfText, pngBytes } from './testing';

describe('signed contract PDF', () => {
	it('parses back with pdf-lib and carries the document hash in its text and metadata', async () => {
		const contract = { id: 'ctr_test', title: 'Website agreement', bodyMd: CONTRACT_BODY };
		const hash = await contractDocumentHash(contract);
		expect(hash).toBe(await sha256Hex(`Website agreement\n\n${CONTRACT_BODY}`));
		const at = Date.UTC(2026, 10, 23, 12, 0, 5);
		const viewed = {
			event: 'viewed',
			actorKind: 'client',
			actorName: 'Casey Client',
			ip: '203.0.113.9',
			userAgent: 'Mozilla/5.0 Test',
			documentHash: hash,
			createdAt: at - 30_000,
			lastViewedAt: at - 30_000
		};
		const bytes = await renderSignedContractPdf({
			brand: { name: 'Demo Studio', color: '#4338ca' },
			contract: {
				...contract,
				documentHash: hash,
				status: 'signed',
				requireCountersignature: false,
				clientName: 'Northwind Traders'
			},
			signatures: [
				{
					signerKind: 'client',
					signerName: 'Casey Client',
					signerEmail: 'client@demo.test',
					method: 'drawn',
					typedName: null,
					image: await pngBytes(),
					signedAt: at,
					ip: '203.0.113.9',
					userAgent: 'Mozilla/5.0 Test',
					documentHash: hash
				}
			],
			events: [
				{
					event: 'sent',
					actorKind: 'staff',
					actorName: 'Olivia Owner',
					ip: '198.51.100.1',
					userAgent: 'StaffBrowser/1.0',
					documentHash: hash,
					createdAt: at - 60_000
				},
				{
					event: 'signed',
					actorKind: 'client',
					actorName: 'Casey Client',
					ip: '203.0.113.9',
					userAgent: 'Mozilla/5.0 Test',
					documentHash: hash,
					createdAt: at
				}
			],
			views: { count: 1, first: viewed, last: viewed },
			generatedAt: at
		});
		const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
		expect(pdf.getPageCount()).toBeGreaterThanOrEqual(2);
		expect(pdf.getTitle()).toBe('Website agreement');
		expect(pdf.getKeywords()).toContain(`sha256:${hash}`);
		expect(pdf.getSubject()).toContain(hash);
		const text = await pdfText(bytes);
		expect(text).toContain('Certificate of completion');
		expect(text).toContain(hash);
		expect(text).toContain('We build the website described in the quote.');
		expect(text).toContain('2026-11-23 12:00:05 UTC');
		expect(text).toContain('IP: 203.0.113.9');
		expect(text).toContain('Device: Mozilla/5.0 Test');
		// The drawn signature is embedded as an image.
		expect(
			pdf.context
				.enumerateIndirectObjects()
				.some(([, obj]) =>
					String((obj as { dict?: { toString(): string } }).dict?.toString() ?? '').includes('/Subtype /Image')
				)
		).toBe(true);
	});

	it('draws the worst case in linear work: 100,000 characters of one word or of hostile Markdown, a long user agent, 1,500 views', async () => {
		const contract = { id: 'ctr_test', title: 'W'.repeat(200) };
		const at = Date.UTC(2026, 10, 23, 12, 0, 5);
		const userAgent = `Mozilla/5.0 ${'Wx'.repeat(300)}`;
		const who = {
			actorKind: 'client',
			actorName: 'Casey Client',
			ip: '203.0.113.9',
			userAgent,
			documentHash: 'f'.repeat(64)
		};
		const bodies = {
			word: 'W'.repeat(100_000),
			markdown: Object.values(hostileMarkdown(9000)).join('\n\n').slice(0, 100_000)
		};
		for (const [name, bodyMd] of Object.entries(bodies)) {
			const counts = countMeasuring();
			const bytes = await renderSignedContractPdf({
				brand: { name: 'Demo Studio', color: '#4338ca' },
				contract: {
					...contract,
					bodyMd,
					documentHash: 'f'.repeat(64),
					status: 'signed',
					requireCountersignature: false,
					clientName: 'Northwind Traders'
				},
				signatures: [
					{
						signerKind: 'client',
						signerName: 'Casey Client',
						signerEmail: 'client@demo.test',
						method: 'typed',
						typedName: 'Casey Client',
						image: null,
						signedAt: at,
						ip: who.ip,
						userAgent,
						documentHash: who.documentHash
					}
				],
				events: [{ ...who, event: 'signed', createdAt: at }],
				views: {
					count: 1500,
					first: { ...who, event: 'viewed', createdAt: at - 3_600_000, lastViewedAt: at - 3_000_000 },
					last: { ...who, event: 'viewed', createdAt: at - 600_000, lastViewedAt: at - 1000 }
				},
				generatedAt: at
			});
			vi.restoreAllMocks();
			expect(counts.chars, name).toBeLessThan(3 * bodyMd.length);
			const text = await pdfText(bytes);
			expect(text.replace(/\n/g, ''), name).toContain('Wx'.repeat(300));
			expect(text.match(/First viewed|Last viewed/g), name).toEqual(['First viewed', 'Last viewed']);
		}
	});
});
