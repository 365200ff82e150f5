import { contractStatusDisplay } from './contract-status';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { contractEvents, contractSignatures, contracts, emailLog } from '../../../db/schema';
import { CONTRACTS } from '../../dev/seed/ids';
import { DEMO, emailsTo, fixedClock, scopes, seed, staffActor, testServices } from '../../../tests/helpers';
import { sha256Hex } from '../../services/crypto';
import { createQuote } from '../quotes/create-quote';
import { countersignContract } from './countersign-contract';
import { createContract } from './create-contract';
import { downloadSignedPdf } from './download-signed-pdf';
import { getContract } from './get-contract';
import { getContractSettings } from './get-contract-settings';
import { listContracts } from './list-contracts';
import { saveContractTemplate } from './save-contract-template';
import { sendContract } from './send-contract';
import { signContract } from './sign-contract';
import { CONTRACT_BODY, dataUrl, pdfText, pngBytes, racingSignatures, sentContract } from './testing';
import { updateContract } from './update-contract';
import { updateContractSettings } from './update-contract-settings';
import { voidContract } from './void-contract';
const clientBrowser = { ip: '203.0.113.9', userAgent: 'Mozilla/5.0 (iPhone) Test' };

describe('contract lifecycle', () => {
	it('creates from a template with placeholders filled, and checks the project and quote belong to the client', async () => {
		// A pinned instant, so the filled-in {{date}} is known: 23 Nov 2026, 12:00 UTC.
		const services = await seed(testServices({ clock: fixedClock(Date.UTC(2026, 10, 23, 12)) }));
		const { demoOwner } = await scopes(services);
		const { id: templateId } = await saveContractTemplate({
			...demoOwner,
			input: {
				name: 'Standard',
				bodyMd: 'Between {{workspace_name}} and {{ client_name }}, dated {{date}}.\r\nClause.'
			}
		});
		const { id } = await createContract({
			...demoOwner,
			input: { clientId: DEMO.northwindId, title: 'From template', templateId, bodyMd: '' }
		});
		const row = await services.db.select().from(contracts).where(eq(contracts.id, id)).get();
		expect(row).toMatchObject({
			status: 'draft',
			bodyMd: 'Between Demo Studio and Northwind Traders, dated 23 Nov 2026.\nClause.',
			documentHash: null
		});
		await expect(
			createContract({
				...demoOwner,
				input: { clientId: DEMO.northwindId, title: 'X', bodyMd: 'Y', projectId: DEMO.globexProjectId }
			})
		).rejects.toMatchObject({ fields: { projectId: expect.any(String) } });
		const { id: draftQuote } = await createQuote({
			...demoOwner,
			input: { clientId: DEMO.northwindId, title: 'Q', items: [{ description: 'A', unitPrice: '1' }] }
		});
		await expect(
			createContract({
				...demoOwner,
				input: { clientId: DEMO.northwindId, title: 'X', bodyMd: 'Y', quoteId: draftQuote }
			})
		).rejects.toMatchObject({ fields: { quoteId: expect.any(String) } });
		await expect(
			createContract({ ...demoOwner, input: { clientId: 'cli_acme_roadrunner', title: '', bodyMd: '' } })
		).rejects.toMatchObject({
			fields: { clientId: expect.any(String), title: expect.any(String), bodyMd: expect.any(String) }
		});
	});

	it('sending records the SHA-256 of the exact text in the contract and the audit trail, and emails the client', async () => {
		const services = await seed(testServices({ clock: fixedClock() }));
		const { demoOwner, casey } = await scopes(services);
		const { id } = await createContract({
			...demoOwner,
			input: { clientId: DEMO.northwindId, title: 'Website agreement', bodyMd: CONTRACT_BODY }
		});
		await expect(getContract({ ...casey, contractId: id })).rejects.toMatchObject({ code: 'not_found' });
		const { documentHash } = await sendContract({
			...demoOwner,
			contractId: id,
			audit: { ip: '198.51.100.1', userAgent: 'StaffBrowser/1.0' }
		});
		expect(documentHash).toBe(await sha256Hex(`Website agreement\n\n${CONTRACT_BODY}`));
		const sent = (await getContract({ ...demoOwner, contractId: id })).events.find((e) => e.event === 'sent');
		expect(sent).toMatchObject({
			ip: '198.51.100.1',
			userAgent: 'StaffBrowser/1.0',
			documentHash,
			actorName: 'Olivia Owner'
		});
		const [mail] = await emailsTo(services, DEMO.caseyEmail);
		expect(mail.subject).toBe('Please review and sign: Website agreement');
		expect(mail.text).toContain(`http://demo.localhost:8787/contracts/${id}`);
		expect((await listContracts(casey)).items.map((c) => c.id)).toContain(id);
	});

	it('records every client view with time, IP, user agent and hash; staff views are not audit events', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const { demoOwner, casey } = await scopes(services);
		const { id, documentHash } = await sentContract(demoOwner, DEMO.northwindId);
		clock.advance(1000);
		const seen = await getContract({ ...casey, contractId: id, audit: clientBrowser });
		expect(seen.contract.bodyHtml).toContain('<strong>the website</strong>');
		expect(seen.can.sign).toBe(true);
		await getContract({ ...demoOwner, contractId: id, audit: { ip: '1.1.1.1', userAgent: 'staff' } });
		const detail = await getContract({ ...demoOwner, contractId: id });
		expect(detail.contract).toMatchObject({ status: 'viewed', firstViewedAt: clock.now() });
		expect(detail.events.map((e) => e.event)).toEqual(['created', 'sent', 'viewed']);
		expect(detail.events[2]).toMatchObject({
			createdAt: clock.now(),
			ip: clientBrowser.ip,
			userAgent: clientBrowser.userAgent,
			documentHash,
			actorName: 'Casey Client'
		});
	});

	it('signing (typed) locks the contract, completes the audit trail, stores the signed PDF and emails it to both parties', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const { demoOwner, casey } = await scopes(services);
		const { id, documentHash } = await sentContract(demoOwner, DEMO.northwindId);
		await getContract({ ...casey, contractId: id, audit: clientBrowser });
		await expect(
			signContract({
				...casey,
				contractId: id,
				input: { method: 'typed', typedName: 'Casey Client', documentHash },
				audit: clientBrowser
			})
		).rejects.toMatchObject({ fields: { consent: expect.any(String) } });
		await expect(
			signContract({
				...casey,
				contractId: id,
				input: { method: 'typed', typedName: ' ', consent: 'on', documentHash }
			})
		).rejects.toMatchObject({ fields: { typedName: expect.any(String) } });
		clock.advance(5000);
		const result = await signContract({
			...casey,
			contractId: id,
			input: { method: 'typed', typedName: 'Casey Client', consent: 'on', documentHash },
			audit: clientBrowser
		});
		expect(result).toMatchObject({ status: 'signed', awaitingCountersignature: false });

		const detail = await getContract({ ...demoOwner, contractId: id });
		expect(detail.contract).toMatchObject({
			status: 'signed',
			lockedAt: clock.now(),
			signedAt: clock.now(),
			hasSignedPdf: true
		});
		expect(detail.integrity.ok).toBe(true);
		expect(detail.events.map((e) => e.event)).toEqual(['created', 'sent', 'viewed', 'signed']);
		for (const e of detail.events.slice(1)) expect(e.documentHash).toBe(documentHash);
		expect(detail.events[3]).toMatchObject({
			ip: clientBrowser.ip,
			userAgent: clientBrowser.userAgent,
			createdAt: clock.now()
		});
		expect(detail.signatures).toMatchObject([
			{ signerKind: 'client', method: 'typed', typedName: 'Casey Client', documentHash, ip: clientBrowser.ip }
		]);

		const row = await services.db.select().from(contracts).where(eq(contracts.id, id)).get();
		const stored = await env.FILES.get(row!.signedPdfKey!);
		const pdfBytes = new Uint8Array(await stored!.arrayBuffer());
		expect((await PDFDocument.load(pdfBytes)).getKeywords()).toContain(documentHash);
		expect(await pdfText(pdfBytes)).toContain('Casey Client');

		for (const to of [DEMO.caseyEmail, DEMO.ownerEmail, DEMO.memberEmail]) {
			const [mail] = await emailsTo(services, to);
			expect(mail.subject, to).toBe('Signed: Website agreement');
			expect(mail.attachments, to).toEqual([
				{ filename: 'website-agreement-signed.pdf', contentType: 'application/pdf' }
			]);
			// Exactly who signed: the client only (no countersignature was asked for), never "both parties".
			expect(mail.text, to).toContain(
				'"Website agreement" is signed: Casey Client signed for Northwind Traders. Demo Studio does not countersign it, so it is complete.'
			);
			expect(mail.text, to).not.toContain('both parties');
		}
		// Either side can download it again later; it is the stored copy.
		for (const who of [casey, demoOwner]) {
			const again = await downloadSignedPdf({ ...who, contractId: id });
			expect(again.filename).toBe('website-agreement-signed.pdf');
			expect(again.bytes).toEqual(pdfBytes);
		}
	});

	it('a signed contract can never be edited, re-sent, voided or signed again', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey } = await scopes(services);
		const { id, documentHash } = await sentContract(demoOwner, DEMO.northwindId);
		await signContract({
			...casey,
			contractId: id,
			input: { method: 'typed', typedName: 'Casey Client', consent: true, documentHash }
		});
		const before = await services.db.select().from(contracts).where(eq(contracts.id, id)).get();
		await expect(
			updateContract({
				...demoOwner,
				contractId: id,
				input: { title: 'Website agreement', bodyMd: 'We owe you nothing.' }
			})
		).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('locked') });
		await expect(sendContract({ ...demoOwner, contractId: id })).rejects.toMatchObject({ code: 'conflict' });
		await expect(voidContract({ ...demoOwner, contractId: id })).rejects.toMatchObject({ code: 'conflict' });
		await expect(
			signContract({
				...casey,
				contractId: id,
				input: { method: 'typed', typedName: 'Casey Again', consent: true, documentHash }
			})
		).rejects.toMatchObject({ code: 'conflict' });
		const after = await services.db.select().from(contracts).where(eq(contracts.id, id)).get();
		expect(after).toEqual(before);
		expect(
			await services.db.select().from(contractSignatures).where(eq(contractSignatures.contractId, id))
		).toHaveLength(1);
	});

	it('detects tampering: text changed behind the domain no longer matches its hash, and cannot be signed or re-issued', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey } = await scopes(services);
		const signed = await sentContract(demoOwner, DEMO.northwindId);
		await signContract({
			...casey,
			contractId: signed.id,
			input: { method: 'typed', typedName: 'Casey Client', consent: true, documentHash: signed.documentHash }
		});
		// Someone edits the row directly (bypassing the domain) and deletes the stored PDF.
		await services.db
			.update(contracts)
			.set({ bodyMd: 'Altered text.', signedPdfKey: null })
			.where(eq(contracts.id, signed.id));
		const detail = await getContract({ ...demoOwner, contractId: signed.id });
		expect(detail.integrity.ok).toBe(false);
		expect(detail.integrity.problems.join(' ')).toContain('no longer matches');
		await expect(downloadSignedPdf({ ...casey, contractId: signed.id })).rejects.toMatchObject({ code: 'conflict' });

		const open = await sentContract(demoOwner, DEMO.northwindId, { title: 'Second' });
		await services.db.update(contracts).set({ bodyMd: 'Sneaky.' }).where(eq(contracts.id, open.id));
		expect((await getContract({ ...casey, contractId: open.id })).can.sign).toBe(false);
		await expect(
			signContract({
				...casey,
				contractId: open.id,
				input: { method: 'typed', typedName: 'Casey Client', consent: true, documentHash: open.documentHash }
			})
		).rejects.toMatchObject({ code: 'conflict' });
		expect(
			await services.db.select().from(contractSignatures).where(eq(contractSignatures.contractId, open.id))
		).toHaveLength(0);
	});

	it('an edit after sending takes it off the portal; the old text (hash) can no longer be signed', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey } = await scopes(services);
		const { id, documentHash } = await sentContract(demoOwner, DEMO.northwindId);
		await updateContract({
			...demoOwner,
			contractId: id,
			input: { title: 'Website agreement', bodyMd: `${CONTRACT_BODY}\n\nNew clause.` }
		});
		await expect(getContract({ ...casey, contractId: id })).rejects.toMatchObject({ code: 'not_found' });
		const resent = await sendContract({ ...demoOwner, contractId: id });
		expect(resent.documentHash).not.toBe(documentHash);
		await expect(
			signContract({
				...casey,
				contractId: id,
				input: { method: 'typed', typedName: 'Casey Client', consent: true, documentHash }
			})
		).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('changed') });
		await expect(
			signContract({
				...casey,
				contractId: id,
				input: { method: 'typed', typedName: 'Casey Client', consent: true, documentHash: resent.documentHash }
			})
		).resolves.toMatchObject({ status: 'signed' });
	});

	it('signs exactly once when signatures race', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey } = await scopes(services);
		const { id, documentHash } = await sentContract(demoOwner, DEMO.northwindId);
		const results = await racingSignatures(casey, id, documentHash);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(
			await services.db.select().from(contractSignatures).where(eq(contractSignatures.contractId, id))
		).toHaveLength(1);
		expect(
			(await services.db.select().from(contractEvents).where(eq(contractEvents.contractId, id))).filter(
				(e) => e.event === 'signed'
			)
		).toHaveLength(1);
		expect((await emailsTo(services, DEMO.caseyEmail)).filter((m) => m.subject.startsWith('Signed:'))).toHaveLength(1);
	});

	it('a drawn signature is validated, stored in R2 and drawn into the signed PDF', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey } = await scopes(services);
		const { id, documentHash } = await sentContract(demoOwner, DEMO.northwindId);
		const sign = (signatureImage: string) =>
			signContract({
				...casey,
				contractId: id,
				input: { method: 'drawn', signatureImage, consent: 'on', documentHash },
				audit: clientBrowser
			});
		await expect(sign('data:image/svg+xml;base64,PHN2Zz4=')).rejects.toMatchObject({
			fields: { signatureImage: expect.any(String) }
		});
		await expect(
			sign(`data:image/png;base64,${btoa('GIF89a not a png at all, just pretending to be one')}`)
		).rejects.toMatchObject({ fields: { signatureImage: expect.stringContaining('PNG') } });
		const png = await pngBytes(120, 40);
		const corrupt = png.slice();
		corrupt.fill(7, 40, 60); // header intact, image data broken
		await expect(sign(dataUrl(corrupt))).rejects.toMatchObject({ fields: { signatureImage: expect.any(String) } });
		await expect(sign(`data:image/png;base64,${'A'.repeat(300 * 1024)}`)).rejects.toMatchObject({
			code: 'payload_too_large'
		});
		expect((await env.FILES.list({ prefix: `contracts/${id}/` })).objects).toHaveLength(0);

		await sign(dataUrl(png));
		const [signature] = await services.db
			.select()
			.from(contractSignatures)
			.where(eq(contractSignatures.contractId, id));
		expect(signature).toMatchObject({ method: 'drawn', typedName: null });
		const stored = await env.FILES.get(signature.drawnImageKey!);
		expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(png);
		const { bytes } = await downloadSignedPdf({ ...casey, contractId: id });
		const pdf = await PDFDocument.load(bytes);
		const images = pdf.context
			.enumerateIndirectObjects()
			.filter(([, obj]) => String((obj as { dict?: object }).dict ?? '').includes('/Subtype /Image'));
		expect(images.length).toBeGreaterThan(0);
	});

	it('"We countersign": new contracts take the workspace default (overridable per contract), and sending keeps the choice', async () => {
		const services = await seed(testServices());
		const { demoOwner, acmeOwner } = await scopes(services);
		const body = { clientId: DEMO.northwindId, title: 'T', bodyMd: 'B' };
		// Demo Studio countersigns (Settings -> Contracts); Acme does not.
		const byDefault = await createContract({ ...demoOwner, input: body });
		const optedOut = await createContract({ ...demoOwner, input: { ...body, requireCountersignature: ['off'] } });
		const flag = async (id: string) =>
			(await services.db
				.select({ f: contracts.requireCountersignature })
				.from(contracts)
				.where(eq(contracts.id, id))
				.get())!.f;
		expect([await flag(byDefault.id), await flag(optedOut.id)]).toEqual([true, false]);
		// Edited on the contract (form: hidden "off" then "on"); an edit that leaves it out keeps it.
		await updateContract({
			...demoOwner,
			contractId: optedOut.id,
			input: { title: 'T', bodyMd: 'B', requireCountersignature: ['off', 'on'] }
		});
		await updateContract({ ...demoOwner, contractId: optedOut.id, input: { title: 'T2', bodyMd: 'B' } });
		expect(await flag(optedOut.id)).toBe(true);
		// Turning the setting off changes new contracts only; sending keeps each contract's own choice.
		expect(await updateContractSettings({ ...demoOwner, input: { countersign: ['off'] } })).toEqual({
			countersign: false
		});
		const demo = (await scopes(services)).demoOwner;
		expect(await getContractSettings(demo)).toEqual({ countersign: false, canEdit: true });
		await sendContract({ ...demo, contractId: byDefault.id });
		expect(await flag(byDefault.id)).toBe(true);
		expect(await flag((await createContract({ ...demo, input: body })).id)).toBe(false);
		const member = { ...demo, actor: await staffActor(services, DEMO.workspaceId, DEMO.memberUserId) };
		await expect(updateContractSettings({ ...member, input: { countersign: 'on' } })).rejects.toMatchObject({
			code: 'forbidden'
		});
		expect(await getContractSettings(member)).toEqual({ countersign: false, canEdit: false });
		await expect(updateContractSettings({ ...demo, input: { countersign: 'maybe' } })).rejects.toMatchObject({
			fields: { countersign: expect.any(String) }
		});
		expect(await getContractSettings(acmeOwner)).toMatchObject({ countersign: false });
	});

	it('with our countersignature: the client signs, staff countersign (drawn), and every email says exactly who has signed', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const { demoOwner, casey } = await scopes(services);
		const { id, documentHash } = await sentContract(demoOwner, DEMO.northwindId, { requireCountersignature: true });
		const result = await signContract({
			...casey,
			contractId: id,
			input: { method: 'typed', typedName: 'Casey Client', consent: true, documentHash },
			audit: clientBrowser
		});
		expect(result).toMatchObject({ status: 'signed', awaitingCountersignature: true });
		let detail = await getContract({ ...demoOwner, contractId: id });
		expect(detail.contract.status).toBe('signed');
		expect(detail.can.countersign).toBe(true);
		const bySubject = async (to: string, subject: string) =>
			(await emailsTo(services, to)).find((m) => m.subject === subject)!;
		const ask = await bySubject(DEMO.ownerEmail, 'Countersign: Website agreement');
		expect(ask.text).toContain(
			'Casey Client signed "Website agreement" for Northwind Traders. It is not complete yet: it awaits your countersignature.'
		);
		const thanks = await bySubject(DEMO.caseyEmail, 'Thanks for signing: Website agreement');
		expect(thanks.text).toContain("It now awaits Demo Studio's countersignature.");
		for (const mail of [ask, thanks]) {
			expect(mail.text).not.toContain('both parties:');
			expect(mail.attachments).toEqual([]);
		}
		// The client's PDF so far says it is waiting.
		expect(await pdfText((await downloadSignedPdf({ ...casey, contractId: id })).bytes)).toContain(
			'Awaiting countersignature by Demo Studio.'
		);

		const png = await pngBytes();
		await expect(
			countersignContract({
				...casey,
				contractId: id,
				input: { method: 'typed', typedName: 'Casey', consent: true, documentHash }
			})
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(
			countersignContract({
				...demoOwner,
				contractId: id,
				input: { method: 'drawn', signatureImage: dataUrl(png), documentHash }
			})
		).rejects.toMatchObject({ fields: { consent: expect.any(String) } });
		await expect(
			countersignContract({
				...demoOwner,
				contractId: id,
				input: { method: 'drawn', signatureImage: 'data:image/png;base64,AAAA', consent: true, documentHash }
			})
		).rejects.toMatchObject({ fields: { signatureImage: expect.any(String) } });
		clock.advance(60_000);
		await countersignContract({
			...demoOwner,
			contractId: id,
			input: { method: 'drawn', signatureImage: dataUrl(png), consent: 'on', documentHash },
			audit: { ip: '198.51.100.1', userAgent: 'StaffBrowser/1.0' }
		});
		detail = await getContract({ ...demoOwner, contractId: id });
		expect(detail.contract).toMatchObject({ status: 'countersigned', countersignedAt: clock.now() });
		expect(detail.events.map((e) => e.event)).toEqual(['created', 'sent', 'signed', 'countersigned']);
		expect(detail.events[3]).toMatchObject({
			actorKind: 'staff',
			actorName: 'Olivia Owner',
			ip: '198.51.100.1',
			userAgent: 'StaffBrowser/1.0',
			documentHash,
			createdAt: clock.now()
		});
		expect(detail.signatures).toMatchObject([
			{ signerKind: 'client', method: 'typed' },
			{ signerKind: 'staff', method: 'drawn', signerName: 'Olivia Owner', hasImage: true }
		]);
		const [staffSig] = await services.db
			.select()
			.from(contractSignatures)
			.where(eq(contractSignatures.signerKind, 'staff'));
		expect(new Uint8Array(await (await env.FILES.get(staffSig.drawnImageKey!))!.arrayBuffer())).toEqual(png);

		// The final PDF has both signatures (the staff one as an image) and the countersigned event.
		const final = (await downloadSignedPdf({ ...casey, contractId: id })).bytes;
		const text = await pdfText(final);
		expect(text).toContain('Countersigned for Demo Studio by Olivia Owner');
		expect(text).toContain('Signed for Northwind Traders by Casey Client');
		expect(text).toContain('Countersigned');
		expect(text).not.toContain('Awaiting countersignature');
		// The status row says what the badge and the emails say.
		expect(text).toContain(contractStatusDisplay('countersigned').label);
		expect(contractStatusDisplay('countersigned').label).toBe('Signed by both parties');
		const images = (await PDFDocument.load(final)).context
			.enumerateIndirectObjects()
			.filter(([, obj]) => String((obj as { dict?: object }).dict ?? '').includes('/Subtype /Image'));
		expect(images.length).toBeGreaterThan(0);

		const done =
			'is signed by both parties: Casey Client signed for Northwind Traders, and Olivia Owner countersigned for Demo Studio.';
		const clientMail = await bySubject(DEMO.caseyEmail, 'Signed by both parties: Website agreement');
		expect(clientMail.text).toContain(done);
		expect(clientMail.attachments.map((a) => a.filename)).toEqual(['website-agreement-signed.pdf']);
		const staffMail = await bySubject(DEMO.memberEmail, 'Signed by both parties: Website agreement');
		expect(staffMail.text).toContain(done);
		await expect(
			countersignContract({
				...demoOwner,
				contractId: id,
				input: { typedName: 'Olivia Owner', consent: true, documentHash }
			})
		).rejects.toMatchObject({ code: 'conflict' });
	});

	it('the demo has a contract awaiting our countersignature, which a typed countersignature completes (API: method defaults to typed)', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const detail = await getContract({ ...demoOwner, contractId: CONTRACTS.awaitingCountersignature });
		expect(detail.contract).toMatchObject({ status: 'signed', requireCountersignature: true, hasSignedPdf: true });
		expect(detail.can.countersign).toBe(true);
		await countersignContract({
			...demoOwner,
			contractId: CONTRACTS.awaitingCountersignature,
			input: { typedName: 'Olivia Owner', consent: true, documentHash: detail.contract.documentHash }
		});
		expect((await getContract({ ...demoOwner, contractId: CONTRACTS.awaitingCountersignature })).contract.status).toBe(
			'countersigned'
		);
	});

	it('void: an unsigned contract can be voided and can no longer be signed', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey } = await scopes(services);
		const { id, documentHash } = await sentContract(demoOwner, DEMO.northwindId);
		await voidContract({ ...demoOwner, contractId: id });
		expect((await getContract({ ...casey, contractId: id })).contract.status).toBe('void');
		await expect(
			signContract({
				...casey,
				contractId: id,
				input: { method: 'typed', typedName: 'Casey Client', consent: true, documentHash }
			})
		).rejects.toMatchObject({ code: 'conflict' });
		expect(await services.db.select().from(emailLog).where(eq(emailLog.tag, 'contract-signed'))).toHaveLength(0);
	});
});
