import { requireMember } from '../actor';
import { AppError, type ErrorCode } from '../errors';
import { findProject } from '../projects/find-project';
import type { Scope } from '../scope';
import { fileError } from './file-types';
import type { UploadInput } from './receive-upload';
import { uploadFile, type UploadedFile } from './upload-file';

/** Errors about who asks or where, never about one file: they refuse the whole post. */
const PER_REQUEST = new Set(['unauthenticated', 'forbidden', 'not_found']);

/** The most files one form post (or one batch in the page) takes. */
export const MAX_FILES_PER_UPLOAD = 20;

export type UploadFilesResult = {
	uploaded: UploadedFile[];
	/** Each refused file with the reason, in the order they were sent. */
	failed: { name: string; message: string; code: ErrorCode }[];
};

/**
 * Several files at once (the multipart form without JavaScript; with it, the
 * page sends each file to the API on its own). Each file goes through
 * uploadFile, so each is checked and either stored whole (blob, row and
 * activity) or not at all; one refused file does not stop the others, and each
 * refusal is reported by file name. Refused as a whole: not signed in, a
 * project out of scope, no file, too many files.
 */
export async function uploadFiles(
	opts: Scope & { input: { projectId: unknown; clientVisible?: unknown; files: UploadInput[] } }
): Promise<UploadFilesResult> {
	requireMember(opts.actor);
	const { files } = opts.input;
	if (files.length === 0) throw fileError('validation_failed', 'Choose a file to upload.');
	if (files.length > MAX_FILES_PER_UPLOAD)
		throw fileError(
			'validation_failed',
			`Choose at most ${MAX_FILES_PER_UPLOAD} files at once; you chose ${files.length}.`
		);
	await findProject(opts, typeof opts.input.projectId === 'string' ? opts.input.projectId : '');

	const result: UploadFilesResult = { uploaded: [], failed: [] };
	for (const file of files) {
		try {
			result.uploaded.push(
				await uploadFile({
					...opts,
					input: { ...file, projectId: opts.input.projectId, clientVisible: opts.input.clientVisible }
				})
			);
		} catch (error) {
			// Reported per file (the files before it stay stored, whole): a refused file, or storage failing for this one.
			if (!(error instanceof AppError) || PER_REQUEST.has(error.code)) throw error;
			await file.body?.cancel().catch(() => {});
			result.failed.push({
				name: typeof file.name === 'string' && file.name ? file.name : 'A file',
				message: error.fields?.file ?? error.message,
				code: error.code
			});
		}
	}
	return result;
}
