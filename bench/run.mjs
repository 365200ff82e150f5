// `npm run bench`: builds, starts the Worker in local workerd with a large
// deterministic workspace, and measures. Writes bench/RESULTS.md.
// Not part of `npm test`. Env: BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (default 10).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { applyMigrations, build, freePort, quietEnv, root, startServer } from '../scripts/lib/server.mjs';
import { d1Counts, get, load, pageJsGzip, signIn, target } from './lib.mjs';
import { scenarios } from './scenarios.mjs';
import { seedLarge, SIZES } from './seed-large.mjs';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const state = path.join(root, 'bench', '.state');

console.log('• building');
build();
rmSync(state, { recursive: true, force: true });
mkdirSync(state, { recursive: true });
applyMigrations(state);
console.log('• seeding the large workspace');
const ids = seedLarge(state);
const port = await freePort();
const server = await startServer({ port, persistTo: state, vars: { LOGIN_LIMIT_PER_IP: '100000000', LOGIN_LIMIT_PER_EMAIL: '100000000' } });

try {
	const portal = target(port, `${ids.workspaceSlug}.localhost`);
	const cookie = await signIn(port, { email: ids.clientEmail, workspace: ids.workspaceSlug });
	const list = await scenarios({ port, portal, cookie, ids });

	console.log(`• load: ${connections} connections x ${duration}s per route`);
	const rows = [];
	for (const s of list) {
		const probe = await get(s.target, s.path, { ...s.headers, ...(s.method && s.method !== 'GET' ? {} : {}) });
		const counts = s.method && s.method !== 'GET' ? { roundTrips: NaN, statements: NaN } : d1Counts(probe);
		const result = await load(s.target, { path: s.path, method: s.method, headers: s.headers, body: s.body, connections, duration });
		rows.push({ ...s, status: probe.status, counts, result });
		console.log(`  ${s.name.padEnd(28)} ${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  non-2xx ${result.non2xx}`);
	}

	console.log('• JavaScript per portal page');
	const js = [];
	for (const s of list.filter((x) => x.page)) js.push({ name: s.name, ...(await pageJsGzip(s.target, s.path, cookie)) });

	console.log('• Worker bundle size');
	const outdir = path.join(state, 'bundle');
	execFileSync(path.join(root, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', outdir, '--env', 'production'], { cwd: root, env: quietEnv, stdio: 'pipe' });
	let raw = 0;
	let gz = 0;
	for (const f of readdirSync(outdir, { recursive: true })) {
		const full = path.join(outdir, String(f));
		if (!statSync(full).isFile() || full.endsWith('.map') || full.endsWith('README.md')) continue;
		const bytes = readFileSync(full);
		raw += bytes.length;
		gz += gzipSync(bytes).length;
	}

	writeFileSync(path.join(root, 'bench', 'RESULTS.md'), report({ rows, js, bundle: { raw, gz } }));
	console.log('• wrote bench/RESULTS.md');
} finally {
	await server.stop();
}

function report({ rows, js, bundle }) {
	const floor = rows.find((r) => r.floor);
	const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
	const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	const lines = [
		'# Benchmark results',
		'',
		`Run ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` on ${os.cpus().length} x ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}.`,
		`Local workerd via \`wrangler dev\` (one process, loopback), autocannon with ${connections} connections for ${duration}s per route.`,
		`Data: one workspace with ${SIZES.clients} clients, ${SIZES.clients * SIZES.projectsPerClient} projects, ${SIZES.clients * SIZES.projectsPerClient * SIZES.tasksPerProject} tasks, ${SIZES.clients * SIZES.invoicesPerClient} invoices, ${SIZES.messages} messages (deterministic, bench/seed-large.mjs).`,
		'',
		'Ratios are to the floor: a trivial route of the same Worker (no D1). Local workerd and SQLite on one machine say how the code scales with data, not what the edge will do.',
		'',
		'| Route | req/s | p50 ms | p99 ms | req/s vs floor | p50 vs floor | D1 round trips | D1 statements |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
		...rows.map(
			(r) =>
				`| ${r.name} | ${r.result.rps.toFixed(0)} | ${r.result.p50} | ${r.result.p99} | ${(r.result.rps / floor.result.rps).toFixed(2)} | ${(r.result.p50 / Math.max(floor.result.p50, 1)).toFixed(1)}x | ${Number.isNaN(r.counts.roundTrips) ? '—' : r.counts.roundTrips} | ${Number.isNaN(r.counts.statements) ? '—' : r.counts.statements} |`
		),
		'',
		`Errors/non-2xx during load: ${rows.map((r) => `${r.name} ${r.result.non2xx + r.result.errors}`).join(', ')}.`,
		'',
		'## JavaScript shipped per portal page (gzip)',
		'',
		'| Page | JS files | gzip |',
		'| --- | ---: | ---: |',
		...js.map((j) => `| ${j.name} | ${j.files} | ${kb(j.gzipBytes)} |`),
		'',
		'## Worker bundle',
		'',
		`\`wrangler deploy --dry-run\`: ${kb(bundle.raw)} raw, **${kb(bundle.gz)} gzip** (Cloudflare limits: 3 MiB gzip on Workers Free, 10 MiB on Paid).`,
		''
	];
	return lines.join('\n');
}
