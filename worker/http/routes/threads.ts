import { Hono } from 'hono';
import { AppError } from '../../domain/errors';
import { connectToThread } from '../../domain/threads/connect-to-thread';
import { createThread } from '../../domain/threads/create-thread';
import { listThreads } from '../../domain/threads/list-threads';
import { markThreadRead } from '../../domain/threads/mark-thread-read';
import { openThread } from '../../domain/threads/open-thread';
import { postMessage } from '../../domain/threads/post-message';
import { openAttachment } from '../../domain/threads/open-attachment';
import { uploadAttachment } from '../../domain/threads/upload-attachment';
import { fileError } from '../../domain/files/file-types';
import { readJson } from '../errors';
import { memberScopeOf, scopeOf } from '../middleware/context';
import type { ApiEnv } from '../types';

/**
 * Message threads, for staff (dashboard host) and clients (their portal host).
 * Every rule is in worker/domain/threads; these only translate HTTP.
 */
export const threadRoutes = new Hono<ApiEnv>()
	.get('/', async (c) => c.json(await listThreads({ ...memberScopeOf(c), input: c.req.query() })))
	.post('/', async (c) => c.json(await createThread({ ...memberScopeOf(c), input: await readJson(c) }), 201))
	.get('/:id', async (c) =>
		c.json(await openThread({ ...memberScopeOf(c), threadId: c.req.param('id'), input: c.req.query() }))
	)
	.post('/:id/messages', async (c) => {
		const result = await postMessage({ ...memberScopeOf(c), threadId: c.req.param('id'), input: await readJson(c) });
		return c.json(result, result.created ? 201 : 200);
	})
	/**
	 * A file to attach to the next message: the raw file as the body, streamed to R2
	 * (POST /api/threads/:id/attachments?name=.. with Content-Type and Content-Length),
	 * like POST /api/files. Answers the pending attachment's id for the post.
	 */
	.post('/:id/attachments', async (c) => {
		const size = c.req.header('content-length');
		if (size === undefined)
			throw fileError('bad_request', 'Send the file with a Content-Length header (its exact size in bytes).');
		const attachment = await uploadAttachment({
			...memberScopeOf(c),
			threadId: c.req.param('id'),
			input: { name: c.req.query('name'), contentType: c.req.header('content-type'), size, body: c.req.raw.body }
		});
		return c.json({ attachment }, 201);
	})
	.get('/:id/attachments/:fileId', async (c) =>
		openAttachment({
			...memberScopeOf(c),
			input: {
				threadId: c.req.param('id'),
				fileId: c.req.param('fileId'),
				preview: c.req.query('preview') !== undefined
			}
		})
	)
	.post('/:id/read', async (c) => {
		await markThreadRead({ ...memberScopeOf(c), threadId: c.req.param('id'), input: await readJson(c) });
		return c.body(null, 204);
	})
	/**
	 * The live socket. A browser always sends Origin on a WebSocket handshake and
	 * the page's cookies go with it, so a handshake from another origin is
	 * refused before anything else (cross-site WebSocket hijacking).
	 */
	.get('/:id/socket', async (c) => {
		const origin = c.req.header('origin');
		if (origin && origin !== new URL(c.req.url).origin)
			throw new AppError('forbidden', 'Cross-site requests are not allowed.');
		const upgrade = c.req.header('upgrade')?.toLowerCase() === 'websocket';
		return connectToThread({ ...scopeOf(c), threadId: c.req.param('id'), input: c.req.query(), upgrade });
	});
