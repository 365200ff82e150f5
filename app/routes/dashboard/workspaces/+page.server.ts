import { redirect } from '@sveltejs/kit';
import { switchWorkspace } from '$domain/workspaces/my-workspaces';
import { listWorkspacesOnOtherShards, switchToOtherShard } from '$domain/workspaces/switch-shard';
import { replaceSession } from '$lib/server/auth-pages';
import { actionOrFail, staffScope } from '$lib/server/kit';

/**
 * Every workspace the staff member is in: this shard's (the layout's list, read once per page)
 * and those on the other shards (switch-shard.ts), asked while the layout's read runs.
 */
export const load = async ({ locals, url, parent }) => {
	const scope = staffScope(locals, url);
	const [elsewhere, { workspaces: here }] = await Promise.all([listWorkspacesOnOtherShards(scope), parent()]);
	return { here, elsewhere, currentId: scope.workspace.id };
};

export const actions = {
	switch: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const workspaceId = String((await request.formData()).get('workspaceId') ?? '');
		const result = await actionOrFail(() => switchWorkspace({ ...scope, workspaceId }));
		if (result && 'status' in result) return result;
		redirect(303, '/');
	},
	/** A workspace on another shard: signed in there, this session ends, the cookie names that shard. */
	open: async ({ locals, url, request, cookies }) => {
		const scope = staffScope(locals, url);
		const form = await request.formData();
		const input = { workspaceId: form.get('workspaceId'), shard: form.get('shard') };
		const result = await actionOrFail(() =>
			switchToOtherShard({ ...scope, input, ip: locals.ip, userAgent: request.headers.get('user-agent') })
		);
		if (!('sessionToken' in result)) return result;
		return replaceSession({ locals, url, cookies }, result);
	}
};
