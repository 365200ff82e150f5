// `npm run bench`: builds, starts the Worker in local workerd with a large
// deterministic workspace, and measures. Writes bench/RESULTS.md.
// Not part of `npm test`. Env knobs:
//   BENCH_DURATION     seconds of load per route (default 10)
//   BENCH_CONNECTIONS  concurrent connections (default 10)
//   BENCH_FANOUT       0 skips the thread fan-out runs (default: run it twice, straight to the
//                      Worker's workerd and through wrangler dev's proxy, N=200 sockets)
//   BENCH_FANOUT_CLIENTS / BENCH_FANOUT_MESSAGES  its N and M (default 200 / 100)
//   BENCH_BUILD        0 reuses the existing build (default: vite build first)
// Exits non-zero when a probe answers with an unexpected status or body, or a load run
// saw a non-2xx answer or an error (the report is still written).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { applyMigrations, build, freePort, quietEnv, root, startServer } from '../scripts/lib/server.mjs';
import { processCpuMs, workerdPid } from './cpu-profile.mjs';
import { d1Counts, load, pageJsGzip, signIn, target } from './lib.mjs';
import { checkProbe, portalPages, request, scenarios } from './scenarios.mjs';
import { BENCH_ENCRYPTION_KEY, seedLarge, SIZES } from './seed-large.mjs';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const floorDuration = Math.max(2, Math.round(duration / 3));
const fanout = process.env.BENCH_FANOUT !== '0';
const fanoutClients = Number(process.env.BENCH_FANOUT_CLIENTS ?? 200);
const fanoutMessages = Number(process.env.BENCH_FANOUT_MESSAGES ?? 100);
const state = path.join(root, 'bench', '.state');
const failures = [];
const started = Date.now();

if (process.env.BENCH_BUILD !== '0') {
	console.log('• building');
	build();
}
rmSync(state, { recursive: true, force: true });
mkdirSync(state, { recursive: true });
applyMigrations(state, ['DB']);
console.log('• seeding the large workspace');
const ids = seedLarge(state, { encryptionKey: BENCH_ENCRYPTION_KEY });
const port = await freePort();
const server = await startServer({
	port,
	persistTo: state,
	// Not for a debugger: it marks the workerd process that runs the Worker, whose CPU time is measured.
	inspectorPort: await freePort(),
	// ENCRYPTION_KEY: the key the seeded Paystack secret is sealed with, as a deployment would have it.
	vars: { LOGIN_LIMIT_PER_IP: '100000000', LOGIN_LIMIT_PER_EMAIL: '100000000', ENCRYPTION_KEY: BENCH_ENCRYPTION_KEY }
});

const rows = [];
const js = [];
let bundle;
const loadBefore = os.loadavg();
try {
	const portal = target(port, `${ids.workspaceSlug}.localhost`);
	const cookie = await signIn(port, { email: ids.clientEmail, workspace: ids.workspaceSlug });
	const staffCookie = await signIn(port, { email: ids.ownerEmail });
	const list = await scenarios({ port, portal, cookie, staffCookie, ids });
	const pid = workerdPid(server.child.pid);
	if (!pid) console.warn("  the Worker's workerd process was not found (Linux /proc only): no CPU figures");
	/** A load run, with the CPU the Worker's workerd process used per request during it. */
	const measured = async (t, options) => {
		const before = processCpuMs(pid);
		const result = await load(t, options);
		const after = processCpuMs(pid);
		return {
			...result,
			cpuMs: before === null || after === null || !result.total ? null : (after - before) / result.total
		};
	};

	console.log(`• load: ${connections} connections x ${duration}s per route, each after ${floorDuration}s of the floor`);
	const floorScenario = list.find((s) => s.floor);
	for (const s of list) {
		if (s.setup) await s.setup();
		// The first request fills the isolate's caches (request context, PDFs), as the load's
		// first requests do; the D1 counts reported are those of the second, a warm one.
		await (await request(s.target, s.path, s)).arrayBuffer();
		const probe = await request(s.target, s.path, s);
		const problem = await checkProbe(s, probe);
		if (problem) failures.push(`${s.name}: ${problem}`);
		const counts = d1Counts(probe);
		// The machine is shared and its load drifts during a run: each route's ratios are taken
		// against a short floor run right before it, not only the one at the start.
		const floor = s.floor
			? null
			: await measured(floorScenario.target, { path: floorScenario.path, connections, duration: floorDuration });
		const result = await measured(s.target, {
			path: s.path,
			method: s.method,
			headers: s.headers,
			body: s.body,
			connections,
			duration
		});
		if (result.non2xx || result.errors)
			failures.push(`${s.name}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
		rows.push({ ...s, status: probe.status, counts, result, floorResult: floor ?? result });
		console.log(
			`  ${s.name.padEnd(36)} ${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  CPU ${result.cpuMs?.toFixed(2) ?? '—'} ms/req  D1 ${counts.roundTrips}/${counts.statements}  non-2xx ${result.non2xx}  errors ${result.errors}`
		);
	}

	console.log('• JavaScript per portal page');
	for (const p of portalPages({ ids })) {
		const measured = await pageJsGzip(portal, p.path, cookie);
		if (measured.status !== 200)
			failures.push(`JS of portal page ${p.name} (${p.path}): the page answered ${measured.status}`);
		js.push({ ...p, ...measured });
		console.log(`  ${p.name.padEnd(14)} ${measured.files} files  ${(measured.gzipBytes / 1024).toFixed(1)} KiB gzip`);
	}
} finally {
	await server.stop();
}

console.log('• Worker bundle size');
bundle = workerBundle();
console.log(`  ${(bundle.raw / 1024).toFixed(1)} KiB raw, ${(bundle.gz / 1024).toFixed(1)} KiB gzip`);

let fan = null;
if (fanout) {
	fan = {};
	// Straight to the Worker's workerd without compression, as production serves it (the figure
	// the target is about), then through wrangler dev's proxy with permessage-deflate offered, as
	// every run before 2026-12-04 measured it, so the two can be compared.
	for (const via of ['direct', 'wrangler']) {
		console.log(`• thread fan-out (${fanoutClients} sockets x ${fanoutMessages} messages, ${via})`);
		fan[via] = await threadFanout(via);
		if (!fan[via].ok)
			failures.push(
				`thread fan-out (${via}): ${fan[via].error ?? `${fan[via].result?.delivered} / ${fan[via].result?.expected} delivered`}`
			);
	}
}

const loadAfter = os.loadavg();
const resultsFile = path.join(root, 'bench', 'RESULTS.md');
// The hand-kept "## History" section (what earlier runs found) survives a new run.
const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
const history = previous.includes('\n## History') ? previous.slice(previous.indexOf('\n## History')) : '';
writeFileSync(resultsFile, report({ rows, js, bundle, fan, loadBefore, loadAfter }).trimEnd() + '\n' + history);
console.log(`• wrote bench/RESULTS.md (${Math.round((Date.now() - started) / 1000)} s)`);
if (failures.length) {
	console.error(`\nbench: ${failures.length} problem(s):\n${failures.map((f) => `  - ${f}`).join('\n')}`);
	process.exitCode = 1;
}

/** What `wrangler deploy --dry-run` would upload, raw and gzip (source maps and its README excluded). */
function workerBundle() {
	const outdir = path.join(state, 'bundle');
	execFileSync(
		path.join(root, 'node_modules/.bin/wrangler'),
		['deploy', '--dry-run', '--outdir', outdir, '--env', 'production'],
		{ cwd: root, env: quietEnv, stdio: 'pipe' }
	);
	let raw = 0;
	let gz = 0;
	for (const f of readdirSync(outdir, { recursive: true })) {
		const full = path.join(outdir, String(f));
		if (!statSync(full).isFile() || full.endsWith('.map') || full.endsWith('README.md')) continue;
		const bytes = readFileSync(full);
		raw += bytes.length;
		gz += gzipSync(bytes).length;
	}
	return { raw, gz };
}

/** Runs bench/thread-fanout.mjs (already built) and reads the JSON summary it prints last. */
function threadFanout(via) {
	return new Promise((resolve) => {
		const child = spawn(
			process.execPath,
			[
				path.join(root, 'bench', 'thread-fanout.mjs'),
				'--no-build',
				'--clients',
				String(fanoutClients),
				'--messages',
				String(fanoutMessages),
				'--via',
				via,
				...(via === 'wrangler' ? ['--deflate'] : [])
			],
			{
				cwd: root,
				env: quietEnv,
				stdio: ['ignore', 'pipe', 'inherit']
			}
		);
		let out = '';
		child.stdout.on('data', (chunk) => {
			out += chunk;
			process.stdout.write(chunk);
		});
		child.on('exit', (code) => {
			const line = out
				.trim()
				.split('\n')
				.reverse()
				.find((l) => l.startsWith('{'));
			let result = null;
			try {
				result = line ? JSON.parse(line) : null;
			} catch {
				/* no summary */
			}
			resolve({
				ok: code === 0 && Boolean(result),
				result,
				error: result ? undefined : `exited ${code} without a summary`
			});
		});
	});
}

function report({ rows, js, bundle, fan, loadBefore, loadAfter }) {
	const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
	const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	const la = (l) => l.map((n) => n.toFixed(1)).join(' / ');
	const count = (n) => (Number.isNaN(n) ? '—' : n);
	const cpuMs = (ms) => (ms === null || ms === undefined ? '—' : ms.toFixed(2));
	const MiB = 2 ** 20;
	// CPU is not affected by the machine's load (unlike latency), so one measurement of the page floor serves every row.
	const pageFloorCpu = rows.find((r) => r.pageFloor)?.result.cpuMs;
	const lines = [
		'# Benchmark results',
		'',
		'Written by `npm run bench` (bench/run.mjs); compare a new run against this file to see what a change did.',
		'',
		`Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} vCPU (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}.`,
		`The machine is shared with other engineers' builds and tests: load average ${la(loadBefore)} (1/5/15 min) when the load runs began, ${la(loadAfter)} at the end. Absolute figures move with that load; the ratios to the floor move less.`,
		`Local workerd via \`wrangler dev\` (its proxy and the Worker, each a workerd process, on loopback), autocannon with ${connections} connections for ${duration} s per route, one route after another.`,
		`Data: one workspace with ${SIZES.clients} clients, ${SIZES.clients * SIZES.projectsPerClient} projects, ${SIZES.clients * SIZES.projectsPerClient * SIZES.tasksPerProject} tasks, ${SIZES.clients * SIZES.invoicesPerClient} invoices (2 line items each, ${ids.counts.payments} payments), ${SIZES.clients * SIZES.quotesPerClient} quotes, ${SIZES.messages} messages in ${SIZES.clients * SIZES.projectsPerClient} threads (deterministic, bench/seed-large.mjs). Portal requests are signed in as the client of \`${ids.clientId}\`.`,
		'',
		'## Requests',
		'',
		`Ratios are to the floor, a trivial route of the same Worker (\`/api/health\`, registered before any middleware: no D1), loaded for ${floorDuration} s right before each route so that drifting machine load affects both sides of a ratio alike. D1 counts come from the development and test instrument (worker/services/d1-metrics.ts, \`X-D1-Round-Trips\` / \`X-D1-Statements\`) on a warm request (the second of the route; the first also pays the isolate's one-time work, such as building the compiled statements of worker/services/compiled-read.ts): a batch is one round trip.`,
		'',
		"CPU is the user + system time of the workerd process that runs the Worker (Linux /proc), over each load run, divided by the requests answered: the Worker's JavaScript and workerd's own work for it, plus the local stand-ins for D1 (SQLite), KV and R2, which on Cloudflare run elsewhere and are not billed as the Worker's CPU. So it over-states what Cloudflare would bill, by about the same for every route that does the same D1 work; `npm run bench:profile` (bench/PROFILE.md) splits the Worker's own part. Unlike latency, it does not grow with the machine's load.",
		'',
		'| Route | req/s | p50 ms | p99 ms | CPU ms/req | floor req/s just before | req/s vs floor | p50 vs floor | CPU vs floor | CPU vs page floor | D1 round trips | D1 statements |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
		...rows.map(
			(r) =>
				`| ${r.name} | ${r.result.rps.toFixed(0)} | ${r.result.p50} | ${r.result.p99} | ${cpuMs(r.result.cpuMs)} | ${r.floorResult.rps.toFixed(0)} | ${(r.result.rps / r.floorResult.rps).toFixed(2)} | ${(r.result.p50 / Math.max(r.floorResult.p50, 1)).toFixed(1)}x | ${r.result.cpuMs && r.floorResult.cpuMs ? `${(r.result.cpuMs / r.floorResult.cpuMs).toFixed(1)}x` : '—'} | ${pageFloorCpu && r.result.cpuMs ? `${(r.result.cpuMs / pageFloorCpu).toFixed(1)}x` : '—'} | ${count(r.counts.roundTrips)} | ${count(r.counts.statements)} |`
		),
		'',
		`Requests answered during load: ${rows.map((r) => `${r.name} ${r.result.total}`).join(', ')}. Non-2xx or errors: ${rows.map((r) => r.result.non2xx + r.result.errors).reduce((a, b) => a + b, 0)}.`,
		'',
		'What the non-page routes measure:',
		'',
		"- **page floor: portal sign-in page**: `GET /login` on the portal, signed out: the cheapest page of the Worker. SvelteKit's routing, load and server rendering of a small form (with its CSP, serialisation and ETag), the request context's read of the host's workspace, and one small read of its own (the published intake forms it lists): two D1 round trips of one statement each, like a portal page's two. A page's CPU against it is what the page's larger reads and markup cost; against the floor, the same plus what SvelteKit and D1 cost at all.",
		"- **invoice PDF download**: `GET /invoices/:id/pdf` on the portal (2 line items): the invoice is read through the client's scope (one D1 batch), then the PDF is the copy stored in R2 under the hash of what it is drawn from (worker/domain/pdf-cache.ts; rendered with pdf-lib on the first request only).",
		'- **magic-link request**: `POST /api/auth/login-link` for a known client email (rate limits raised for the run): one D1 round trip for the rate-limit counters, then 202; the contact lookup, the token (KV) and the email (development outbox) run after the response, and the D1 count includes that lookup because it starts before the response is sent.',
		'- **dashboard search**: `GET /api/search` as the workspace owner (worker/domain/search): FTS5 over 330,000 entries, one statement per kind in one D1 batch. "client 250" matches a few rows; "message" is in every one of the 200,000 messages and, as the last (prefix) term, is the worst case.',
		'- **CSV export of every invoice**: `GET /api/exports/invoices`, all 20,000 invoices streamed 500 rows per D1 query by keyset (40 queries per request; the D1 count is of the whole stream).',
		"- **Paystack webhook (repeat delivery)**: `POST /webhooks/paystack/bench` with a `charge.success` signed with the workspace's secret key (HMAC-SHA512 of the raw body). The first delivery applied the seeded pending payment before the run; the measured requests are repeated deliveries of it, the path Paystack's retries take: workspace lookup, decrypting the stored key (AES-GCM), signature check, one batched read that finds the event already processed, 200 `duplicate`.",
		'',
		'## JavaScript shipped per portal page (gzip)',
		'',
		'Scripts, module preloads and the dynamic imports of the page, plus inline scripts, each gzipped on its own (what a first visit downloads).',
		'',
		'| Page | JS files | gzip |',
		'| --- | ---: | ---: |',
		...js.map(
			(j) => `| ${j.name} (\`${j.path.replace(/[a-z]+_bench_[0-9_]+/g, ':id')}\`) | ${j.files} | ${kb(j.gzipBytes)} |`
		),
		'',
		'## Worker bundle',
		'',
		`\`wrangler deploy --dry-run --env production\`: ${kb(bundle.raw)} raw, **${kb(bundle.gz)} gzip**, against Cloudflare's limits of 3 MiB gzip on Workers Free (${((bundle.gz / (3 * MiB)) * 100).toFixed(0)}% used) and 10 MiB on Workers Paid (${((bundle.gz / (10 * MiB)) * 100).toFixed(0)}%).`,
		'',
		...fanoutSection(fan),
		''
	];
	return lines.join('\n');
}

function fanoutSection(fan) {
	const head = ['## Thread fan-out (`npm run bench:threads`)', ''];
	if (!fan) return [...head, 'Not run (BENCH_FANOUT=0).'];
	if (!fan.direct?.result) return [...head, `The run failed: ${fan.direct?.error}.`];
	const r = fan.direct.result;
	const w = fan.wrangler?.result;
	// null when nothing was delivered (a failed run still writes its report)
	const ms = (n) => (n === null || n === undefined ? '—' : `${n.toFixed(1)} ms`);
	const seconds = (n) => (n === null || n === undefined ? '—' : `${(n / 1000).toFixed(1)} s`);
	return [
		...head,
		`bench/thread-fanout.mjs in the same run, on a fresh state with the demo data: N WebSockets on one thread (half staff on the dashboard host, half client on the portal host, each authorised by the upgrade route and caught up by the ThreadRoom), then M messages posted one after another through \`POST /api/threads/:id/messages\`. Latency is per socket and message, from the start of the POST to the frame arriving. The sockets are read by ${r.receivers} receiving threads with the \`ws\` client (bench/fanout-receiver.mjs), timed on the wall clock that every thread shares, and connect straight to the workerd process that runs the Worker (where miniflare's entry Worker still hands each request to it), as production has no \`wrangler dev\` proxy in front of it, without permessage-deflate, which production declines (wrangler.toml, \`no_web_socket_compression\`) but \`wrangler dev\` would accept whatever the Worker's flags say. The last rows are the same run through that proxy with compression offered, as browsers offer it and as earlier runs measured.`,
		'',
		'| | |',
		'| --- | --- |',
		`| sockets (N) | ${r.clients} (${Math.ceil(r.clients / 2)} staff, ${Math.floor(r.clients / 2)} client) |`,
		`| messages (M) | ${r.messages} |`,
		`| delivered | **${r.delivered.toLocaleString('en')} / ${r.expected.toLocaleString('en')}**${r.socketsClosedEarly ? ` (${r.socketsClosedEarly} sockets closed during the run)` : ' (no socket closed during the run)'}${r.duplicates ? `, ${r.duplicates} duplicate copies` : ', no copy twice'} |`,
		`| delivery latency | **p50 ${ms(r.latency.p50)}, p90 ${ms(r.latency.p90)}, p99 ${ms(r.latency.p99)}**, max ${ms(r.latency.max)} |`,
		`| POST round trip | p50 ${ms(r.postRoundTrip.p50)}, p99 ${ms(r.postRoundTrip.p99)} |`,
		`| workerd CPU per message posted (the POST, the room's D1 write and its ${r.clients} sends) | ${r.workerdCpuMsPerMessage ?? '—'} ms |`,
		`| opening all ${r.clients} sockets (auth + catch-up, 20 at a time) | ${seconds(r.connectAllMs)} |`,
		`| first post to last delivery | ${seconds(r.totalMs)} |`,
		`| load average during the fan-out | ${r.loadAverage.join(' / ')} |`,
		...(r.rssMiB
			? [
					`| workerd resident memory | ${r.rssMiB.before} MiB before the sockets, ${r.rssMiB.withSockets} MiB with them: ~${r.rssMiB.perSocketKiB} KiB per socket |`
				]
			: []),
		...(r.catchUp
			? [
					`| catch-up: ${r.catchUp.sockets} late sockets sent the ${r.catchUp.backlog}-message backlog | p50 ${ms(r.catchUp.p50)}, max ${ms(r.catchUp.max)} to ready |`
				]
			: []),
		...(w
			? [
					`| through \`wrangler dev\`'s proxy, compression offered: delivered | ${w.delivered.toLocaleString('en')} / ${w.expected.toLocaleString('en')} |`,
					`| through \`wrangler dev\`'s proxy, compression offered: delivery latency | p50 ${ms(w.latency.p50)}, p90 ${ms(w.latency.p90)}, p99 ${ms(w.latency.p99)}, max ${ms(w.latency.max)} (load ${w.loadAverage.join(' / ')}); workerd ${w.rssMiB ? `~${w.rssMiB.perSocketKiB} KiB per socket, ` : ''}${w.workerdCpuMsPerMessage ?? '—'} ms CPU per message |`
				]
			: [`| through \`wrangler dev\`'s proxy | the run failed: ${fan.wrangler?.error} |`]),
		'',
		"Delivery is faster than the POST round trip because the room pushes a message to every socket as soon as D1 has stored it, before the API answers the poster. On this 2-core machine the run is CPU-bound: workerd spends the CPU per message above (a send costs it tens of microseconds, the POST and local D1 the rest) while the receiving threads take the other core, so the latency follows the machine's load. `wrangler dev`'s proxy is a second workerd process that relays every frame."
	];
}
