// Small helpers for the benchmarks: HTTP against a *.localhost host on loopback,
// sign-in through the dev helpers, autocannon runs, gzip sizes.
import autocannon from 'autocannon';
import { gzipSync } from 'node:zlib';

/** Requests go to 127.0.0.1 with the Host header of the portal or dashboard. */
export function target(port, host) {
	return { origin: `http://127.0.0.1:${port}`, host: `${host}:${port}` };
}

export async function get(t, path, headers = {}) {
	return fetch(`${t.origin}${path}`, { headers: { host: t.host, ...headers }, redirect: 'manual' });
}

/** Signs in through a dev-minted magic link, returns the cookie header value. */
export async function signIn(port, { email, workspace }) {
	const dashboard = target(port, 'localhost');
	const res = await fetch(`${dashboard.origin}/dev/login-link`, {
		method: 'POST',
		headers: { host: dashboard.host, 'content-type': 'application/json' },
		body: JSON.stringify({ email, ...(workspace ? { workspace } : {}) })
	});
	if (!res.ok) throw new Error(`dev login link failed: ${res.status} ${await res.text()}`);
	const link = new URL((await res.json()).url);
	const host = link.host;
	const verify = await fetch(`http://127.0.0.1:${port}${link.pathname}${link.search}`, {
		method: 'POST',
		headers: { host, origin: `http://${host}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body: '',
		redirect: 'manual'
	});
	const cookie = verify.headers.get('set-cookie')?.split(';')[0];
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
				headers: { host: t.host, ...headers },
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

/** Gzip bytes of the JavaScript a page makes the browser load (scripts, module preloads, inline). */
export async function pageJsGzip(t, path, cookie) {
	const res = await get(t, path, { cookie, accept: 'text/html' });
	const html = await res.text();
	const urls = new Set();
	for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) urls.add(m[1]);
	for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) urls.add(m[1]);
	for (const m of html.matchAll(/import\("([^"]+\.js)"\)/g)) urls.add(m[1]);
	let bytes = 0;
	for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) bytes += gzipSync(m[1]).length;
	for (const url of urls) {
		const asset = await get(t, url.startsWith('/') ? url : `/${url.replace(/^\.\//, '')}`);
		if (asset.ok) bytes += gzipSync(Buffer.from(await asset.arrayBuffer())).length;
	}
	return { status: res.status, files: urls.size, gzipBytes: bytes };
}

export function d1Counts(res) {
	return { roundTrips: Number(res.headers.get('x-d1-round-trips') ?? NaN), statements: Number(res.headers.get('x-d1-statements') ?? NaN) };
}
