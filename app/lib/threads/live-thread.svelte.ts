import type { MessageAttachment, ServerFrame, ThreadMessage } from '$domain/threads/model';
import { refusal, sendFile } from '$lib/files/send-file';

/** A file of a message not sent yet: uploaded first (with progress), then named in the post by its id. */
export type PendingAttachment = {
	key: string;
	name: string;
	size: number;
	/** The pending attachment's id once uploaded. */
	id?: string;
	progress: number;
	state: 'waiting' | 'uploading' | 'uploaded' | 'failed';
	error?: string;
};

/** A message the viewer wrote that the server has not confirmed yet. */
export type PendingMessage = {
	clientMsgId: string;
	body: string;
	internal: boolean;
	/** sending: on its way; waiting: no connection, sent automatically when back; failed: refused, the viewer decides. */
	state: 'sending' | 'waiting' | 'failed';
	error?: string;
	attachments: PendingAttachment[];
};

export type Connection = 'connecting' | 'live' | 'reconnecting' | 'offline';

type Options = { threadId: string; readerKey: string; initial: ThreadMessage[]; lastSeq: number };

const PING_EVERY_MS = 25_000;
const DEAD_AFTER_MS = 60_000;

/**
 * The browser side of a live thread. The page is server-rendered; this takes
 * over when JavaScript runs:
 *  - a socket to the thread's room, resumed from the last seq it received, so
 *    a reconnect catches up on exactly what it missed;
 *  - posts go through the API with a clientMsgId; a post that cannot reach the
 *    server waits (kept in localStorage, so even a reload keeps it) and is sent
 *    again when the connection is back, where the clientMsgId makes the retry
 *    harmless; a refused post stays on screen as failed, with the reason;
 *  - attachments are uploaded first, one by one with progress, and the post
 *    names them by id (an uploaded file is not uploaded again on a retry). A
 *    file not yet uploaded lives only in this page: after a reload its message
 *    fails and asks for the file again;
 *  - what the viewer has seen is reported, so unread counts stay right.
 */
export class LiveThread {
	messages = $state<ThreadMessage[]>([]);
	pending = $state<PendingMessage[]>([]);
	connection = $state<Connection>('connecting');

	private readonly opts: Options;
	/** The last seq received over the socket: the point a reconnect resumes from. */
	private socketSeq: number;
	private ws: WebSocket | null = null;
	private attempts = 0;
	private flushing = false;
	private stopped = false;
	private lastHeard = 0;
	private timers: ReturnType<typeof setTimeout>[] = [];
	private heartbeat: ReturnType<typeof setInterval> | undefined;
	private readTimer: ReturnType<typeof setTimeout> | undefined;
	private reportedRead = 0;
	private readonly listeners: [EventTarget, string, () => void][] = [];
	/** The files of unconfirmed messages, by attachment key (a File cannot go to localStorage); kept until the message is confirmed, in case the server asks for one again. */
	private readonly files = new Map<string, File>();

	constructor(opts: Options) {
		this.opts = opts;
		this.messages = [...opts.initial];
		this.socketSeq = opts.lastSeq;
		this.reportedRead = opts.lastSeq;
	}

	private get storageKey() {
		return `coportal.outbox.${this.opts.threadId}.${this.opts.readerKey}`;
	}

	start(): void {
		this.pending = this.restore();
		this.on(window, 'online', () => this.reconnectNow());
		this.on(window, 'offline', () => {
			this.connection = 'offline';
			this.ws?.close(1000, 'offline');
		});
		this.on(document, 'visibilitychange', () => this.scheduleRead());
		this.heartbeat = setInterval(() => this.checkAlive(), PING_EVERY_MS);
		this.connect();
	}

	stop(): void {
		this.stopped = true;
		for (const [target, type, fn] of this.listeners) target.removeEventListener(type, fn);
		for (const t of this.timers) clearTimeout(t);
		clearInterval(this.heartbeat);
		clearTimeout(this.readTimer);
		this.ws?.close(1000, 'leaving');
	}

	/** Queues a message (with its files) and sends it as soon as possible; never drops it silently. */
	send(body: string, internal: boolean, files: File[] = []): void {
		const attachments = files.map((file): PendingAttachment => {
			const key = crypto.randomUUID();
			this.files.set(key, file);
			return { key, name: file.name, size: file.size, progress: 0, state: 'waiting' };
		});
		this.pending = [
			...this.pending,
			{ clientMsgId: crypto.randomUUID(), body, internal, state: 'sending', attachments }
		];
		this.persist();
		void this.flush();
	}

	retry(clientMsgId: string): void {
		this.update(clientMsgId, { state: 'sending', error: undefined });
		void this.flush();
	}

	discard(clientMsgId: string): void {
		for (const a of this.pending.find((p) => p.clientMsgId === clientMsgId)?.attachments ?? [])
			this.files.delete(a.key);
		this.pending = this.pending.filter((p) => p.clientMsgId !== clientMsgId);
		this.persist();
	}

	isMine(message: ThreadMessage): boolean {
		return message.authorKey === this.opts.readerKey;
	}

	private connect(): void {
		if (this.stopped) return;
		this.connection = this.attempts ? 'reconnecting' : 'connecting';
		const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
		const ws = new WebSocket(
			`${scheme}://${location.host}/api/threads/${encodeURIComponent(this.opts.threadId)}/socket?after=${this.socketSeq}`
		);
		this.ws = ws;
		this.lastHeard = Date.now();
		ws.onmessage = (event) => {
			this.lastHeard = Date.now();
			if (event.data === 'pong') return;
			const frame = JSON.parse(String(event.data)) as ServerFrame;
			if (frame.type === 'message') {
				this.socketSeq = Math.max(this.socketSeq, frame.message.seq);
				this.accept(frame.message);
				this.scheduleRead();
			} else if (frame.type === 'ready') {
				this.connection = 'live';
				this.attempts = 0;
				void this.flush();
			}
		};
		ws.onclose = (event) => {
			if (this.ws !== ws) return;
			this.ws = null;
			// 4000: too far behind to catch up over the socket; 4003: access ended (the reload goes to sign-in).
			if (event.code === 4000 || event.code === 4003) return location.reload();
			if (this.stopped) return;
			this.connection = navigator.onLine === false ? 'offline' : 'reconnecting';
			const delay = Math.min(15_000, 500 * 2 ** this.attempts) * (0.75 + Math.random() / 2);
			this.attempts++;
			this.later(() => this.connect(), delay);
		};
	}

	private reconnectNow(): void {
		if (this.ws && this.ws.readyState <= WebSocket.OPEN) return void this.flush();
		this.attempts = 0;
		for (const t of this.timers) clearTimeout(t);
		this.timers = [];
		this.connect();
	}

	private checkAlive(): void {
		const ws = this.ws;
		if (!ws || ws.readyState !== WebSocket.OPEN) return;
		if (Date.now() - this.lastHeard > DEAD_AFTER_MS) return ws.close(4001, 'no answer');
		ws.send('ping');
	}

	/** Adds a confirmed message once, in seq order, and settles the pending copy it came from. */
	private accept(message: ThreadMessage): void {
		if (message.clientMsgId && this.pending.some((p) => p.clientMsgId === message.clientMsgId)) {
			for (const a of this.current(message.clientMsgId)?.attachments ?? []) this.files.delete(a.key);
			this.pending = this.pending.filter((p) => p.clientMsgId !== message.clientMsgId);
			this.persist();
		}
		if (this.messages.some((m) => m.seq === message.seq)) return;
		const next = [...this.messages, message].sort((a, b) => a.seq - b.seq);
		this.messages = next;
	}

	/** Sends waiting messages one at a time, in the order they were written. */
	private async flush(): Promise<void> {
		if (this.flushing) return;
		this.flushing = true;
		try {
			for (;;) {
				const next = this.pending.find((p) => p.state !== 'failed');
				if (!next) return;
				if (!(await this.deliver(next))) return;
			}
		} finally {
			this.flushing = false;
		}
	}

	/** One attempt; false when the server could not be reached (try again later). */
	private async deliver(item: PendingMessage): Promise<boolean> {
		this.update(item.clientMsgId, { state: 'sending' });
		for (const attachment of item.attachments) {
			if (attachment.id) continue;
			const outcome = await this.upload(item.clientMsgId, attachment);
			if (outcome === 'offline') return this.wait(item);
			if (outcome === 'refused') return true;
		}
		const attachmentIds = (this.pending.find((p) => p.clientMsgId === item.clientMsgId)?.attachments ?? []).map(
			(a) => a.id!
		);
		let response: Response;
		try {
			response = await fetch(`/api/threads/${encodeURIComponent(this.opts.threadId)}/messages`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', accept: 'application/json' },
				body: JSON.stringify({ body: item.body, clientMsgId: item.clientMsgId, internal: item.internal, attachmentIds })
			});
		} catch {
			return this.wait(item);
		}
		if (response.ok) {
			const { message } = (await response.json()) as { message: ThreadMessage };
			this.accept(message);
			return true;
		}
		if (response.status >= 500 || response.status === 429 || response.status === 408) return this.wait(item);
		const problem = (await response.json().catch(() => null)) as {
			error?: { message?: string; fields?: Record<string, string> };
		} | null;
		const error =
			response.status === 401
				? 'You are signed out. Sign in again in another tab, then retry.'
				: (problem?.error?.fields?.body ??
					problem?.error?.fields?.attachments ??
					problem?.error?.message ??
					'The message was not accepted.');
		// Attachments the server no longer has must be uploaded again on a retry.
		const gone = Boolean(problem?.error?.fields?.attachments);
		this.update(item.clientMsgId, {
			state: 'failed',
			error,
			...(gone
				? {
						attachments: this.current(item.clientMsgId)?.attachments.map((a) => ({
							...a,
							id: undefined,
							state: 'failed' as const,
							progress: 0
						}))
					}
				: {})
		});
		return true;
	}

	/** Uploads one attachment of a pending message, with progress. */
	private async upload(
		clientMsgId: string,
		attachment: PendingAttachment
	): Promise<'uploaded' | 'offline' | 'refused'> {
		const file = this.files.get(attachment.key);
		const set = (change: Partial<PendingAttachment>) => this.updateAttachment(clientMsgId, attachment.key, change);
		if (!file) {
			set({ state: 'failed', error: 'Not uploaded before the page was reloaded.' });
			this.update(clientMsgId, {
				state: 'failed',
				error: `${attachment.name} was not uploaded before the page was reloaded: discard this message and attach the file again.`
			});
			return 'refused';
		}
		set({ state: 'uploading', error: undefined });
		const url = `/api/threads/${encodeURIComponent(this.opts.threadId)}/attachments?name=${encodeURIComponent(file.name)}`;
		try {
			const answer = await sendFile(url, file, (progress) => set({ progress }));
			if (answer.status === 201) {
				const stored = answer.body.attachment as MessageAttachment;
				set({ id: stored.id, state: 'uploaded', progress: 1 });
				return 'uploaded';
			}
			if (answer.status >= 500 || answer.status === 429 || answer.status === 408) {
				set({ state: 'waiting', progress: 0 });
				return 'offline';
			}
			const reason =
				answer.status === 401 ? 'You are signed out. Sign in again in another tab, then retry.' : refusal(answer);
			set({ state: 'failed', error: reason });
			this.update(clientMsgId, { state: 'failed', error: `${attachment.name}: ${reason}` });
			return 'refused';
		} catch {
			set({ state: 'waiting', progress: 0 });
			return 'offline';
		}
	}

	private current(clientMsgId: string): PendingMessage | undefined {
		return this.pending.find((p) => p.clientMsgId === clientMsgId);
	}

	private updateAttachment(clientMsgId: string, key: string, change: Partial<PendingAttachment>): void {
		const item = this.current(clientMsgId);
		if (!item) return;
		this.update(clientMsgId, { attachments: item.attachments.map((a) => (a.key === key ? { ...a, ...change } : a)) });
	}

	private wait(item: PendingMessage): false {
		this.update(item.clientMsgId, { state: 'waiting' });
		// Sent again when the socket is back ("ready"), the browser is online again, or on this timer.
		this.later(() => void this.flush(), Math.min(30_000, 2_000 * 2 ** this.attempts));
		return false;
	}

	private update(clientMsgId: string, change: Partial<PendingMessage>): void {
		this.pending = this.pending.map((p) => (p.clientMsgId === clientMsgId ? { ...p, ...change } : p));
		this.persist();
	}

	private scheduleRead(): void {
		if (document.visibilityState !== 'visible') return;
		clearTimeout(this.readTimer);
		this.readTimer = setTimeout(() => {
			const seq = this.socketSeq;
			if (seq <= this.reportedRead) return;
			this.reportedRead = seq;
			void fetch(`/api/threads/${encodeURIComponent(this.opts.threadId)}/read`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ seq })
			}).catch(() => (this.reportedRead = 0));
		}, 800);
	}

	private persist(): void {
		try {
			const unsent = this.pending.map(({ clientMsgId, body, internal, state, error, attachments }) => ({
				clientMsgId,
				body,
				internal,
				state: state === 'sending' ? 'waiting' : state,
				error,
				attachments: attachments.map(({ key, name, size, id }) => ({
					key,
					name,
					size,
					id,
					progress: id ? 1 : 0,
					state: id ? 'uploaded' : 'waiting'
				}))
			}));
			if (unsent.length) localStorage.setItem(this.storageKey, JSON.stringify(unsent));
			else localStorage.removeItem(this.storageKey);
		} catch {
			// Storage full or blocked: the messages still live in this page.
		}
	}

	private restore(): PendingMessage[] {
		try {
			const saved = JSON.parse(localStorage.getItem(this.storageKey) ?? '[]') as PendingMessage[];
			return Array.isArray(saved)
				? saved
						.filter((p) => typeof p?.clientMsgId === 'string' && typeof p.body === 'string')
						.map((p) => ({ ...p, attachments: Array.isArray(p.attachments) ? p.attachments : [] }))
				: [];
		} catch {
			return [];
		}
	}

	private on(target: EventTarget, type: string, fn: () => void): void {
		target.addEventListener(type, fn);
		this.listeners.push([target, type, fn]);
	}

	private later(fn: () => void, ms: number): void {
		this.timers.push(setTimeout(fn, ms));
	}
}
