import { AppError, type ErrorBody } from './domain/errors';
import type { Env } from './env';
import { readConfig } from './services/config';

/**
 * Production answers https only. A plain http GET or HEAD is redirected to the
 * same address over https (308); anything else is refused, since its body and
 * cookies have already crossed the network in the clear. (Cloudflare's "Always
 * Use HTTPS" does the same at the edge; this holds without it.) Development on
 * http://localhost is untouched. Returns null when the request may go on.
 */
export function httpsOnly(request: Request, url: URL, env: Env): Response | null {
	if (url.protocol !== 'http:' || readConfig(env).environment !== 'production') return null;
	if (request.method === 'GET' || request.method === 'HEAD') {
		const target = new URL(url);
		target.protocol = 'https:';
		return new Response(null, { status: 308, headers: { location: target.href } });
	}
	const error = new AppError('forbidden', 'Use https: this site does not accept plain http.');
	return Response.json({ error: error.toJSON() } satisfies ErrorBody, { status: error.status });
}
