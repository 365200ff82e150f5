import { Hono } from 'hono';
import { deleteFile } from '../../domain/files/delete-file';
import { fileError } from '../../domain/files/file-types';
import { listProjectFiles } from '../../domain/files/list-project-files';
import { openFileDownload } from '../../domain/files/open-file-download';
import { renameFile } from '../../domain/files/rename-file';
import { setFileVisibility } from '../../domain/files/set-file-visibility';
import { uploadFile } from '../../domain/files/upload-file';
import { AppError } from '../../domain/errors';
import { readJson } from '../errors';
import { memberScopeOf, scopeOf } from '../middleware/context';
import type { ApiEnv } from '../types';

/**
 * Files of a project. Upload is the raw file as the request body (not JSON, not
 * multipart) so it streams to R2: POST /api/files?projectId=..&name=..[&clientVisible=true]
 * with the file's Content-Type and Content-Length, by staff (dashboard) or a
 * client (their portal). It is exempt from the JSON body limit (see app.ts); its
 * limit is MAX_UPLOAD_BYTES, checked on Content-Length before the body is read.
 * Downloads are attachments; `?preview` shows an image or PDF inline.
 */
export const fileRoutes = new Hono<ApiEnv>()
	.get('/', async (c) => {
		const scope = memberScopeOf(c);
		const { projectId = '', page, pageSize } = c.req.query();
		return c.json(await listProjectFiles({ ...scope, input: { projectId, page, pageSize } }));
	})
	.post('/', async (c) => {
		const scope = memberScopeOf(c);
		const size = c.req.header('content-length');
		if (size === undefined)
			throw fileError('bad_request', 'Send the file with a Content-Length header (its exact size in bytes).');
		const file = await uploadFile({
			...scope,
			input: {
				projectId: c.req.query('projectId'),
				name: c.req.query('name'),
				clientVisible: c.req.query('clientVisible'),
				contentType: c.req.header('content-type'),
				size,
				body: c.req.raw.body
			}
		});
		return c.json({ file }, 201);
	})
	.patch('/:id', async (c) => {
		const scope = scopeOf(c);
		const body = (await readJson(c)) as Record<string, unknown> | null;
		if (!body || typeof body !== 'object' || (body.name === undefined && body.clientVisible === undefined)) {
			throw new AppError('validation_failed', 'Send a new name, clientVisible, or both.', {
				fields: { name: 'Send a new name, clientVisible, or both.' }
			});
		}
		const fileId = c.req.param('id');
		const out: { id: string; name?: string; clientVisible?: boolean } = { id: fileId };
		if (body.name !== undefined) Object.assign(out, await renameFile({ ...scope, input: { fileId, name: body.name } }));
		if (body.clientVisible !== undefined)
			Object.assign(out, await setFileVisibility({ ...scope, input: { fileId, visible: body.clientVisible } }));
		return c.json({ file: out });
	})
	.delete('/:id', async (c) => {
		const scope = memberScopeOf(c);
		return c.json(await deleteFile({ ...scope, input: { fileId: c.req.param('id') } }));
	})
	.get('/:id/download', async (c) => {
		const scope = memberScopeOf(c);
		return openFileDownload({
			...scope,
			input: { fileId: c.req.param('id'), preview: c.req.query('preview') !== undefined }
		});
	});
