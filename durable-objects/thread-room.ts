import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../worker/env';
import { sessionDb } from '../worker/services/db';
import { DEFAULT_SHARD, shardBinding } from '../worker/services/shards';
import { messagesAfter, storeMessage, type StoreResult } from '../worker/domain/threads/message-store';
import {
	ROOM_HEADERS,
	socketAudience,
	type SocketSelector,
	type MessageRecord,
	type ServerFrame,
	type ThreadMessage,
	type ThreadRole
} from '../worker/domain/threads/model';
import type { ThreadRoomRpc } from '../worker/domain/threads/room';
import { sendableCloseCode } from './close-codes';

/** The most messages a reconnecting socket is sent; further behind, it is told to reload the page. */
export const MAX_CATCH_UP = 1000;

type Attachment = { role: ThreadRole; readerKey: string };

/**
 * One instance per message thread: it orders, stores and fans out, nothing
 * more. Who may post, what is visible and who is emailed are decided in
 * worker/domain/threads before a record gets here.
 *
 * Posts and socket catch-ups run one at a time (an in-memory queue), because a
 * D1 call lets other events in while it waits. So the order in which the room
 * stores messages (their seq) is the order every socket receives them, and a
 * socket that catches up sees nothing twice and misses nothing: its backlog is
 * read and sent before the next post is stored. The queue needs no state that
 * could be lost on eviction; D1 holds the messages and their seq.
 *
 * Sockets use the Hibernation API: tagged by role, so internal notes go to
 * staff sockets only, by reader, so one person's sockets can be closed when
 * their access ends, and by session, so signing out closes that session's; the role and reader ride along in the attachment;
 * "ping" is answered with "pong" without waking the object.
 */
export class ThreadRoom extends DurableObject<Env> implements ThreadRoomRpc {
	private queue: Promise<unknown> = Promise.resolve();

	constructor(ctx: DurableObjectState, env: Env) {
		super(ctx, env);
		ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
	}

	/**
	 * Stores a message once (a retry returns the stored one) and pushes a new one, with its
	 * attachments' metadata, to every socket allowed to see it.
	 */
	async post(record: MessageRecord, shard: string = DEFAULT_SHARD): Promise<StoreResult & { bookmark: string | null }> {
		return this.serially(async () => {
			const session = this.primary(shard);
			const result = await storeMessage(session.db, record);
			if ('created' in result && result.created) this.broadcast(result.message);
			// The poster's next page read (on a replica) must include this message: the caller puts it in their bookmark cookie.
			return { ...result, bookmark: session.bookmark() };
		});
	}

	/** The thread's shard (the Worker says which, services/shards.ts), on its primary: the room orders writes. */
	private primary(shard: string) {
		return sessionDb(shardBinding(this.env, shard), { kind: 'primary' }, { counting: false });
	}

	/** Open sockets by role (for tests and the benchmark). */
	async connections(): Promise<Record<ThreadRole, number>> {
		return { staff: this.ctx.getWebSockets('staff').length, client: this.ctx.getWebSockets('client').length };
	}

	/**
	 * Closes every socket of one reader (their access ended) or of one session (it was
	 * signed out); they cannot reconnect without a valid session.
	 */
	async disconnect(which: SocketSelector): Promise<number> {
		const tags =
			'readerKey' in which
				? [readerTag(which.readerKey)]
				: 'sessionId' in which
					? [sessionTag(which.sessionId)]
					: which.sessionIds.map(sessionTag);
		const sockets = tags.flatMap((tag) => this.ctx.getWebSockets(tag));
		for (const ws of sockets) {
			try {
				ws.close(4003, 'access ended');
			} catch {
				// already closed
			}
		}
		return sockets.length;
	}

	/** The WebSocket upgrade, forwarded by the Worker once it has authorised the participant. */
	async fetch(request: Request): Promise<Response> {
		if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket')
			return new Response('Expected a WebSocket upgrade.', { status: 426 });
		const threadId = request.headers.get(ROOM_HEADERS.threadId);
		const role = request.headers.get(ROOM_HEADERS.role);
		const readerKey = request.headers.get(ROOM_HEADERS.reader);
		const sessionId = request.headers.get(ROOM_HEADERS.session);
		const shard = request.headers.get(ROOM_HEADERS.shard) ?? DEFAULT_SHARD;
		if (!threadId || (role !== 'staff' && role !== 'client') || !readerKey)
			return new Response('Not authorised.', { status: 403 });
		const after = Math.max(0, Math.floor(Number(new URL(request.url).searchParams.get('after')) || 0));

		const { 0: client, 1: server } = new WebSocketPair();
		await this.serially(async () => {
			const backlog = await messagesAfter(this.primary(shard).db, threadId, after, role, MAX_CATCH_UP + 1);
			this.ctx.acceptWebSocket(server, [role, readerTag(readerKey), ...(sessionId ? [sessionTag(sessionId)] : [])]);
			server.serializeAttachment({ role, readerKey } satisfies Attachment);
			if (backlog.length > MAX_CATCH_UP) {
				server.close(4000, 'reload');
				return;
			}
			for (const message of backlog) server.send(frame({ type: 'message', message }));
			server.send(frame({ type: 'ready', lastSeq: backlog.at(-1)?.seq ?? after }));
		});
		return new Response(null, { status: 101, webSocket: client });
	}

	async webSocketMessage(): Promise<void> {
		// Sockets only listen; posts go through the API so every one is checked
		// against the current session. "ping" is answered by the auto-response.
	}

	async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
		try {
			// A close reason may be at most 123 bytes.
			ws.close(sendableCloseCode(code), new TextEncoder().encode(reason).length <= 123 ? reason : '');
		} catch {
			// already closed
		}
	}

	async webSocketError(ws: WebSocket): Promise<void> {
		try {
			ws.close(1011, 'error');
		} catch {
			// already closed
		}
	}

	private broadcast(message: ThreadMessage): void {
		const data = frame({ type: 'message', message });
		for (const role of socketAudience(message)) {
			for (const ws of this.ctx.getWebSockets(role)) {
				try {
					ws.send(data);
				} catch {
					// A socket that is closing; it catches up when it reconnects.
				}
			}
		}
	}

	private serially<T>(work: () => Promise<T>): Promise<T> {
		const run = this.queue.then(work, work);
		this.queue = run.catch(() => undefined);
		return run;
	}
}

function readerTag(readerKey: string): string {
	return `reader:${readerKey}`.slice(0, 256);
}

function sessionTag(sessionId: string): string {
	return `session:${sessionId}`.slice(0, 256);
}

function frame(value: ServerFrame): string {
	return JSON.stringify(value);
}
