import { redirect } from '@sveltejs/kit';
import { getContact } from '$domain/clients/get-contact';
import { inviteContact } from '$domain/clients/invite-contact';
import { setContactArchived } from '$domain/clients/set-contact-archived';
import { updateContact } from '$domain/clients/update-contact';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const { contact } = await loadOrError(() =>
		getContact({ ...scope, clientId: params.id, contactId: params.contactId })
	);
	return { contact, inviteRequestId: crypto.randomUUID() };
};

export const actions = {
	update: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		// An unticked checkbox sends nothing; here that means "not primary".
		const input = { ...values, isPrimary: values.isPrimary ?? '' };
		return actionOrFail(
			async () => {
				await updateContact({ ...scope, clientId: params.id, contactId: params.contactId, input });
				redirect(303, `/clients/${params.id}`);
			},
			{ ...values, _form: 'update' }
		);
	},
	invite: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => ({
			invited: await inviteContact({ ...scope, clientId: params.id, contactId: params.contactId, input: values })
		}));
	},
	archive: async ({ locals, url, params }) => {
		const scope = staffScope(locals, url);
		return actionOrFail(async () => ({
			archived: (
				await setContactArchived({
					...scope,
					clientId: params.id,
					contactId: params.contactId,
					input: { archived: true }
				})
			).archived
		}));
	},
	unarchive: async ({ locals, url, params }) => {
		const scope = staffScope(locals, url);
		return actionOrFail(async () => ({
			archived: (
				await setContactArchived({
					...scope,
					clientId: params.id,
					contactId: params.contactId,
					input: { archived: false }
				})
			).archived
		}));
	}
};
