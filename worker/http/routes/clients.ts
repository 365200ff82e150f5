import { Hono } from 'hono';
import { addContact } from '../../domain/clients/add-contact';
import { createClient } from '../../domain/clients/create-client';
import { getClientOverview } from '../../domain/clients/get-client-overview';
import { inviteContact } from '../../domain/clients/invite-contact';
import { listClients } from '../../domain/clients/list-clients';
import { setClientArchived } from '../../domain/clients/set-client-archived';
import { setContactArchived } from '../../domain/clients/set-contact-archived';
import { updateClient } from '../../domain/clients/update-client';
import { updateContact } from '../../domain/clients/update-contact';
import { readJson } from '../errors';
import { scopeOf } from '../middleware/context';
import type { ApiEnv } from '../types';

/** Clients and their contacts: staff only (the use cases refuse everyone else). */
export const clientRoutes = new Hono<ApiEnv>()
	.get('/', async (c) => c.json(await listClients({ ...scopeOf(c), input: new URL(c.req.url).searchParams })))
	.post('/', async (c) => c.json(await createClient({ ...scopeOf(c), input: await readJson(c) }), 201))
	.get('/:id', async (c) => c.json(await getClientOverview({ ...scopeOf(c), clientId: c.req.param('id') })))
	.patch('/:id', async (c) => {
		const scope = scopeOf(c);
		await updateClient({ ...scope, clientId: c.req.param('id'), input: await readJson(c) });
		return c.json({ ok: true });
	})
	.post('/:id/archive', async (c) =>
		c.json(await setClientArchived({ ...scopeOf(c), clientId: c.req.param('id'), input: { archived: true } }))
	)
	.post('/:id/unarchive', async (c) =>
		c.json(await setClientArchived({ ...scopeOf(c), clientId: c.req.param('id'), input: { archived: false } }))
	)
	.post('/:id/contacts', async (c) =>
		c.json(await addContact({ ...scopeOf(c), clientId: c.req.param('id'), input: await readJson(c) }), 201)
	)
	.patch('/:id/contacts/:contactId', async (c) => {
		const scope = scopeOf(c);
		await updateContact({
			...scope,
			clientId: c.req.param('id'),
			contactId: c.req.param('contactId'),
			input: await readJson(c)
		});
		return c.json({ ok: true });
	})
	.post('/:id/contacts/:contactId/archive', async (c) =>
		c.json(
			await setContactArchived({
				...scopeOf(c),
				clientId: c.req.param('id'),
				contactId: c.req.param('contactId'),
				input: { archived: true }
			})
		)
	)
	.post('/:id/contacts/:contactId/unarchive', async (c) =>
		c.json(
			await setContactArchived({
				...scopeOf(c),
				clientId: c.req.param('id'),
				contactId: c.req.param('contactId'),
				input: { archived: false }
			})
		)
	)
	/** Body optional: { requestId } makes a retried request send one email. */
	.post('/:id/contacts/:contactId/invite', async (c) => {
		const input = (c.req.header('content-type') ?? '').includes('application/json') ? await readJson(c) : {};
		return c.json(
			await inviteContact({ ...scopeOf(c), clientId: c.req.param('id'), contactId: c.req.param('contactId'), input })
		);
	});
