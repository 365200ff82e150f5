import type { ServerFrame, ThreadMessage } from '../worker/domain/threads/model';
import { request } from './helpers';

/** A live thread socket opened through the whole Worker, as a browser would, collecting what it receives. */
export type TestSocket = {
	ws: WebSocket;
	frames: ServerFrame[];
	/** The messages received so far, in arrival order. */
	messages(): ThreadMessage[];
	/** Resolves once the frames received satisfy `done` (checked on every frame); rejects if the socket closes first. */
	until(done: (frames: ServerFrame[]) => boolean): Promise<void>;
	/** Resolves when the socket is closed, with the close code. */
	closed: Promise<number>;
};

export async function openThreadSocket(
	host: string,
	threadId: string,
	opts: { cookie?: string; after?: number; origin?: string; upgrade?: boolean } = {}
): Promise<{ response: Response; socket?: TestSocket }> {
	const headers: Record<string, string> = opts.upgrade === false ? {} : { upgrade: 'websocket' };
	if (opts.origin) headers.origin = opts.origin;
	const response = await request(host, `/api/threads/${threadId}/socket?after=${opts.after ?? 0}`, {
		cookie: opts.cookie,
		headers
	});
	if (response.status !== 101 || !response.webSocket) return { response };
	const ws = response.webSocket;
	const frames: ServerFrame[] = [];
	const waiters = new Set<{ done: (f: ServerFrame[]) => boolean; resolve: () => void; reject: (e: Error) => void }>();
	let closedCode: number | null = null;
	const closed = new Promise<number>((resolve) => {
		ws.addEventListener('close', (event) => {
			closedCode = event.code;
			for (const w of waiters)
				w.reject(
					new Error(`socket closed (${event.code}) before the expected frames arrived; got ${JSON.stringify(frames)}`)
				);
			waiters.clear();
			resolve(event.code);
		});
	});
	ws.addEventListener('message', (event) => {
		if (event.data === 'pong') return;
		frames.push(JSON.parse(event.data as string) as ServerFrame);
		for (const w of [...waiters]) {
			if (w.done(frames)) {
				waiters.delete(w);
				w.resolve();
			}
		}
	});
	ws.accept();
	return {
		response,
		socket: {
			ws,
			frames,
			closed,
			messages: () => frames.flatMap((f) => (f.type === 'message' ? [f.message] : [])),
			until(done) {
				if (done(frames)) return Promise.resolve();
				if (closedCode !== null) return Promise.reject(new Error(`socket already closed (${closedCode})`));
				return new Promise((resolve, reject) => waiters.add({ done, resolve, reject }));
			}
		}
	};
}

/** Frames predicate: the socket has caught up (the room sent "ready"). */
export const ready = (frames: ServerFrame[]) => frames.some((f) => f.type === 'ready');

/** Frames predicate: a message with this seq (or later) has arrived. */
export const reachedSeq = (seq: number) => (frames: ServerFrame[]) =>
	frames.some((f) => f.type === 'message' && f.message.seq >= seq);

/** Frames predicate: this many messages have arrived. */
export const messageCount = (n: number) => (frames: ServerFrame[]) =>
	frames.filter((f) => f.type === 'message').length >= n;
