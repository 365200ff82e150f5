import { Hono } from 'hono';
import { acceptQuote } from '../../domain/quotes/accept-quote';
import { createQuote } from '../../domain/quotes/create-quote';
import { declineQuote } from '../../domain/quotes/decline-quote';
import { getQuote } from '../../domain/quotes/get-quote';
import { listQuotes } from '../../domain/quotes/list-quotes';
import { downloadQuotePdf } from '../../domain/quotes/quote-pdf';
import { requestQuoteChanges } from '../../domain/quotes/request-quote-changes';
import { sendQuote } from '../../domain/quotes/send-quote';
import { updateQuote } from '../../domain/quotes/update-quote';
import { readJson, readOptionalJson } from '../errors';
import { getProposalProgress } from '../../domain/proposals/get-proposal-progress';
import { memberScopeOf } from '../middleware/context';
import { pdfResponse } from '../../domain/files/pdf-response';
import type { ApiEnv } from '../types';

/** Quotes: staff build and send them; clients read, accept, decline or ask for changes. Rules live in domain/quotes. */
export const quoteRoutes = new Hono<ApiEnv>()
	.get('/', async (c) => c.json(await listQuotes({ ...memberScopeOf(c), input: c.req.query() })))
	.post('/', async (c) => c.json(await createQuote({ ...memberScopeOf(c), input: await readJson(c) }), 201))
	.get('/:id', async (c) => c.json(await getQuote({ ...memberScopeOf(c), quoteId: c.req.param('id') })))
	.patch('/:id', async (c) =>
		c.json(await updateQuote({ ...memberScopeOf(c), quoteId: c.req.param('id'), input: await readJson(c) }))
	)
	/** Optional body: { recipients: [contact ids], attachToProjectId } (the project to accept into instead of a new one). */
	.post('/:id/send', async (c) =>
		c.json(await sendQuote({ ...memberScopeOf(c), quoteId: c.req.param('id'), input: await readOptionalJson(c) }))
	)
	/** The proposal: one status for quote, contract and deposit, and the client's next step. */
	.get('/:id/proposal', async (c) =>
		c.json(await getProposalProgress({ ...memberScopeOf(c), quoteId: c.req.param('id') }))
	)
	/** { confirm, version, options?: [ids of the optional lines chosen] } */
	.post('/:id/accept', async (c) =>
		c.json(await acceptQuote({ ...memberScopeOf(c), quoteId: c.req.param('id'), input: await readJson(c) }))
	)
	.post('/:id/decline', async (c) =>
		c.json(await declineQuote({ ...memberScopeOf(c), quoteId: c.req.param('id'), input: await readJson(c) }))
	)
	.post('/:id/change-requests', async (c) =>
		c.json(
			await requestQuoteChanges({ ...memberScopeOf(c), quoteId: c.req.param('id'), input: await readJson(c) }),
			201
		)
	)
	.get('/:id/pdf', async (c) =>
		pdfResponse(await downloadQuotePdf({ ...memberScopeOf(c), quoteId: c.req.param('id') }))
	);
