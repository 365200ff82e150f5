// CPU of the Worker under load, for `npm run bench` and `npm run bench:profile`:
// - a V8 CPU profile of the Worker's isolate over the inspector `wrangler dev --inspector-port`
//   opens (Chrome DevTools Protocol, Profiler.start/stop), its samples mapped back to the
//   sources through the bundle's source map (the server build is made with maps,
//   COPORTAL_SERVER_SOURCEMAP=1, see vite.config.ts) and summed per part of the request path;
// - the CPU time of the workerd process that runs the Worker (/proc, Linux), which also holds
//   local D1 (SQLite), KV and R2, so the two together say what the Worker costs and what the
//   local stand-ins for Cloudflare's services cost.
import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';

/** Connects to the inspector of `wrangler dev --inspector-port <port>`; returns { send, close }. */
export async function connectInspector(port) {
	// wrangler's inspector proxy only lets local DevTools in: it wants an Origin it knows.
	const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { origin: 'http://127.0.0.1' } });
	await new Promise((resolve, reject) => {
		ws.onopen = resolve;
		ws.onerror = () => reject(new Error(`no inspector on 127.0.0.1:${port}`));
	});
	let nextId = 0;
	const pending = new Map();
	ws.onmessage = (event) => {
		const message = JSON.parse(String(event.data));
		// Events have no id; wrangler's proxy answers a command it was sent with that id (an
		// empty result may come back as the command itself, without `result`).
		if (message.id === undefined || !pending.has(message.id)) return;
		const { resolve, reject } = pending.get(message.id);
		pending.delete(message.id);
		if (message.error) reject(new Error(`${message.error.message} (${message.error.code})`));
		else resolve(message.result ?? {});
	};
	let closed = null;
	ws.onclose = (event) => {
		// e.g. 1013 when another DevTools client holds the inspector (only one may).
		closed = new Error(`the inspector closed the connection (${event.code} ${event.reason})`);
		for (const { reject } of pending.values()) reject(closed);
		pending.clear();
	};
	const send = (method, params = {}) =>
		new Promise((resolve, reject) => {
			if (closed) return reject(closed);
			const id = ++nextId;
			pending.set(id, { resolve, reject });
			ws.send(JSON.stringify({ id, method, params }));
		});
	await send('Profiler.enable');
	// 250 µs: fine enough to split a request of a few milliseconds, cheap enough not to change it much.
	await send('Profiler.setSamplingInterval', { interval: 250 });
	return { send, close: () => ws.close() };
}

/** Runs `work` with the profiler on; returns the V8 CPU profile and what `work` returned. */
export async function profiled(inspector, work) {
	await inspector.send('Profiler.start');
	let result;
	let stopped;
	try {
		result = await work();
	} finally {
		stopped = await inspector.send('Profiler.stop');
	}
	return { profile: stopped.profile, result };
}

/** The bundle `wrangler dev` serves (the newest .wrangler/tmp/dev-* directory) and its source map. */
export function devBundleMap(root) {
	const tmp = path.join(root, '.wrangler', 'tmp');
	const dirs = readdirSync(tmp)
		.filter((d) => d.startsWith('dev-'))
		.map((d) => path.join(tmp, d))
		.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
	for (const dir of dirs) {
		const file = path.join(dir, 'index.js.map');
		try {
			return new SourceMap(JSON.parse(readFileSync(file, 'utf8')));
		} catch {
			/* not this one */
		}
	}
	return null;
}

/**
 * Parts of the request path, by the source file a sample's own frame is in (first match wins).
 * Native frames (no source) count for the JavaScript that called them.
 */
export const PARTS = [
	['D1 binding (encoding the call, decoding JSON results)', (s) => s.startsWith('cloudflare-internal:d1')],
	['Drizzle (query building, result mapping)', (s) => s.includes('node_modules/drizzle-orm/')],
	[
		'PDF rendering (pdf-lib)',
		(s) => /node_modules\/(pdf-lib|@pdf-lib|pako)\//.test(s) || s.includes('worker/services/pdf/')
	],
	[
		'Request context (services, host, workspace + session)',
		(s) =>
			/(app\/hooks\.server\.ts|worker\/http\/middleware\/context\.ts|worker\/domain\/workspaces\/(load-request-context|resolve-host|request-context-cache)\.ts|worker\/domain\/auth\/sessions\.ts|worker\/services\/)/.test(
				s
			)
	],
	[
		'Svelte rendering (components, formatting)',
		(s) =>
			s.endsWith('.svelte') ||
			s.includes('node_modules/svelte/') ||
			s.includes('node_modules/clsx/') ||
			s.startsWith('app/lib/')
	],
	[
		'SvelteKit runtime (routing, load, serialisation)',
		(s) =>
			/node_modules\/(@sveltejs\/kit|devalue|cookie|set-cookie-parser)\//.test(s) ||
			s.startsWith('.svelte-kit/') ||
			s.startsWith('app/')
	],
	['Hono (API routing)', (s) => s.includes('node_modules/hono/') || s.startsWith('worker/http/')],
	['zod (input validation)', (s) => s.includes('node_modules/zod/')],
	['Use cases (worker/domain)', (s) => s.startsWith('worker/domain/') || s.startsWith('db/')],
	['Worker entry and response (security headers, https)', (s) => s.startsWith('worker/')],
	[
		'wrangler dev middleware (development only)',
		(s) => s.includes('node_modules/wrangler/') || s.includes('middleware-loader.entry.ts')
	],
	['Other JavaScript', () => true]
];
const GC = 'V8 garbage collection';
const PROGRAM = 'workerd and V8 outside JavaScript (program)';

/** Where a profile node's code comes from: a path relative to the repository, or the runtime's URL. */
function sourceOf(callFrame, map, cache) {
	// No URL: a native function. workerd's internal modules other than the D1 binding (tracing
	// helpers and the like) count as native too: they belong to whatever called them.
	if (
		!callFrame.url ||
		(callFrame.url.startsWith('cloudflare-internal:') && !callFrame.url.startsWith('cloudflare-internal:d1'))
	)
		return null;
	if (callFrame.url !== 'index.js' || !map) return callFrame.url;
	const key = `${callFrame.lineNumber}:${callFrame.columnNumber}`;
	if (cache.has(key)) return cache.get(key);
	const entry = map.findEntry(callFrame.lineNumber, callFrame.columnNumber);
	const source = entry?.originalSource
		? entry.originalSource
				.replace(/^(\.\.\/)+/, '')
				.replace(/^.*?\/node_modules\//, 'node_modules/')
				// drizzle-orm's own maps point one directory above the package (../src/...).
				.replace(/^node_modules\/src\//, 'node_modules/drizzle-orm/src/')
		: 'index.js';
	cache.set(key, source);
	return source;
}

/**
 * Splits a profile's busy time into PARTS; `requests` turns it into milliseconds per request.
 * Returns { wallMs, busyMs, parts: [[name, ms]], top: [[function @ source, ms]] } (ms in total).
 */
export function splitProfile(profile, map) {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const selfUs = new Map();
	for (let i = 0; i < profile.samples.length; i++)
		selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
	const cache = new Map();
	const parts = new Map();
	const functions = new Map();
	let busy = 0;
	for (const [id, us] of selfUs) {
		const node = byId.get(id);
		const name = node.callFrame.functionName;
		if (name === '(idle)' || name === '(root)') continue;
		busy += us;
		let part;
		let label;
		if (name === '(garbage collector)') part = GC;
		else if (name === '(program)') part = PROGRAM;
		else {
			// A native function (no URL) counts for the nearest caller that has a source.
			let source = sourceOf(node.callFrame, map, cache);
			let at = id;
			while (!source && parent.has(at)) {
				at = parent.get(at);
				source = sourceOf(byId.get(at).callFrame, map, cache);
			}
			source ??= '(native)';
			part = PARTS.find(([, match]) => match(source))[0];
			label = `${name || '(anonymous)'} @ ${source}`;
		}
		parts.set(part, (parts.get(part) ?? 0) + us);
		if (label) functions.set(label, (functions.get(label) ?? 0) + us);
	}
	const ms = (entries) => [...entries].map(([k, v]) => [k, v / 1000]).sort((a, b) => b[1] - a[1]);
	return {
		wallMs: (profile.endTime - profile.startTime) / 1000,
		busyMs: busy / 1000,
		parts: ms(parts),
		top: ms(functions).slice(0, 25)
	};
}

/** The profile with its frames pointing at the sources (for DevTools, or a closer look later). */
export function mappedProfile(profile, map) {
	if (!map) return profile;
	const nodes = profile.nodes.map((node) => {
		const { callFrame } = node;
		if (callFrame.url !== 'index.js') return node;
		const entry = map.findEntry(callFrame.lineNumber, callFrame.columnNumber);
		if (!entry?.originalSource) return node;
		const url = entry.originalSource
			.replace(/^(\.\.\/)+/, '')
			.replace(/^node_modules\/src\//, 'node_modules/drizzle-orm/src/');
		return {
			...node,
			callFrame: { ...callFrame, url, lineNumber: entry.originalLine, columnNumber: entry.originalColumn }
		};
	});
	return { ...profile, nodes };
}

/**
 * Inclusive time of chosen functions: the samples whose stack holds a frame `match(name, source)`
 * accepts (async continuations have only their own stack, so this is the synchronous part).
 */
export function inclusiveTimes(profile, map, markers) {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const cache = new Map();
	const hits = new Map(); // node id -> marker labels on its stack
	const labelsOf = (id) => {
		if (hits.has(id)) return hits.get(id);
		const node = byId.get(id);
		const source = sourceOf(node.callFrame, map, cache) ?? '';
		const own = markers.filter(([, match]) => match(node.callFrame.functionName, source)).map(([label]) => label);
		const labels = new Set([...(parent.has(id) ? labelsOf(parent.get(id)) : []), ...own]);
		hits.set(id, labels);
		return labels;
	};
	const totals = new Map(markers.map(([label]) => [label, 0]));
	for (let i = 0; i < profile.samples.length; i++) {
		for (const label of labelsOf(profile.samples[i]))
			totals.set(label, totals.get(label) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
	}
	return [...totals];
}

/** The workerd process that runs the Worker: the one `wrangler dev` started with the inspector (Linux /proc). */
export function workerdPid(wranglerPid) {
	if (process.platform !== 'linux') return null;
	const children = new Map();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			children.set(Number(entry), ppid);
		} catch {
			/* gone */
		}
	}
	const descendants = (pid) =>
		[...children].filter(([, ppid]) => ppid === pid).flatMap(([child]) => [child, ...descendants(child)]);
	for (const pid of descendants(wranglerPid)) {
		try {
			const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
			if (args[0].endsWith('workerd') && args.some((a) => a.startsWith('--inspector-addr'))) return pid;
		} catch {
			/* gone */
		}
	}
	return null;
}

/**
 * The TCP ports a process listens on (IPv4, Linux /proc; empty elsewhere): a listening socket
 * of /proc/net/tcp whose inode is one of the process's open file descriptors.
 */
export function listeningPorts(pid) {
	if (!pid) return [];
	const listening = new Map();
	try {
		for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
			const fields = line.trim().split(/\s+/);
			if (fields[3] === '0A') listening.set(fields[9], parseInt(fields[1].split(':')[1], 16));
		}
		const ports = [];
		for (const fd of readdirSync(`/proc/${pid}/fd`)) {
			try {
				const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
				if (inode && listening.has(inode)) ports.push(listening.get(inode));
			} catch {
				/* closed meanwhile */
			}
		}
		return ports;
	} catch {
		return [];
	}
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** User + system CPU milliseconds a process has used so far (null where /proc is not there). */
export function processCpuMs(pid) {
	if (!pid) return null;
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
	} catch {
		return null;
	}
}

/** Resident memory of a process in bytes (null where /proc is not there). */
export function processRssBytes(pid) {
	if (!pid) return null;
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
		return kb ? Number(kb) * 1024 : null;
	} catch {
		return null;
	}
}
