// `npm run bench:profile`: where the Worker's CPU goes, per route of `npm run bench`.
// Builds with server source maps, serves the bench's large workspace in `wrangler dev` with
// the inspector on, and for each route runs the load with the V8 profiler attached
// (bench/cpu-profile.mjs). Writes the numbers into the generated section of bench/PROFILE.md
// (the hand-written analysis above it is kept). Env knobs:
//   PROFILE_DURATION     seconds of profiled load per route (default 5)
//   BENCH_CONNECTIONS    concurrent connections (default 10)
//   BENCH_BUILD          0 reuses the existing build (it must have been made with
//                        COPORTAL_SERVER_SOURCEMAP=1, or samples stay in the bundle)
//   PROFILE_ONLY         profile only the routes whose name contains this (the floor always runs)
// Exits non-zero, like `npm run bench`, when a probe's answer is not what its scenario expects or
// a load run saw a non-2xx answer or an error (the report is still written).
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyMigrations, build, freePort, root, startServer } from '../scripts/lib/server.mjs';
import {
	connectInspector,
	devBundleMap,
	inclusiveTimes,
	mappedProfile,
	PARTS,
	processCpuMs,
	profiled,
	splitProfile,
	workerdPid
} from './cpu-profile.mjs';
import { d1Counts, load, signIn, target } from './lib.mjs';
import { checkProbe, request, scenarios } from './scenarios.mjs';
import { BENCH_ENCRYPTION_KEY, seedLarge } from './seed-large.mjs';

const duration = Number(process.env.PROFILE_DURATION ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const state = path.join(root, 'bench', '.state');
const started = Date.now();

/** Synchronous parts worth seeing whole (inclusive time), matched by function name and source. */
const MARKERS = [
	// esbuild suffixes a digit to a name bundled twice (SvelteKit's copy and Hono's).
	[
		'buildServices (per-request services, drizzle instance)',
		(name, source) => /^buildServices\d*$/.test(name) && source.startsWith('worker/services/')
	],
	[
		'request context (host, workspace + session)',
		(name, source) =>
			/^(loadRequestContext|createRequestContext|requestContext)\d*$/.test(name) && source.startsWith('worker/')
	],
	[
		'SvelteKit adapter: Cache API lookup',
		(name, source) => source === '.svelte-kit/cloudflare/_worker.js' && name !== 'fetch'
	],
	['SvelteKit render_response (HTML, CSP, etag)', (name) => name === 'render_response'],
	['Svelte component rendering', (name, source) => /^render\d*$/.test(name) && source.includes('node_modules/svelte/')],
	['security headers (Worker entry)', (name) => name === 'withSecurityHeaders'],
	[
		'drizzle query building (toSQL)',
		(name, source) =>
			/^(buildQueryFromSourceParams|sqlToQuery|buildSelectQuery|buildUpdateQuery|buildInsertQuery)$/.test(name) &&
			source.includes('drizzle-orm')
	],
	[
		'drizzle result mapping',
		(name, source) =>
			/^(mapResultRow|mapResult|mapAllResult|mapGetResult)$/.test(name) && source.includes('drizzle-orm')
	],
	['PDF rendering (renderInvoicePdf)', (name) => /^renderInvoicePdf\d*$/.test(name)]
];

if (process.env.BENCH_BUILD !== '0') {
	console.log('• building with server source maps');
	build({ sourcemap: true });
}
rmSync(state, { recursive: true, force: true });
mkdirSync(state, { recursive: true });
applyMigrations(state, ['DB']);
console.log('• seeding the large workspace');
const ids = seedLarge(state, { encryptionKey: BENCH_ENCRYPTION_KEY });
const port = await freePort();
const inspectorPort = await freePort();
const server = await startServer({
	port,
	persistTo: state,
	inspectorPort,
	vars: { LOGIN_LIMIT_PER_IP: '100000000', LOGIN_LIMIT_PER_EMAIL: '100000000', ENCRYPTION_KEY: BENCH_ENCRYPTION_KEY }
});
const results = [];
const failures = [];
const loadBefore = os.loadavg();
let inspector;
try {
	const pid = workerdPid(server.child.pid);
	const map = devBundleMap(root);
	if (!map) console.warn('  no source map for the dev bundle: samples are attributed to index.js');
	inspector = await connectInspector(inspectorPort);
	const portal = target(port, `${ids.workspaceSlug}.localhost`);
	const cookie = await signIn(port, { email: ids.clientEmail, workspace: ids.workspaceSlug });
	const staffCookie = await signIn(port, { email: ids.ownerEmail });
	const only = process.env.PROFILE_ONLY;
	const list = (await scenarios({ port, portal, cookie, staffCookie, ids })).filter(
		(s) => !s.name.startsWith('Paystack') && (!only || s.floor || s.name.includes(only))
	);
	console.log(`• profiling: ${connections} connections x ${duration}s per route`);
	for (const s of list) {
		if (s.setup) await s.setup();
		const probe = await request(s.target, s.path, s);
		const counts = d1Counts(probe);
		// A profile of error answers would look cheap and mean nothing (as the dashboard routes once did, signed out).
		const problem = await checkProbe(s, probe);
		if (problem) failures.push(`${s.name}: ${problem}`);
		const options = { path: s.path, method: s.method, headers: s.headers, body: s.body, connections };
		await load(s.target, { ...options, duration: 1 }); // warm up: JIT, caches
		const cpuBefore = processCpuMs(pid);
		const { profile, result } = await profiled(inspector, () => load(s.target, { ...options, duration }));
		const cpuAfter = processCpuMs(pid);
		// Kept for a closer look, frames mapped to the sources: Chrome DevTools (Performance) loads .cpuprofile files.
		writeFileSync(
			path.join(state, `${s.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.cpuprofile`),
			JSON.stringify(mappedProfile(profile, map))
		);
		const split = splitProfile(profile, map);
		const inclusive = inclusiveTimes(profile, map, MARKERS);
		const n = result.total;
		if (result.non2xx || result.errors)
			failures.push(`${s.name}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
		const row = {
			name: s.name,
			requests: n,
			rps: result.rps,
			p50: result.p50,
			counts,
			processMs: cpuBefore === null ? null : (cpuAfter - cpuBefore) / n,
			split,
			inclusive
		};
		results.push(row);
		console.log(
			`  ${s.name.padEnd(30)} ${n} requests  workerd ${row.processMs?.toFixed(2)} ms/req  isolate busy ${(split.busyMs / n).toFixed(2)} ms/req`
		);
	}
} finally {
	inspector?.close();
	await server.stop();
}

const file = path.join(root, 'bench', 'PROFILE.md');
const START =
	'<!-- bench:profile start: everything from here to the end marker is written by `npm run bench:profile` -->';
const END = '<!-- bench:profile end -->';
const previous = existsSync(file) ? readFileSync(file, 'utf8') : `# Where the Worker's time goes\n\n${START}\n${END}\n`;
const head = previous.includes(START) ? previous.slice(0, previous.indexOf(START)) : previous + '\n';
const tail = previous.includes(END) ? previous.slice(previous.indexOf(END) + END.length) : '\n';
const problems = failures.length
	? `\n**Not answered as expected, so these rows do not measure the route:**\n\n${failures.map((f) => `- ${f}`).join('\n')}\n`
	: '';
writeFileSync(file, `${head}${START}\n${report(results, loadBefore, os.loadavg())}${problems}\n${END}${tail}`);
console.log(`• wrote bench/PROFILE.md (${Math.round((Date.now() - started) / 1000)} s)`);
if (failures.length) {
	console.error(`\nbench:profile: ${failures.length} problem(s):\n${failures.map((f) => `  - ${f}`).join('\n')}`);
	process.exitCode = 1;
}

function report(rows, before, after) {
	const la = (l) => l.map((n) => n.toFixed(1)).join(' / ');
	const per = (ms, r) => (ms / r.requests).toFixed(2);
	const header = `| | ${rows.map((r) => r.name).join(' | ')} |`;
	const rule = `| --- | ${rows.map(() => '---:').join(' | ')} |`;
	const partNames = [
		...PARTS.map(([name]) => name),
		'V8 garbage collection',
		'workerd and V8 outside JavaScript (program)'
	];
	const partRow = (name) =>
		`| ${name} | ${rows.map((r) => per(r.split.parts.find(([p]) => p === name)?.[1] ?? 0, r)).join(' | ')} |`;
	const lines = [
		'',
		`Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} vCPU (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}; load average ${la(before)} before, ${la(after)} after (the machine is shared).`,
		`${connections} connections, ${duration} s of load per route after 1 s of warm-up, V8 sampling every 250 µs. Milliseconds per request.`,
		'',
		'### Totals',
		'',
		header,
		rule,
		`| requests profiled | ${rows.map((r) => r.requests).join(' | ')} |`,
		`| req/s while profiled | ${rows.map((r) => r.rps.toFixed(0)).join(' | ')} |`,
		`| workerd process CPU (Worker + local D1/KV/R2) | ${rows.map((r) => (r.processMs === null ? '—' : r.processMs.toFixed(2))).join(' | ')} |`,
		`| Worker isolate busy (sampled) | ${rows.map((r) => per(r.split.busyMs, r)).join(' | ')} |`,
		`| D1 round trips / statements (response path) | ${rows.map((r) => (Number.isNaN(r.counts.roundTrips) ? '—' : `${r.counts.roundTrips} / ${r.counts.statements}`)).join(' | ')} |`,
		'',
		'### Isolate time by part (self time of the source file a sample is in)',
		'',
		header,
		rule,
		...partNames
			.filter((name) => rows.some((r) => r.split.parts.some(([p, ms]) => p === name && ms / r.requests >= 0.005)))
			.map(partRow),
		'',
		'### Inclusive time of chosen functions (synchronous part; they overlap the parts above)',
		'',
		header,
		rule,
		...MARKERS.map(
			([label]) => `| ${label} | ${rows.map((r) => per(r.inclusive.find(([l]) => l === label)[1], r)).join(' | ')} |`
		),
		'',
		'### Top functions by self time, per route',
		'',
		...rows.flatMap((r) => [
			`- **${r.name}**: ${r.split.top
				.slice(0, 10)
				.map(([label, ms]) => `${label.replace(/\|/g, '\\|')} ${per(ms, r)}`)
				.join('; ')}`
		]),
		''
	];
	return lines.join('\n');
}
