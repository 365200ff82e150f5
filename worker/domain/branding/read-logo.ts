import { z } from 'zod';
import type { Services } from '../../services';
import type { Workspace } from '../scope';

const querySchema = z.object({ v: z.string().max(40).optional().catch(undefined) });

export type LogoResponse = { body: ReadableStream; contentType: string; etag: string; immutable: boolean };

/**
 * The workspace's logo for its portal, emails and the settings preview. Public
 * like the rest of the branding. `input` is the query: its ?v= is the version of the URL brandOf
 * built; when it is the current one the response may be cached for good.
 */
export async function readLogo(opts: {
	services: Services;
	workspace: Workspace;
	input?: URLSearchParams;
}): Promise<LogoResponse | null> {
	const { v: version } = querySchema.parse(Object.fromEntries(opts.input ?? []));
	const { workspace, services } = opts;
	if (!workspace.logoKey || !workspace.logoContentType) return null;
	const object = await services.storage.get(workspace.logoKey);
	if (!object) return null;
	return {
		body: object.body,
		contentType: workspace.logoContentType,
		etag: `"${workspace.logoKey.split('/').pop()}"`,
		immutable: version === String(workspace.updatedAt)
	};
}
