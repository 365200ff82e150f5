import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, contractEvents, contractSignatures, contracts } from '../../../db/schema';
import { DEMO, emailsTo, scopes, seed, testServices } from '../../../tests/helpers';
import type { Services } from '../../services';
import { countersignContract } from './countersign-contract';
import { signContract } from './sign-contract';
import { dataUrl, pngBytes, racingSignatures, sentContract } from './testing';

const failingRender = async (): Promise<Uint8Array> => {
	throw new Error('render failed (standing in for the CPU limit)');
};

async function state(services: Services, id: string) {
	const row = await services.db.select().from(contracts).where(eq(contracts.id, id)).get();
	const signatures = await services.db.select().from(contractSignatures).where(eq(contractSignatures.contractId, id));
	const events = await services.db
		.select({ event: contractEvents.event })
		.from(contractEvents)
		.where(eq(contractEvents.contractId, id));
	const activities = await services.db.select({ verb: activity.verb }).from(activity).where(eq(activity.subjectId, id));
	const objects = (await env.FILES.list({ prefix: `contracts/${id}/` })).objects.map((o) => o.key);
	return {
		status: row!.status,
		lockedAt: row!.lockedAt,
		signedPdfKey: row!.signedPdfKey,
		signatures: signatures.map((s) => s.signerKind),
		events: events.map((e) => e.event),
		activities: activities.map((a) => a.verb),
		objects
	};
}

/** Every signed contract has its PDF in R2, under the key it records. */
async function expectSignedWithPdf(services: Services, id: string) {
	const s = await state(services, id);
	expect(s.signedPdfKey).toBeTruthy();
	expect(s.objects).toContain(s.signedPdfKey);
	const pdf = await env.FILES.get(s.signedPdfKey!);
	expect(new TextDecoder().decode((await pdf!.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
	return s;
}

describe('a signed contract always has its signed PDF', () => {
	it('a PDF that fails to render signs nothing (drawn signature included), and signing again then works', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey } = await scopes(services);
		const { id, documentHash } = await sentContract(demoOwner, DEMO.northwindId);
		const input = { method: 'drawn', signatureImage: dataUrl(await pngBytes()), consent: true, documentHash };
		await expect(signContract({ ...casey, contractId: id, input, render: failingRender })).rejects.toThrow(
			'render failed'
		);
		expect(await state(services, id)).toEqual({
			status: 'sent',
			lockedAt: null,
			signedPdfKey: null,
			signatures: [],
			events: ['created', 'sent'],
			activities: ['contract.created', 'contract.sent'],
			objects: []
		});
		expect(
			await emailsTo(services, DEMO.caseyEmail).then((mails) => mails.filter((m) => m.subject.startsWith('Signed:')))
		).toHaveLength(0);

		await signContract({ ...casey, contractId: id, input });
		const signed = await expectSignedWithPdf(services, id);
		expect(signed).toMatchObject({ status: 'signed', signatures: ['client'] });
		const [mail] = (await emailsTo(services, DEMO.caseyEmail)).filter((m) => m.subject.startsWith('Signed:'));
		expect(mail.attachments).toEqual([{ filename: 'website-agreement-signed.pdf', contentType: 'application/pdf' }]);
	});

	it('a PDF that cannot be stored signs nothing and leaves no stray objects', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey } = await scopes(services);
		const { id, documentHash } = await sentContract(demoOwner, DEMO.northwindId);
		const storage = services.storage;
		services.storage = {
			...storage,
			put: async (key, body, meta) => {
				if (key.endsWith('.pdf')) throw new Error('R2 is unavailable');
				return storage.put(key, body, meta);
			}
		};
		const input = { method: 'drawn', signatureImage: dataUrl(await pngBytes()), consent: true, documentHash };
		await expect(signContract({ ...casey, contractId: id, input })).rejects.toThrow('R2 is unavailable');
		expect(await state(services, id)).toMatchObject({ status: 'sent', lockedAt: null, signatures: [], objects: [] });
		services.storage = storage;
		await signContract({ ...casey, contractId: id, input });
		await expectSignedWithPdf(services, id);
	});

	it('a countersignature whose PDF fails to render is not recorded; the contract stays signed with its first PDF', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey } = await scopes(services);
		const { id, documentHash } = await sentContract(demoOwner, DEMO.northwindId, { requireCountersignature: true });
		await signContract({
			...casey,
			contractId: id,
			input: { method: 'typed', typedName: 'Casey Client', consent: true, documentHash }
		});
		const before = await expectSignedWithPdf(services, id);
		const input = { typedName: 'Olivia Owner', consent: true, documentHash };
		await expect(countersignContract({ ...demoOwner, contractId: id, input, render: failingRender })).rejects.toThrow(
			'render failed'
		);
		expect(await state(services, id)).toEqual(before);
		await countersignContract({ ...demoOwner, contractId: id, input });
		const after = await expectSignedWithPdf(services, id);
		expect(after).toMatchObject({ status: 'countersigned', signatures: ['client', 'staff'] });
		expect(after.signedPdfKey).not.toBe(before.signedPdfKey);
	});

	it('racing signatures leave exactly one signed PDF, the one the contract records', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey } = await scopes(services);
		const { id, documentHash } = await sentContract(demoOwner, DEMO.northwindId);
		const results = await racingSignatures(casey, id, documentHash);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const s = await expectSignedWithPdf(services, id);
		expect(s.objects).toEqual([s.signedPdfKey]);
	});
});
