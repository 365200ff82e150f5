import { redirect } from '@sveltejs/kit';
import { changeMemberRole } from '$domain/team/change-member-role';
import { inviteMember } from '$domain/team/invite-member';
import { listTeam } from '$domain/team/list-team';
import { removeMember } from '$domain/team/remove-member';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	return { team: await loadOrError(() => listTeam(scope)) };
};

export const actions = {
	invite: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => ({ done: 'invite', ...(await inviteMember({ ...scope, input: values })) }), {
			...values,
			_action: 'invite'
		});
	},
	role: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		const membershipId = String(values.membershipId ?? '');
		return actionOrFail(
			async () => ({
				done: 'role',
				membershipId,
				...(await changeMemberRole({ ...scope, membershipId, input: values }))
			}),
			{ ...values, _action: 'role' }
		);
	},
	remove: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		const membershipId = String(values.membershipId ?? '');
		const result = await actionOrFail(() => removeMember({ ...scope, membershipId }), { ...values, _action: 'remove' });
		// Removing yourself ends your own session here.
		if ('removedSelf' in result && result.removedSelf) redirect(303, '/login');
		return 'removed' in result ? { done: 'remove' as const, membershipId } : result;
	}
};
