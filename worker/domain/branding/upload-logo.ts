import { eq } from 'drizzle-orm';
import { workspaces } from '../../../db/schema';
import { newId } from '../../services/ids';
import { activityInsert } from '../activity/record-activity';
import { requireOwner } from '../actor';
import { AppError } from '../errors';
import type { Scope } from '../scope';
import { LOGO_MAX_BYTES, sniffLogo } from './logo-file';
import { logoSize, pngLuminance } from './logo-pixels';

/** Wider than this (width / height), a logo is taken to be a wordmark that already says the name. */
const WORDMARK_RATIO = 3;

const invalid = (
	message: string,
	code: 'validation_failed' | 'payload_too_large' | 'unsupported_media_type' = 'validation_failed'
) => new AppError(code, message, { fields: { logo: message } });

/**
 * Owners upload a logo (PNG, JPEG or WebP, at most 1 MB, checked by its bytes)
 * to R2. The workspace row points at the new object; the old one is deleted after.
 * The logo is measured as it arrives (logo-pixels.ts): how light it is, so
 * "automatic" places it on whichever header it can be read on, and whether it is
 * wide enough to be a wordmark ("logo includes our name", which the owner can change).
 */
export async function uploadLogo(opts: Scope & { input: { bytes: Uint8Array | null } }) {
	const owner = requireOwner(opts.actor);
	const bytes = opts.input.bytes;
	if (!bytes || bytes.byteLength === 0) throw invalid('Choose an image file to upload.');
	if (bytes.byteLength > LOGO_MAX_BYTES) throw invalid('The logo must be 1 MB or smaller.', 'payload_too_large');
	const type = sniffLogo(bytes);
	if (type === 'svg')
		throw invalid(
			'SVG logos are not accepted (they can contain scripts). Upload a PNG, JPEG or WebP image.',
			'unsupported_media_type'
		);
	if (!type) throw invalid('Upload a PNG, JPEG or WebP image.', 'unsupported_media_type');

	const { services, workspace } = opts;
	const db = services.db;
	const key = `workspaces/${workspace.id}/branding/${newId('logo')}`;
	await services.storage.put(key, bytes, { contentType: type, size: bytes.byteLength });
	const now = services.clock.now();
	const size = logoSize(bytes, type);
	const logoLuminance = type === 'image/png' ? await pngLuminance(bytes) : null;
	const logoHasName = size ? size.width >= WORDMARK_RATIO * size.height : false;
	await db.batch([
		db
			.update(workspaces)
			.set({ logoKey: key, logoContentType: type, logoLuminance, logoHasName, updatedAt: now })
			.where(eq(workspaces.id, workspace.id)),
		activityInsert(opts, {
			verb: 'branding.logo_uploaded',
			summary: `${owner.name} uploaded a new logo`,
			subjectType: 'workspace',
			subjectId: workspace.id
		})
	]);
	if (workspace.logoKey && workspace.logoKey !== key) services.defer(services.storage.delete(workspace.logoKey));
	return { contentType: type, version: now, logoLuminance, logoHasName };
}
