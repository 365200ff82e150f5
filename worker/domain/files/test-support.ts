import { env } from 'cloudflare:workers';
import { count, eq } from 'drizzle-orm';
import { activity, files } from '../../../db/schema';
import type { Scope } from '../scope';
import { uploadFile } from './upload-file';

/** Test helpers of the files area. */
export const PNG_BYTES = new Uint8Array([
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0,
	0, 0
]);
export const PDF_BYTES = new Uint8Array(
	new TextEncoder().encode('%PDF-1.4\n% test\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
);

export const streamOf = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)]).stream();

export function upload(
	scope: Scope,
	projectId: string,
	name: string,
	bytes: Uint8Array,
	opts: { contentType?: string; size?: number } = {}
) {
	return uploadFile({
		...scope,
		input: {
			projectId,
			name,
			contentType: opts.contentType ?? '',
			size: opts.size ?? bytes.byteLength,
			body: streamOf(bytes)
		}
	});
}

/** What is stored: R2 object count, file rows, file activity entries. */
export async function storedState(scope: Scope) {
	const db = scope.services.db;
	const listed = await env.FILES.list();
	const [[rows], [acts]] = await Promise.all([
		db.select({ n: count() }).from(files),
		db.select({ n: count() }).from(activity).where(eq(activity.subjectType, 'file'))
	]);
	return { objects: listed.objects.length, rows: rows.n, activity: acts.n };
}

export const withMaxUpload = (scope: Scope, maxUploadBytes: number): Scope => ({
	...scope,
	services: { ...scope.services, config: { ...scope.services.config, maxUploadBytes } }
});
