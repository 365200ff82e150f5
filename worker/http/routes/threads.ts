import { Hono } from 'hono';
import { AppError } from '../../domain/errors';
import { connectToThread } from '../../domain/threads/connect-to-thread';
import { createThread } from '../../domain/threads/create-thread';
import { listThreads } from '../../domain/threads/list-threads';
import { markThreadRead } from '../../domain/threads/mark-thread-read';
import { openThread } from '../../domain/threads/open-thread';
import { postMessage } from '../../domain/threads/post-message';
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
	.get('/:id', async (c) => c.json(await openThread({ ...memberScopeOf(c), threadId: c.req.param('id'), input: c.req.query() })))
	.post('/:id/messages', async (c) => {
		const result = await postMessage({ ...memberScopeOf(c), threadId: c.req.param('id'), input: await readJson(c) });
		return c.json(result, result.created ? 201 : 200);
	})
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
		if (origin && origin !== new URL(c.req.url).origin) throw new AppError('forbidden', 'Cross-site requests are not allowed.');
		const upgrade = c.req.header('upgrade')?.toLowerCase() === 'websocket';
		return connectToThread({ ...scopeOf(c), threadId: c.req.param('id'), input: c.req.query(), upgrade });
	});
