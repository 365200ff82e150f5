import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * `npm run bench` profiles the Worker and maps its CPU samples back to the sources: with
 * COPORTAL_SERVER_SOURCEMAP=1 the server build gets source maps (never the client build,
 * so nothing is added to what browsers download).
 */
function serverSourcemap(): Plugin {
	return {
		name: 'coportal-server-sourcemap',
		enforce: 'post',
		// After SvelteKit's own config hook, which marks its server build with build.ssr.
		config(config) {
			if (process.env.COPORTAL_SERVER_SOURCEMAP === '1') return { build: { sourcemap: Boolean(config.build?.ssr) } };
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), serverSourcemap()]
});
