/** Headers every response gets, whichever side (SvelteKit or Hono) produced it. */
export function withSecurityHeaders(response: Response, url: URL): Response {
	// WebSocket upgrades and redirects with immutable headers pass through untouched.
	if (response.status === 101 || response.webSocket) return response;
	const out = new Response(response.body, response);
	const h = out.headers;
	h.set('X-Content-Type-Options', 'nosniff');
	h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	h.set('X-Frame-Options', 'DENY');
	h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	if (url.protocol === 'https:') h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	return out;
}
