// The SvelteKit build output (vite build writes it; worker/index.ts wraps it).
declare module '*/.svelte-kit/cloudflare/_worker.js' {
	const handler: ExportedHandler<import('./env').Env> & {
		fetch: NonNullable<ExportedHandler<import('./env').Env>['fetch']>;
	};
	export default handler;
}
