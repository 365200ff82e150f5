// Runs the Worker locally in workerd via `wrangler dev`: used by `npm start`,
// the e2e suite and the benchmarks. Node built-ins only.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

// node_modules/.bin first, so wrangler and vite run on the project's Node 24 even
// when this script was not started through `npm run`.
export const quietEnv = {
	...process.env,
	PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
	WRANGLER_SEND_METRICS: 'false',
	CLOUDFLARE_CF_FETCH_ENABLED: 'false',
	CI: process.env.CI ?? '1',
	NO_COLOR: '1'
};

export function run(cmd, args, opts = {}) {
	const result = spawnSync(bin(cmd), args, {
		cwd: root,
		stdio: opts.quiet ? 'pipe' : 'inherit',
		env: { ...quietEnv, ...opts.env },
		encoding: 'utf8'
	});
	if (result.status !== 0) {
		if (opts.quiet) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
		throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${result.status}`);
	}
	return result;
}

/** `vite build`; `{ sourcemap: true }` adds source maps to the server build (bench/profile.mjs). */
export function build({ sourcemap = false } = {}) {
	run('vite', ['build', '--logLevel', 'warn'], sourcemap ? { env: { COPORTAL_SERVER_SOURCEMAP: '1' } } : {});
}

/**
 * The shard directory of `npm start` and the browser tests (worker/services/shards.ts): the demo's
 * Fjord Digital portal on DB_SHARD_2 (worker/dev/seed/second-shard.ts), everything else on DB.
 * wrangler.toml's own directory is empty, so a bare `wrangler dev` and the benchmark use DB only.
 */
export const DEMO_SHARD_DIRECTORY = JSON.stringify({ fjord: 'DB_SHARD_2' });

/**
 * Every shard: DB, and DB_SHARD_2 which only the directory sends workspaces to. The benchmark's
 * throwaway state gets DB only (bench/seed-large.mjs writes straight into its one D1 file).
 */
export function applyMigrations(persistTo, bindings = ['DB', 'DB_SHARD_2']) {
	for (const binding of bindings)
		run(
			'wrangler',
			['d1', 'migrations', 'apply', binding, '--local', ...(persistTo ? ['--persist-to', persistTo] : [])],
			{ quiet: true }
		);
}

export async function freePort() {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

async function waitForHealth(url, child, timeoutMs = 90_000) {
	const started = Date.now();
	while (Date.now() - started < timeoutMs) {
		if (child.exitCode !== null) throw new Error(`wrangler dev exited early (code ${child.exitCode})`);
		try {
			const res = await fetch(`${url}/api/health`);
			if (res.ok) return;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 300));
	}
	throw new Error(`wrangler dev did not answer on ${url} within ${timeoutMs / 1000}s`);
}

/**
 * Starts `wrangler dev` on a port (vars override wrangler.toml) and waits until
 * /api/health answers. Returns { url, stop }. With `cron: true` it also runs the
 * Worker's every-minute cron (wrangler dev never fires cron triggers by itself):
 * `--test-scheduled` exposes /__scheduled, which is called once a minute.
 * With `inspectorPort` the Worker's V8 inspector (Chrome DevTools Protocol) listens
 * there, for the CPU profiles of the benchmark (bench/cpu-profile.mjs).
 */
export async function startServer({
	port,
	persistTo,
	vars = {},
	stdio = 'pipe',
	log,
	cron = false,
	inspectorPort
} = {}) {
	const args = [
		'dev',
		'--port',
		String(port),
		'--ip',
		'127.0.0.1',
		'--show-interactive-dev-session=false',
		'--log-level',
		'warn',
		'--var',
		`DEV_PORT:${port}`
	];
	if (inspectorPort) args.push('--inspector-port', String(inspectorPort), '--inspector-ip', '127.0.0.1');
	if (cron) args.push('--test-scheduled');
	if (persistTo) args.push('--persist-to', persistTo);
	for (const [key, value] of Object.entries(vars)) args.push('--var', `${key}:${value}`);
	const child = spawn(bin('wrangler'), args, {
		cwd: root,
		env: quietEnv,
		stdio: ['ignore', stdio, stdio],
		detached: process.platform !== 'win32'
	});
	if (stdio === 'pipe') {
		const sink = (chunk) => log?.(chunk.toString());
		child.stdout?.on('data', sink);
		child.stderr?.on('data', sink);
	}
	const url = `http://localhost:${port}`;
	const stop = () =>
		new Promise((resolve) => {
			if (child.exitCode !== null) return resolve();
			child.once('exit', () => resolve());
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {
				child.kill('SIGTERM');
			}
			setTimeout(() => {
				try {
					process.kill(-child.pid, 'SIGKILL');
				} catch {
					/* gone */
				}
			}, 5000).unref();
		});
	try {
		await waitForHealth(url, child);
	} catch (error) {
		await stop();
		throw error;
	}
	if (cron) {
		const tick = () =>
			fetch(`${url}/__scheduled?cron=*+*+*+*+*`).then(
				(r) => r.body?.cancel(),
				() => {}
			);
		tick();
		const timer = setInterval(tick, 60_000);
		timer.unref();
		child.once('exit', () => clearInterval(timer));
	}
	return { url, port, stop, child };
}

export async function seed(url) {
	const res = await fetch(`${url}/dev/seed`, { method: 'POST' });
	if (!res.ok) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
	return res.json();
}
