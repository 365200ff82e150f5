import { Hono } from 'hono';
import { createInvoice } from '../../domain/invoices/create-invoice';
import { getInvoice } from '../../domain/invoices/get-invoice';
import { invoicePdf } from '../../domain/invoices/invoice-pdf';
import { listInvoices } from '../../domain/invoices/list-invoices';
import { sendInvoice } from '../../domain/invoices/send-invoice';
import { updateInvoice } from '../../domain/invoices/update-invoice';
import { voidInvoice } from '../../domain/invoices/void-invoice';
import { confirmPayment } from '../../domain/payments/confirm-payment';
import { recordManualPayment } from '../../domain/payments/record-manual-payment';
import { reverseManualPayment } from '../../domain/payments/reverse-manual-payment';
import { startPayment } from '../../domain/payments/start-payment';
import { readJson, readOptionalJson } from '../errors';
import { receiptPdf } from '../../domain/payments/receipt-pdf';
import { memberScopeOf } from '../middleware/context';
import type { ApiEnv } from '../types';
import { pdfResponse } from '../../domain/files/pdf-response';

/** /api/invoices: the same use cases as the dashboard and portal pages. */
export const invoiceRoutes = new Hono<ApiEnv>()
	.get('/', async (c) => c.json(await listInvoices({ ...memberScopeOf(c), input: c.req.query() })))
	.post('/', async (c) => c.json(await createInvoice({ ...memberScopeOf(c), input: await readJson(c) }), 201))
	.get('/:id', async (c) => c.json(await getInvoice({ ...memberScopeOf(c), invoiceId: c.req.param('id') })))
	.put('/:id', async (c) =>
		c.json(await updateInvoice({ ...memberScopeOf(c), invoiceId: c.req.param('id'), input: await readJson(c) }))
	)
	.post('/:id/send', async (c) =>
		c.json(await sendInvoice({ ...memberScopeOf(c), invoiceId: c.req.param('id'), input: await readOptionalJson(c) }))
	)
	.post('/:id/void', async (c) => c.json(await voidInvoice({ ...memberScopeOf(c), invoiceId: c.req.param('id') })))
	.get('/:id/pdf', async (c) => pdfResponse(await invoicePdf({ ...memberScopeOf(c), invoiceId: c.req.param('id') })))
	/** Staff record an offline payment: { amount (major units, text), paidOn, method, note?, requestId? }. */
	.post('/:id/payments', async (c) => {
		const result = await recordManualPayment({
			...memberScopeOf(c),
			invoiceId: c.req.param('id'),
			input: await readJson(c)
		});
		return c.json(result, result.duplicate ? 200 : 201);
	})
	/** Staff take back a manual payment recorded by mistake; 200 with duplicate: true when it already was. */
	.post('/:id/payments/:paymentId/reverse', async (c) =>
		c.json(
			await reverseManualPayment({
				...memberScopeOf(c),
				invoiceId: c.req.param('id'),
				paymentId: c.req.param('paymentId')
			})
		)
	)
	/** Pay now (clients): { url } of the checkout to send the browser to. Optional body { instalmentId } with a payment schedule. */
	.post('/:id/pay', async (c) =>
		c.json(await startPayment({ ...memberScopeOf(c), invoiceId: c.req.param('id'), input: await readOptionalJson(c) }))
	)
	/** A receipt (PDF) for one succeeded payment. */
	.get('/:id/payments/:paymentId/receipt', async (c) =>
		pdfResponse(
			await receiptPdf({ ...memberScopeOf(c), invoiceId: c.req.param('id'), paymentId: c.req.param('paymentId') })
		)
	)
	/** The callback check: ?reference=... */
	.get('/:id/payments/confirm', async (c) =>
		c.json(
			await confirmPayment({
				...memberScopeOf(c),
				invoiceId: c.req.param('id'),
				input: { reference: c.req.query('reference') }
			})
		)
	);
