import adapter from '@sveltejs/adapter-cloudflare';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	compilerOptions: { runes: true },
	kit: {
		// The adapter reads its own small wrangler file so that it writes the SvelteKit
		// worker into .svelte-kit/cloudflare and leaves wrangler.toml's main alone.
		adapter: adapter({ config: 'wrangler.sveltekit.toml' }),
		files: { src: 'app', assets: 'static' },
		alias: {
			$domain: 'worker/domain',
			$services: 'worker/services',
			$http: 'worker/http',
			$db: 'db'
		},
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'connect-src': ['self'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'frame-ancestors': ['none'],
				// Pay now redirects a form post to Paystack's hosted checkout.
				'form-action': ['self', 'https://checkout.paystack.com']
			}
		},
		paths: { relative: false },
		version: { pollInterval: 0 }
	}
};

export default config;
