const HEADERS: [string, string][] = [
	['X-Content-Type-Options', 'nosniff'],
	['Referrer-Policy', 'strict-origin-when-cross-origin'],
	['X-Frame-Options', 'DENY'],
	['Permissions-Policy', 'camera=(), microphone=(), geolocation=()']
];
const HSTS = 'max-age=31536000; includeSubDomains';

/** Headers every response gets, whichever side (SvelteKit or Hono) produced it. */
export function withSecurityHeaders(response: Response, url: URL): Response {
	// WebSocket upgrades pass through untouched.
	if (response.status === 101 || response.webSocket) return response;
	try {
		// Pages and API answers are ours and mutable: set in place, no copy of the response.
		set(response.headers, url);
		return response;
	} catch {
		// Immutable headers (a fetched asset, Response.redirect): a copy takes them.
		const out = new Response(response.body, response);
		set(out.headers, url);
		return out;
	}
}

function set(headers: Headers, url: URL) {
	for (const [name, value] of HEADERS) headers.set(name, value);
	if (url.protocol === 'https:') headers.set('Strict-Transport-Security', HSTS);
}
