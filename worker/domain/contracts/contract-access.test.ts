import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { contractEvents, contracts } from '../../../db/schema';
import { ACME, DEMO, hosts, request, scopes, seed, sessionCookie, testServices } from '../../../tests/helpers';
import { createContract } from './create-contract';
import { deleteContractTemplate } from './delete-contract-template';
import { downloadSignedPdf } from './download-signed-pdf';
import { getContract } from './get-contract';
import { getSignatureImage } from './get-signature-image';
import { listContractTemplates } from './list-contract-templates';
import { listContracts } from './list-contracts';
import { saveContractTemplate } from './save-contract-template';
import { sendContract } from './send-contract';
import { signContract } from './sign-contract';
import { dataUrl, pngBytes, sentContract } from './testing';
import { updateContract } from './update-contract';

describe('who can see and act on a contract', () => {
	it('another client, another workspace and anonymous visitors cannot read, sign or download it', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey, oscar, acmeOwner, acmeClient, anonymousDemo } = await scopes(services);
		const { id, documentHash } = await sentContract(demoOwner, DEMO.northwindId);
		await signContract({
			...casey,
			contractId: id,
			input: { method: 'drawn', signatureImage: dataUrl(await pngBytes()), consent: true, documentHash }
		});
		const [{ id: signatureId }] = (await getContract({ ...casey, contractId: id })).signatures;
		const other = await sentContract(demoOwner, DEMO.northwindId, { title: 'Unsigned' });
		for (const outsider of [oscar, acmeOwner, acmeClient]) {
			await expect(getContract({ ...outsider, contractId: id })).rejects.toMatchObject({ code: 'not_found' });
			await expect(downloadSignedPdf({ ...outsider, contractId: id })).rejects.toMatchObject({ code: 'not_found' });
			await expect(getSignatureImage({ ...outsider, contractId: id, signatureId })).rejects.toMatchObject({
				code: 'not_found'
			});
			expect((await listContracts(outsider)).items.map((c) => c.id)).not.toContain(id);
			// A client filter naming another client's id is still bounded by the caller's scope.
			expect(
				(await listContracts({ ...outsider, clientId: DEMO.northwindId, input: { status: 'signed' } })).items.map(
					(c) => c.id
				)
			).not.toContain(id);
		}
		await expect(
			signContract({
				...oscar,
				contractId: other.id,
				input: { method: 'typed', typedName: 'Oscar', consent: true, documentHash: other.documentHash }
			})
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(getContract({ ...anonymousDemo, contractId: id })).rejects.toMatchObject({ code: 'unauthenticated' });
		// Outsiders' attempts leave no trace in the audit trail.
		const events = await services.db.select().from(contractEvents).where(eq(contractEvents.contractId, other.id));
		expect(events.map((e) => e.event)).toEqual(['created', 'sent']);
		expect((await services.db.select().from(contracts).where(eq(contracts.id, other.id)).get())!.status).toBe('sent');
		// The owner side can read the drawn image.
		expect((await getSignatureImage({ ...demoOwner, contractId: id, signatureId })).length).toBeGreaterThan(0);
	});

	it('clients cannot write contracts or templates; staff of another workspace cannot touch them', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey, acmeOwner } = await scopes(services);
		const { id } = await createContract({
			...demoOwner,
			input: { clientId: DEMO.northwindId, title: 'T', bodyMd: 'B' }
		});
		const { id: templateId } = await saveContractTemplate({ ...demoOwner, input: { name: 'NDA', bodyMd: 'Secret' } });
		await expect(
			createContract({ ...casey, input: { clientId: DEMO.northwindId, title: 'T', bodyMd: 'B' } })
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(
			updateContract({ ...casey, contractId: id, input: { title: 'T', bodyMd: 'Mine now' } })
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(sendContract({ ...casey, contractId: id })).rejects.toMatchObject({ code: 'forbidden' });
		await expect(listContractTemplates(casey)).rejects.toMatchObject({ code: 'forbidden' });
		await expect(
			updateContract({ ...acmeOwner, contractId: id, input: { title: 'T', bodyMd: 'x' } })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(sendContract({ ...acmeOwner, contractId: id })).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			saveContractTemplate({ ...acmeOwner, templateId, input: { name: 'x', bodyMd: 'y' } })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(deleteContractTemplate({ ...acmeOwner, templateId })).rejects.toMatchObject({ code: 'not_found' });
		expect((await listContractTemplates(acmeOwner)).map((t) => t.id)).not.toContain(templateId);
		await expect(
			createContract({ ...acmeOwner, input: { clientId: ACME.roadrunnerId, title: 'T', bodyMd: 'B', templateId } })
		).rejects.toMatchObject({ fields: { templateId: expect.any(String) } });
	});

	it('over HTTP: the audit trail gets the caller IP and user agent; outsiders get 404', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const { id, documentHash } = await sentContract(demoOwner, DEMO.northwindId);
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const oscar = await sessionCookie(services, { contactId: DEMO.oscarContactId });
		const headers = { 'cf-connecting-ip': '203.0.113.77', 'user-agent': 'PhoneBrowser/2.0' };
		expect((await request(hosts.demo, `/api/contracts/${id}`, { cookie: oscar })).status).toBe(404);
		expect(
			(
				await request(hosts.demo, `/api/contracts/${id}/sign`, {
					cookie: oscar,
					json: { method: 'typed', typedName: 'Oscar', consent: true, documentHash }
				})
			).status
		).toBe(404);
		expect((await request(hosts.demo, `/api/contracts/${id}`, { cookie: casey, headers })).status).toBe(200);
		const bad = await request(hosts.demo, `/api/contracts/${id}/sign`, {
			cookie: casey,
			headers,
			json: { method: 'typed', typedName: 'Casey Client', documentHash }
		});
		expect(bad.status).toBe(422);
		expect(await bad.json()).toMatchObject({
			error: { code: 'validation_failed', fields: { consent: expect.any(String) } }
		});
		const signed = await request(hosts.demo, `/api/contracts/${id}/sign`, {
			cookie: casey,
			headers,
			json: { method: 'typed', typedName: 'Casey Client', consent: true, documentHash }
		});
		expect(signed.status).toBe(200);
		const events = await services.db.select().from(contractEvents).where(eq(contractEvents.contractId, id));
		expect(
			events.filter((e) => e.event !== 'created' && e.event !== 'sent').map((e) => [e.event, e.ip, e.userAgent])
		).toEqual([
			['viewed', '203.0.113.77', 'PhoneBrowser/2.0'],
			['signed', '203.0.113.77', 'PhoneBrowser/2.0']
		]);
		const pdf = await request(hosts.demo, `/api/contracts/${id}/pdf`, { cookie: casey });
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect((await request(hosts.demo, `/api/contracts/${id}/pdf`, { cookie: oscar })).status).toBe(404);
		const staff = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const edit = await request(hosts.dashboard, `/api/contracts/${id}`, {
			cookie: staff,
			method: 'PATCH',
			json: { title: 'x', bodyMd: 'y' }
		});
		expect(edit.status).toBe(409);
	});
});
