// Fan-out benchmark for live message threads (`npm run bench:threads`; not part of `npm test`).
// Builds the app, serves it locally in workerd (wrangler dev, fresh state), signs in a
// staff member and a client through the development sign-in link, opens N WebSockets on
// one thread (half staff on the dashboard host, half client on the portal host), posts M
// messages through the API and measures, for every socket and message, the time from the
// start of the POST to the message arriving on that socket.
//
//   npm run bench:threads -- --clients 200 --messages 100 [--catch-up 20] [--receivers 4] [--no-build]
//
// --via direct (the default) sends the sockets and posts straight to the workerd process that
// runs the Worker; --via wrangler sends them through the port `wrangler dev` serves, whose proxy
// (a second workerd process) relays every request and frame: a development-only hop that
// production does not have, measured for comparison with runs before 2026-12-04 18:30.
//
// --deflate makes the sockets offer permessage-deflate, as browsers do. Production declines it
// (wrangler.toml, no_web_socket_compression), but `wrangler dev` accepts it whatever this Worker's
// flags say (miniflare's entry Worker negotiates), so without --deflate the run is what
// production does and with it what the browsers of `npm start` get.
//
// The sockets are spread over --receivers threads (bench/fanout-receiver.mjs), so that no copy
// of a message waits for the client to handle the others first; arrival times are wall-clock
// times with sub-millisecond resolution, comparable across the threads.
//
// Also reported: the workerd process's resident memory before and after the sockets open (per
// socket), and catch-up: --catch-up late sockets opened after the posts from the thread's
// first message, timed until the room has sent them the whole backlog (M messages) and `ready`.
//
// Do not edit the app's sources while it runs: wrangler dev reloads the Worker on a
// change, which drops every socket (the run then reports missing deliveries).
import { mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import WebSocket from 'ws';
import { applyMigrations, build, freePort, root, seed, startServer } from '../scripts/lib/server.mjs';
// Importing lib.mjs also makes <slug>.localhost resolve to loopback in this process.
import { signIn } from './lib.mjs';
import { listeningPorts, processCpuMs, processRssBytes, workerdPid } from './cpu-profile.mjs';

const { values: args } = parseArgs({
	options: {
		clients: { type: 'string', default: '200' },
		messages: { type: 'string', default: '100' },
		'catch-up': { type: 'string', default: '20' },
		receivers: { type: 'string', default: '2' },
		via: { type: 'string', default: 'direct' },
		deflate: { type: 'boolean', default: false },
		'no-build': { type: 'boolean', default: false },
		timeout: { type: 'string', default: '120' }
	}
});
const N = Number(args.clients);
const M = Number(args.messages);
const R = Math.max(1, Math.min(N, Number(args.receivers)));
/** Wall-clock milliseconds, sub-millisecond, the same clock in every thread (fanout-receiver.mjs). */
const now = () => performance.timeOrigin + performance.now();
const PROJECT = 'prj_demo_website';

const percentile = (sorted, p) =>
	sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
const ms = (n) => `${n.toFixed(1)} ms`;

async function api(origin, cookie, pathname, body) {
	const res = await fetch(`${origin}${pathname}`, {
		method: 'POST',
		headers: { cookie, origin, 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	if (!res.ok) throw new Error(`${pathname}: ${res.status} ${await res.text()}`);
	return res.json();
}

/** A late socket (catch-up), opened by the main thread; resolves when the room says it is ready. */
function openSocket(url, cookie) {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { headers: { cookie }, perMessageDeflate: args.deflate });
		ws.onmessage = (event) => {
			if (JSON.parse(String(event.data)).type === 'ready') resolve(ws);
		};
		ws.onerror = () => reject(new Error(`socket ${url} failed`));
		ws.onclose = (event) => reject(new Error(`socket ${url} closed (${event.code})`));
	});
}

/** The receiving thread's next message of a type; rejects when it fails, errs or exits first. */
function nextFrom(worker, type) {
	return new Promise((resolve, reject) => {
		const done = () => {
			worker.off('message', onMessage);
			worker.off('error', onError);
			worker.off('exit', onExit);
		};
		const onMessage = (message) => {
			if (message.type !== 'failed' && message.type !== type) return;
			done();
			if (message.type === 'failed') reject(new Error(message.message));
			else resolve(message);
		};
		const onError = (error) => {
			done();
			reject(error);
		};
		const onExit = (code) => {
			done();
			reject(new Error(`a receiving thread exited (code ${code}) before "${type}"`));
		};
		worker.on('message', onMessage);
		worker.on('error', onError);
		worker.on('exit', onExit);
	});
}

/** The port where the Worker's own workerd process answers (not wrangler's proxy in front of it). */
async function workerEntryPort(pid) {
	for (const port of listeningPorts(pid)) {
		try {
			const res = await fetch(`http://localhost:${port}/api/health`);
			if (res.status === 200 && (await res.json()).ok === true) return port;
		} catch {
			/* the inspector or another socket of workerd's */
		}
	}
	throw new Error("--via direct: the Worker's workerd port was not found (Linux /proc only); use --via wrangler");
}

async function main() {
	if (!args['no-build']) {
		console.log('• Building…');
		build();
	}
	const state = path.join(root, 'bench/.state');
	rmSync(state, { recursive: true, force: true });
	mkdirSync(state, { recursive: true });
	applyMigrations(state, ['DB']);
	const port = await freePort();
	console.log(`• Starting wrangler dev on :${port}…`);
	// inspectorPort: not for a debugger, it marks the workerd process whose memory is measured (workerdPid).
	const server = await startServer({
		port,
		persistTo: state,
		inspectorPort: await freePort(),
		vars: { LOGIN_LIMIT_PER_IP: '10000', LOGIN_LIMIT_PER_EMAIL: '1000' }
	});
	const sockets = [];
	const receivers = [];
	try {
		await seed(server.url);
		const pid = workerdPid(server.child.pid);
		const at = args.via === 'wrangler' ? port : await workerEntryPort(pid);
		const dashboard = `http://localhost:${at}`;
		const portal = `http://demo.localhost:${at}`;
		const staffCookie = await signIn(at, { email: 'owner@demo.test' });
		const clientCookie = await signIn(at, { email: 'client@demo.test', workspace: 'demo' });
		const { threadId, message: first } = await api(dashboard, staffCookie, '/api/threads', {
			projectId: PROJECT,
			title: 'Fan-out benchmark',
			body: 'Benchmark thread'
		});
		const rssBefore = pid ? processRssBytes(pid) : null;

		const sentAt = new Map();
		const socketUrl = (staff) =>
			`${(staff ? dashboard : portal).replace('http', 'ws')}/api/threads/${threadId}/socket?after=${first.seq}`;
		console.log(`• Opening ${N} sockets on thread ${threadId} from ${R} receiving threads…`);
		const connectStart = performance.now();
		const shares = Array.from({ length: R }, () => []);
		for (let j = 0; j < N; j++) {
			const staff = j % 2 === 0;
			shares[j % R].push({ url: socketUrl(staff), cookie: staff ? staffCookie : clientCookie });
		}
		// About 20 sockets being opened at a time in all, as before the receivers were threads.
		const concurrency = Math.max(1, Math.ceil(20 / R));
		for (const share of shares)
			receivers.push(
				new Worker(new URL('./fanout-receiver.mjs', import.meta.url), {
					workerData: { sockets: share, messages: M, concurrency, deflate: args.deflate }
				})
			);
		await Promise.all(receivers.map((worker) => nextFrom(worker, 'ready')));
		const connectMs = performance.now() - connectStart;
		// Combined now, so a receiver failing while the messages are posted rejects this (handled
		// below) instead of going unhandled and leaving wrangler dev running.
		const allReported = Promise.all(receivers.map((worker) => nextFrom(worker, 'arrivals')));
		allReported.catch(() => {});
		const rssSockets = pid ? processRssBytes(pid) : null;

		console.log(`• Posting ${M} messages…`);
		const postTimes = [];
		const cpuBefore = processCpuMs(pid);
		for (let i = 0; i < M; i++) {
			const clientMsgId = `bench-${i}-${Math.random().toString(36).slice(2, 10)}`;
			const t0 = performance.now();
			sentAt.set(clientMsgId, now());
			await api(dashboard, staffCookie, `/api/threads/${threadId}/messages`, {
				body: `Benchmark message ${i}`,
				clientMsgId
			});
			postTimes.push(performance.now() - t0);
		}
		const timeout = new Promise((resolve) => setTimeout(resolve, Number(args.timeout) * 1000).unref());
		if ((await Promise.race([allReported, timeout])) === undefined)
			for (const worker of receivers) worker.postMessage('report');
		const reported = await allReported;
		// After the last delivery, so the room's sends of the last messages are counted too.
		const cpuPosting = cpuBefore === null ? null : processCpuMs(pid) - cpuBefore;
		let lastArrival = 0;
		const latencies = [];
		let wrong = 0;
		let duplicates = 0;
		const closedEarly = [];
		for (const { arrivals, closedEarly: codes, duplicates: twice } of reported) {
			closedEarly.push(...codes);
			duplicates += twice;
			for (let i = 0; i < arrivals.length; i += 2) {
				const sent = sentAt.get(arrivals[i]);
				if (sent === undefined) wrong++;
				else latencies.push(arrivals[i + 1] - sent);
				lastArrival = Math.max(lastArrival, arrivals[i + 1]);
			}
		}
		const delivered = latencies.length;
		const firstSent = sentAt.values().next().value;
		const totalMs = lastArrival && firstSent !== undefined ? lastArrival - firstSent : null;

		// Late joiners: each is sent the whole backlog (M messages) by the room before `ready`.
		const C = Number(args['catch-up']);
		const catchUps = [];
		await Promise.all(
			Array.from({ length: C }, async (_, j) => {
				const t0 = performance.now();
				const staff = j % 2 === 0;
				const ws = await openSocket(socketUrl(staff), staff ? staffCookie : clientCookie);
				catchUps.push(performance.now() - t0);
				sockets.push(ws);
			})
		);
		catchUps.sort((a, b) => a - b);

		latencies.sort((a, b) => a - b);
		postTimes.sort((a, b) => a - b);
		const cpu = os.cpus();
		const result = {
			machine: `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`,
			loadAverage: os.loadavg().map((n) => Number(n.toFixed(2))),
			via: args.via === 'wrangler' ? 'wrangler' : 'direct',
			receivers: R,
			deflate: args.deflate,
			clients: N,
			messages: M,
			expected: N * M,
			delivered,
			unexpected: wrong,
			duplicates,
			socketsClosedEarly: closedEarly.length,
			connectAllMs: Math.round(connectMs),
			latency: {
				p50: percentile(latencies, 50),
				p90: percentile(latencies, 90),
				p99: percentile(latencies, 99),
				max: latencies.at(-1) ?? NaN
			},
			postRoundTrip: { p50: percentile(postTimes, 50), p99: percentile(postTimes, 99) },
			totalMs: totalMs === null ? null : Math.round(totalMs),
			// The workerd process's user + system CPU while the messages were posted, per message:
			// the POST (its session and thread reads), the room's D1 write and its N sends.
			workerdCpuMsPerMessage: cpuPosting === null ? null : Number((cpuPosting / M).toFixed(2)),
			rssMiB:
				rssBefore && rssSockets
					? {
							before: Math.round(rssBefore / 2 ** 20),
							withSockets: Math.round(rssSockets / 2 ** 20),
							perSocketKiB: Math.round((rssSockets - rssBefore) / N / 1024)
						}
					: null,
			catchUp: { sockets: C, backlog: M, p50: percentile(catchUps, 50), max: catchUps.at(-1) ?? NaN }
		};
		console.log(`
Thread fan-out: ${N} sockets (${Math.ceil(N / 2)} staff, ${Math.floor(N / 2)} client) x ${M} messages, ${result.via === 'direct' ? "straight to the Worker's workerd" : "through wrangler dev's proxy"}, ${R} receiving threads, ${args.deflate ? 'permessage-deflate offered' : 'no compression'}
  machine            ${result.machine}; load average ${result.loadAverage.join(' / ')} (1/5/15 min)
  delivered          ${delivered} / ${N * M}${delivered === N * M ? ' (all)' : '  << MISSING'}${duplicates ? `  << ${duplicates} DUPLICATES` : ''}
  delivery latency   p50 ${ms(result.latency.p50)}  p90 ${ms(result.latency.p90)}  p99 ${ms(result.latency.p99)}  max ${ms(result.latency.max)}
  POST round trip    p50 ${ms(result.postRoundTrip.p50)}  p99 ${ms(result.postRoundTrip.p99)}
  sockets connected  ${result.connectAllMs} ms for all ${N} (incl. auth + catch-up)${closedEarly.length ? `; ${closedEarly.length} closed during the run (codes ${[...new Set(closedEarly)].join(', ')})` : ''}
  total              ${result.totalMs ?? '—'} ms from first post to last delivery
  workerd CPU        ${result.workerdCpuMsPerMessage ?? '?'} ms per message posted (user + system, /proc)
  workerd memory     ${result.rssMiB ? `${result.rssMiB.before} MiB before the sockets, ${result.rssMiB.withSockets} MiB with them: ~${result.rssMiB.perSocketKiB} KiB per socket` : 'not measured (Linux /proc only)'}
  catch-up           ${C} late sockets, ${M} messages each: p50 ${ms(result.catchUp.p50)}  max ${ms(result.catchUp.max)} to ready
`);
		console.log(JSON.stringify(result));
		if (delivered !== N * M || wrong || duplicates || closedEarly.length) process.exitCode = 1;
	} finally {
		for (const ws of sockets) {
			ws.onclose = null;
			ws.close();
		}
		for (const worker of receivers) worker.postMessage('close');
		await Promise.all(
			receivers.map((worker) =>
				Promise.race([
					new Promise((resolve) => worker.once('exit', resolve)),
					new Promise((resolve) => setTimeout(resolve, 5000).unref()).then(() => worker.terminate())
				])
			)
		);
		await server.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
