import { addContact } from '$domain/clients/add-contact';
import { getClientOverview } from '$domain/clients/get-client-overview';
import { inviteContact } from '$domain/clients/invite-contact';
import { setClientArchived } from '$domain/clients/set-client-archived';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const overview = await loadOrError(() => getClientOverview({ ...scope, clientId: params.id }));
	// One id per rendered page: a double-clicked "Invite" sends one email (see inviteContact).
	return { ...overview, inviteRequestId: crypto.randomUUID() };
};

export const actions = {
	addContact: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(
			async () => {
				await addContact({ ...scope, clientId: params.id, input: values });
				return { added: String(values.name ?? '') };
			},
			{ ...values, _form: 'addContact' }
		);
	},
	invite: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		const contactId = String(values.contactId ?? '');
		return actionOrFail(
			async () => ({
				invited: { contactId, ...(await inviteContact({ ...scope, clientId: params.id, contactId, input: values })) }
			}),
			{ contactId, _form: 'invite' }
		);
	},
	archive: async ({ locals, url, params }) => {
		const scope = staffScope(locals, url);
		return actionOrFail(async () => ({
			archivedClient: (await setClientArchived({ ...scope, clientId: params.id, input: { archived: true } })).archived
		}));
	},
	unarchive: async ({ locals, url, params }) => {
		const scope = staffScope(locals, url);
		return actionOrFail(async () => ({
			archivedClient: (await setClientArchived({ ...scope, clientId: params.id, input: { archived: false } })).archived
		}));
	}
};
