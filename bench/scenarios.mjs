// The routes the benchmark measures; `floor` is the trivial route ratios are taken against.
import { target } from './lib.mjs';

export async function scenarios({ port, portal, cookie, ids }) {
	const auth = { cookie, accept: 'text/html' };
	return [
		{ name: 'floor: GET /api/health', target: portal, path: '/api/health', floor: true },
		{ name: 'portal home', target: portal, path: '/', headers: auth, page: true },
		{ name: 'project page', target: portal, path: `/projects/${ids.projectId}`, headers: auth, page: true },
		{
			name: 'magic-link request',
			target: portal,
			path: '/api/auth/login-link',
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: `http://${portal.host}` },
			body: JSON.stringify({ email: ids.clientEmail })
		}
	];
}

export { target };
