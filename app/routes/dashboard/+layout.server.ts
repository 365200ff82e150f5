import { viewerTimeZone } from '$domain/time-zones';
import { listMyWorkspaces } from '$domain/workspaces/my-workspaces';

export const load = async ({ locals }) => {
	const { actor, workspace } = locals.request;
	// Every date and time on the dashboard is shown in this zone ($lib/time).
	const timeZone = viewerTimeZone(actor, workspace);
	if (actor.kind !== 'staff' || !workspace) return { staff: null, workspace: null, workspaces: [], timeZone };
	return {
		timeZone,
		staff: { name: actor.name, email: actor.email, role: actor.role },
		workspace: {
			id: workspace.id,
			name: workspace.name,
			slug: workspace.slug,
			portalUrl: locals.services.urls.portal(workspace)
		},
		workspaces: await listMyWorkspaces({ services: locals.services, actor })
	};
};
