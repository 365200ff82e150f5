import { Hono, type Context } from 'hono';
import type { AuditSource } from '../../domain/contracts/audit';
import { countersignContract } from '../../domain/contracts/countersign-contract';
import { createContract } from '../../domain/contracts/create-contract';
import { deleteContractTemplate } from '../../domain/contracts/delete-contract-template';
import { downloadSignedPdf } from '../../domain/contracts/download-signed-pdf';
import { getContract } from '../../domain/contracts/get-contract';
import { getSignatureImage } from '../../domain/contracts/get-signature-image';
import { getContractTemplate, listContractTemplates } from '../../domain/contracts/list-contract-templates';
import { listContracts } from '../../domain/contracts/list-contracts';
import { saveContractTemplate } from '../../domain/contracts/save-contract-template';
import { sendContract } from '../../domain/contracts/send-contract';
import { signContract } from '../../domain/contracts/sign-contract';
import { updateContract } from '../../domain/contracts/update-contract';
import { voidContract } from '../../domain/contracts/void-contract';
import { readJson, readOptionalJson } from '../errors';
import { memberScopeOf } from '../middleware/context';
import { pdfResponse } from '../../domain/files/pdf-response';
import type { ApiEnv } from '../types';

const audit = (c: Context<ApiEnv>): AuditSource => ({ ip: c.get('ip'), userAgent: c.req.header('user-agent') ?? null });

/** Contracts and their templates. Rules (locking, hashing, the audit trail) live in domain/contracts. */
export const contractRoutes = new Hono<ApiEnv>()
	.get('/templates', async (c) => c.json({ items: await listContractTemplates(memberScopeOf(c)) }))
	.post('/templates', async (c) =>
		c.json(await saveContractTemplate({ ...memberScopeOf(c), input: await readJson(c) }), 201)
	)
	.get('/templates/:id', async (c) =>
		c.json(await getContractTemplate({ ...memberScopeOf(c), templateId: c.req.param('id') }))
	)
	.put('/templates/:id', async (c) =>
		c.json(await saveContractTemplate({ ...memberScopeOf(c), templateId: c.req.param('id'), input: await readJson(c) }))
	)
	.delete('/templates/:id', async (c) =>
		c.json(await deleteContractTemplate({ ...memberScopeOf(c), templateId: c.req.param('id') }))
	)
	.get('/', async (c) => c.json(await listContracts({ ...memberScopeOf(c), input: c.req.query() })))
	.post('/', async (c) => c.json(await createContract({ ...memberScopeOf(c), input: await readJson(c) }), 201))
	.get('/:id', async (c) =>
		c.json(await getContract({ ...memberScopeOf(c), contractId: c.req.param('id'), audit: audit(c) }))
	)
	.patch('/:id', async (c) =>
		c.json(await updateContract({ ...memberScopeOf(c), contractId: c.req.param('id'), input: await readJson(c) }))
	)
	.post('/:id/send', async (c) =>
		c.json(
			await sendContract({
				...memberScopeOf(c),
				contractId: c.req.param('id'),
				input: await readOptionalJson(c),
				audit: audit(c)
			})
		)
	)
	.post('/:id/void', async (c) =>
		c.json(await voidContract({ ...memberScopeOf(c), contractId: c.req.param('id'), audit: audit(c) }))
	)
	.post('/:id/sign', async (c) =>
		c.json(
			await signContract({
				...memberScopeOf(c),
				contractId: c.req.param('id'),
				input: await readJson(c),
				audit: audit(c)
			})
		)
	)
	.post('/:id/countersign', async (c) =>
		c.json(
			await countersignContract({
				...memberScopeOf(c),
				contractId: c.req.param('id'),
				input: await readJson(c),
				audit: audit(c)
			})
		)
	)
	.get('/:id/pdf', async (c) =>
		pdfResponse(await downloadSignedPdf({ ...memberScopeOf(c), contractId: c.req.param('id') }))
	)
	.get('/:id/signatures/:signatureId/image', async (c) => {
		const bytes = await getSignatureImage({
			...memberScopeOf(c),
			contractId: c.req.param('id'),
			signatureId: c.req.param('signatureId')
		});
		return new Response(bytes as Uint8Array<ArrayBuffer>, {
			headers: { 'Content-Type': 'image/png', 'Cache-Control': 'private, no-store' }
		});
	});
