// `npm run bench:scale`: how big a workspace is in D1 and how fast one database takes writes,
// the measurements behind bench/SCALE.md. Prints a Markdown section; copy it into SCALE.md.
//   1. bytes: a fresh local D1 (migrations only), then the large benchmark workspace
//      (bench/seed-large.mjs) written into it; page_count x page_size before and after, and
//      per table from SQLite's dbstat when the build has it;
//   2. writes: wrangler dev on that state, the benchmark client posts thread messages through
//      the API (`POST /api/threads/:id/messages`: the ThreadRoom stores each in one D1 batch),
//      first on one thread (the room serialises them), then on 10 threads at once.
import os from 'node:os';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DatabaseSync } from 'node:sqlite';
import { applyMigrations, build, freePort, root, startServer } from '../scripts/lib/server.mjs';
import { load, signIn, target } from './lib.mjs';
import { findD1File, seedLarge, SIZES } from './seed-large.mjs';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const state = path.join(root, 'bench/.state-scale');

function measure(file) {
	const db = new DatabaseSync(file, { readOnly: true });
	const pageSize = db.prepare('PRAGMA page_size').get().page_size;
	const pageCount = db.prepare('PRAGMA page_count').get().page_count;
	const freelist = db.prepare('PRAGMA freelist_count').get().freelist_count;
	let tables = null;
	try {
		tables = db.prepare(`SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC`).all();
	} catch {
		// dbstat is not compiled into every SQLite
	}
	const rows = {};
	for (const { name } of db
		.prepare(
			`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'`
		)
		.all()) {
		rows[name] = db.prepare(`SELECT count(*) AS n FROM "${name}"`).get().n;
	}
	db.close();
	return { bytes: (pageCount - freelist) * pageSize, pageSize, pageCount, freelist, tables, rows };
}

/**
 * The storage engine alone, no Worker: the statements the ThreadRoom sends for a message (the
 * insert computing seq, the thread's last_seq), one transaction each, one writer, WAL as D1 runs
 * it. The ceiling a single database has before any network or Worker CPU.
 */
function rawWriteRate(path, count = 3000) {
	const db = new DatabaseSync(path);
	db.exec('PRAGMA journal_mode = WAL');
	const insert =
		db.prepare(`INSERT INTO messages (id, workspace_id, client_id, thread_id, seq, author_kind, author_name, body, internal, created_at)
		SELECT ?, 'ws_bench', 'cli_bench_1', ?, coalesce(max(seq), 0) + 1, 'client', 'Client', 'A message from the write benchmark.', 0, 0 FROM messages WHERE thread_id = ?`);
	const bump = db.prepare(
		`UPDATE threads SET last_seq = (SELECT max(seq) FROM messages WHERE thread_id = ?1) WHERE id = ?1`
	);
	const started = performance.now();
	for (let i = 0; i < count; i++) {
		const thread = `thr_bench_1_${(i % 10) + 1}`;
		db.exec('BEGIN');
		insert.run(`msg_raw_${i}`, thread, thread);
		bump.run(thread);
		db.exec('COMMIT');
	}
	const ms = performance.now() - started;
	db.exec("DELETE FROM messages WHERE id LIKE 'msg_raw_%'");
	db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
	db.exec('PRAGMA journal_mode = DELETE');
	db.close();
	return { count, perSecond: Math.round((count / ms) * 1000), msEach: ms / count };
}

if (process.env.BENCH_BUILD !== '0') build();
rmSync(state, { recursive: true, force: true });
mkdirSync(state, { recursive: true });
applyMigrations(state, ['DB']);
const file = findD1File(state);
const empty = measure(file);
const started = Date.now();
const ids = seedLarge(state);
const seedMs = Date.now() - started;
const full = measure(file);
const raw = rawWriteRate(file);

const port = await freePort();
const server = await startServer({
	port,
	persistTo: state,
	vars: { LOGIN_LIMIT_PER_IP: '100000000', LOGIN_LIMIT_PER_EMAIL: '100000000' }
});
const loadBefore = os.loadavg();
const writes = [];
try {
	const portal = target(port, `${ids.workspaceSlug}.localhost`);
	const cookie = await signIn(port, { email: ids.clientEmail, workspace: ids.workspaceSlug });
	const headers = { cookie, origin: portal.origin, 'content-type': 'application/json' };
	const body = JSON.stringify({ body: 'A message from the write benchmark.' });
	const threads = Array.from({ length: SIZES.projectsPerClient }, (_, i) => `thr_bench_1_${i + 1}`);
	const probe = await fetch(`${portal.origin}/api/threads/${threads[0]}/messages`, { method: 'POST', headers, body });
	if (probe.status !== 201 && probe.status !== 200)
		throw new Error(`message post probe: ${probe.status} ${await probe.text()}`);
	const one = await load(portal, {
		path: `/api/threads/${threads[0]}/messages`,
		method: 'POST',
		headers,
		body,
		connections: 10,
		duration
	});
	writes.push({ name: '1 thread, 10 connections', ...one });
	const many = await Promise.all(
		threads.map((t) =>
			load(portal, { path: `/api/threads/${t}/messages`, method: 'POST', headers, body, connections: 1, duration })
		)
	);
	writes.push({
		name: `${threads.length} threads, 1 connection each`,
		rps: many.reduce((s, r) => s + r.rps, 0),
		p50: Math.max(...many.map((r) => r.p50)),
		p99: Math.max(...many.map((r) => r.p99)),
		total: many.reduce((s, r) => s + r.total, 0),
		non2xx: many.reduce((s, r) => s + r.non2xx, 0),
		errors: many.reduce((s, r) => s + r.errors, 0)
	});
} finally {
	await server.stop();
}
const loadAfter = os.loadavg();
const afterWrites = measure(file);

const mib = (b) => (b / 2 ** 20).toFixed(1);
const perWorkspace = full.bytes - empty.bytes;
const totalRows =
	Object.values(full.rows).reduce((a, b) => a + b, 0) - Object.values(empty.rows).reduce((a, b) => a + b, 0);
const messagesAdded = afterWrites.rows.messages - full.rows.messages;
const lines = [
	`Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} vCPU, Node ${process.version}; load average ${loadBefore.map((l) => l.toFixed(1)).join(' / ')} before the writes, ${loadAfter.map((l) => l.toFixed(1)).join(' / ')} after (shared machine).`,
	'',
	'### Bytes',
	'',
	`| | pages x ${full.pageSize} B | bytes in use |`,
	'| --- | ---: | ---: |',
	`| migrations only | ${empty.pageCount} | ${mib(empty.bytes)} MiB |`,
	`| + the benchmark workspace | ${full.pageCount} | ${mib(full.bytes)} MiB |`,
	`| **one benchmark workspace** | | **${mib(perWorkspace)} MiB** (${totalRows.toLocaleString('en')} rows, ${Math.round(perWorkspace / totalRows)} B per row with its indexes; seeded in ${(seedMs / 1000).toFixed(1)} s) |`,
	'',
	`10 GB (the D1 database limit, 10^10 B) holds **${Math.floor(1e10 / perWorkspace)}** such workspaces.`,
	''
];
if (full.tables) {
	lines.push(
		'Largest tables and indexes (dbstat, bytes):',
		'',
		'| table or index | MiB | rows |',
		'| --- | ---: | ---: |'
	);
	for (const t of full.tables.slice(0, 14))
		lines.push(`| ${t.name} | ${mib(t.bytes)} | ${full.rows[t.name]?.toLocaleString('en') ?? ''} |`);
	lines.push('');
}
lines.push(
	'### Writes (one local D1)',
	'',
	`${duration} s per run, message posts through the Worker and the ThreadRoom (one D1 batch each).`,
	'',
	'| run | writes/s | p50 ms | p99 ms | answered | non-2xx / errors |',
	'| --- | ---: | ---: | ---: | ---: | ---: |'
);
for (const w of writes)
	lines.push(`| ${w.name} | ${Math.round(w.rps)} | ${w.p50} | ${w.p99} | ${w.total} | ${w.non2xx} / ${w.errors} |`);
lines.push(
	'',
	`The storage engine alone (node:sqlite on the same file, WAL, one transaction per message with the room's two statements, no Worker): **${raw.perSecond.toLocaleString('en')} writes/s** (${raw.msEach.toFixed(2)} ms each, ${raw.count} writes).`
);
lines.push(
	'',
	`Messages stored during the runs: ${messagesAdded.toLocaleString('en')}; the database grew by ${mib(afterWrites.bytes - full.bytes)} MiB.`
);
console.log(lines.join('\n'));
rmSync(state, { recursive: true, force: true });
