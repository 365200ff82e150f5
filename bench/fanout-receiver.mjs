// One receiving thread of the fan-out benchmark (bench/thread-fanout.mjs starts several).
// It opens its share of the sockets and notes, for every message frame, the message's
// clientMsgId and the wall-clock time it arrived (performance.timeOrigin + now(), comparable
// across threads of one process), then hands the list to the main thread in one message.
//
// Why threads: with every socket in one event loop, the 200th copy of a message waited for
// the client to handle the 199 before it, so the benchmark measured its own frame handling
// as much as the room's fan-out. `ws` rather than Node's built-in WebSocket for the same
// reason: it handles a frame in a fraction of the time. It offers permessage-deflate only with
// --deflate: production answers it with no compression (wrangler.toml, no_web_socket_compression),
// while in `wrangler dev` miniflare's entry Worker would accept it, whatever this Worker says.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';
// For its side effect, in this thread too: <slug>.localhost resolves to loopback.
import './lib.mjs';

/** @type {{ sockets: { url: string; cookie: string }[]; messages: number; concurrency: number; deflate: boolean }} */
const { sockets: wanted, messages, concurrency, deflate } = workerData;
const now = () => performance.timeOrigin + performance.now();

const arrivals = []; // clientMsgId, time, clientMsgId, time, … (each socket's first copy only)
const closedEarly = [];
let duplicates = 0;
const open = [];
let closing = false;
let remaining = wanted.length * messages;

function report() {
	parentPort.postMessage({ type: 'arrivals', arrivals, closedEarly, duplicates });
}

function openSocket({ url, cookie }) {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { headers: { cookie }, perMessageDeflate: deflate });
		let ready = false;
		// A socket that got one message twice and missed another is not "all delivered".
		const seen = new Set();
		ws.onmessage = (event) => {
			const at = now();
			const frame = JSON.parse(String(event.data));
			if (frame.type === 'message') {
				const id = frame.message.clientMsgId;
				if (seen.has(id)) return void duplicates++;
				seen.add(id);
				arrivals.push(id, at);
				if (--remaining === 0) report();
			} else if (frame.type === 'ready') {
				ready = true;
				resolve(ws);
			}
		};
		ws.onerror = () => reject(new Error(`socket ${url} failed`));
		ws.onclose = (event) => {
			if (!ready) reject(new Error(`socket ${url} closed (${event.code})`));
			else if (!closing) closedEarly.push(event.code);
		};
	});
}

parentPort.on('message', (command) => {
	if (command === 'report') report();
	if (command === 'close') {
		closing = true;
		for (const ws of open) ws.close();
		parentPort.close();
	}
});

try {
	for (let i = 0; i < wanted.length; i += concurrency)
		open.push(...(await Promise.all(wanted.slice(i, i + concurrency).map(openSocket))));
	parentPort.postMessage({ type: 'ready' });
} catch (error) {
	parentPort.postMessage({ type: 'failed', message: String(error?.message ?? error) });
}
