import type { Services } from '../../services';
import type { Workspace } from '../scope';

export type LogoResponse = { body: ReadableStream; contentType: string; etag: string; immutable: boolean };

/**
 * The workspace's logo for its portal, emails and the settings preview. Public
 * like the rest of the branding. `version` is the ?v= of the URL brandOf built:
 * when it is the current one the response may be cached for good.
 */
export async function readLogo(opts: {
	services: Services;
	workspace: Workspace;
	version?: string | null;
}): Promise<LogoResponse | null> {
	const { workspace, services } = opts;
	if (!workspace.logoKey || !workspace.logoContentType) return null;
	const object = await services.storage.get(workspace.logoKey);
	if (!object) return null;
	return {
		body: object.body,
		contentType: workspace.logoContentType,
		etag: `"${workspace.logoKey.split('/').pop()}"`,
		immutable: opts.version === String(workspace.updatedAt)
	};
}
