import { redirect } from '@sveltejs/kit';
import { switchWorkspace } from '$domain/workspaces/my-workspaces';
import { actionOrFail, staffScope } from '$lib/server/kit';

export const load = () => redirect(303, '/');

export const actions = {
	switch: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const workspaceId = String((await request.formData()).get('workspaceId') ?? '');
		const result = await actionOrFail(() => switchWorkspace({ ...scope, workspaceId }));
		if (result && 'status' in result) return result;
		redirect(303, '/');
	}
};
