import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
	applyMigrations,
	build,
	DEMO_SHARD_DIRECTORY,
	freePort,
	root,
	seed,
	startServer
} from '../scripts/lib/server.mjs';

/**
 * One fresh local deployment for the whole suite: its own persisted state,
 * a free port, migrations, demo data. Returns the teardown.
 */
export default async function globalSetup() {
	if (!existsSync(path.join(root, '.svelte-kit/cloudflare/_worker.js'))) build();
	const state = path.join(root, '.e2e-state');
	rmSync(state, { recursive: true, force: true });
	mkdirSync(state, { recursive: true });
	applyMigrations(state);
	const port = await freePort();
	const logs: string[] = [];
	const server = await startServer({
		port,
		persistTo: state,
		// The suite signs in many times from one IP; the limits themselves are covered by the workerd tests.
		vars: { LOGIN_LIMIT_PER_IP: '10000', LOGIN_LIMIT_PER_EMAIL: '1000', SHARD_DIRECTORY: DEMO_SHARD_DIRECTORY },
		log: (line: string) => logs.push(line)
	});
	await seed(server.url);
	process.env.E2E_PORT = String(port);
	return async () => {
		await server.stop();
		if (process.env.E2E_SHOW_SERVER_LOG) console.log(logs.join(''));
	};
}
