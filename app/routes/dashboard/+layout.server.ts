import { viewerTimeZone } from '$domain/time-zones';
import { listMyWorkspaces } from '$domain/workspaces/my-workspaces';
import { hasOtherShards } from '$domain/workspaces/switch-shard';

export const load = async ({ locals }) => {
	const { actor, workspace } = locals.request;
	// Every date and time on the dashboard is shown in this zone ($lib/time).
	const timeZone = viewerTimeZone(actor, workspace);
	if (actor.kind !== 'staff' || !workspace)
		return { staff: null, workspace: null, workspaces: [], moreWorkspaces: false, timeZone };
	return {
		timeZone,
		staff: { name: actor.name, email: actor.email, role: actor.role },
		workspace: {
			id: workspace.id,
			name: workspace.name,
			slug: workspace.slug,
			portalUrl: locals.services.urls.portal(workspace)
		},
		workspaces: await listMyWorkspaces({ services: locals.services, actor }),
		// More than one database: the person may have workspaces elsewhere, listed on /workspaces only.
		moreWorkspaces: hasOtherShards(locals.services)
	};
};
