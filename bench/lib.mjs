// Small helpers for the benchmarks: HTTP against a *.localhost host on loopback,
// sign-in through the dev helpers, autocannon runs, gzip sizes.
import autocannon from 'autocannon';
import dns from 'node:dns';
import { gzipSync } from 'node:zlib';

// <slug>.localhost is loopback in browsers but not in every resolver (nor in Node's): answer it
// here for this process, so fetch and autocannon send the real Host (a Host header set by hand
// is not honoured by Node's fetch).
const systemLookup = dns.lookup;
dns.lookup = (hostname, options, callback) => {
	const cb = typeof options === 'function' ? options : callback;
	const opts = typeof options === 'object' ? options : {};
	if (!hostname.endsWith('.localhost')) return systemLookup(hostname, options, callback);
	return opts.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4);
};

/** The portal (`<slug>.localhost`) or the dashboard (`localhost`) of the local server. */
export function target(port, host) {
	return { origin: `http://${host}:${port}`, host: `${host}:${port}` };
}

export async function get(t, path, headers = {}) {
	return fetch(`${t.origin}${path}`, { headers, redirect: 'manual' });
}

/** Signs in through a dev-minted magic link, returns the cookie header value. */
export async function signIn(port, { email, workspace }) {
	const dashboard = target(port, 'localhost');
	const res = await fetch(`${dashboard.origin}/dev/login-link`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, ...(workspace ? { workspace } : {}) })
	});
	if (!res.ok) throw new Error(`dev login link failed: ${res.status} ${await res.text()}`);
	const link = new URL((await res.json()).url);
	const verify = await fetch(link, {
		method: 'POST',
		headers: { origin: link.origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body: '',
		redirect: 'manual'
	});
	const cookie = verify.headers
		.getSetCookie()
		.find((c) => c.startsWith('cp_session='))
		?.split(';')[0];
	if (!cookie) throw new Error(`sign-in failed (${verify.status})`);
	return cookie;
}

/** One autocannon run; returns req/s and latency percentiles in ms. */
export function load(t, { path, method = 'GET', headers = {}, body, connections, duration }) {
	return new Promise((resolve, reject) => {
		autocannon(
			{
				url: `${t.origin}${path}`,
				method,
				headers,
				body,
				connections,
				duration,
				timeout: 20
			},
			(error, result) => {
				if (error) return reject(error);
				resolve({
					rps: result.requests.average,
					p50: result.latency.p50,
					p99: result.latency.p99,
					total: result.requests.total,
					non2xx: result.non2xx,
					errors: result.errors + result.timeouts
				});
			}
		);
	});
}

/**
 * Gzip bytes of the JavaScript a page makes the browser load on a first visit: scripts,
 * module preloads (SvelteKit sends them as a `Link` header on server-rendered pages, or as
 * <link rel="modulepreload">), the entry modules the inline start script imports, and the
 * static imports of all of those, transitively; plus the inline scripts. Each file gzipped
 * on its own. Dynamic imports inside modules (other pages' code) are not followed.
 */
export async function pageJsGzip(t, path, cookie) {
	const res = await get(t, path, { cookie, accept: 'text/html' });
	const html = await res.text();
	const queue = [];
	for (const m of (res.headers.get('link') ?? '').matchAll(/<([^>]+)>;[^,]*rel="?modulepreload"?/g)) queue.push(m[1]);
	for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) queue.push(m[1]);
	for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*>/g)) queue.push(/href="([^"]+)"/.exec(m[0])?.[1]);
	let bytes = 0;
	const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
	for (const code of inline) {
		bytes += gzipSync(code).length;
		for (const m of code.matchAll(/import\("([^"]+\.js)"\)/g)) queue.push(m[1]);
	}
	const seen = new Set();
	while (queue.length) {
		const raw = queue.shift();
		if (!raw) continue;
		const url = new URL(raw, `${t.origin}${path}`);
		if (seen.has(url.pathname)) continue;
		seen.add(url.pathname);
		const asset = await fetch(url);
		if (!asset.ok) throw new Error(`${url.pathname} (JS of ${path}) answered ${asset.status}`);
		const code = Buffer.from(await asset.arrayBuffer());
		bytes += gzipSync(code).length;
		// Static imports of a minified module: import{a}from"./x.js" / import"./x.js" / export*from"./x.js".
		for (const m of code.toString('utf8').matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g))
			queue.push(new URL(m[1], url).pathname);
	}
	return { status: res.status, files: seen.size, gzipBytes: bytes };
}

export function d1Counts(res) {
	return {
		roundTrips: Number(res.headers.get('x-d1-round-trips') ?? NaN),
		statements: Number(res.headers.get('x-d1-statements') ?? NaN)
	};
}
