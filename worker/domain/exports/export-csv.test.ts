import { describe, expect, it } from 'vitest';
import { ACME, DEMO, hosts, request, scopes, seed, sessionCookie, testServices } from '../../../tests/helpers';
import { INVOICES } from '../../dev/seed/ids';
import { csvField, csvRow, EXPORT_PAGE_SIZE } from './csv';
import { exportCsv } from './export-csv';

/** Parses what csvRow writes (quoted fields, doubled quotes, CRLF) back into records. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
			else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') (row.push(field), (field = ''));
		else if (ch === '\r' && text[i + 1] === '\n') (row.push(field), rows.push(row), (row = []), (field = ''), i++);
		else field += ch;
	}
	return rows;
}

async function csvOf(scope: Parameters<typeof exportCsv>[0]) {
	const { body, filename } = await exportCsv(scope);
	const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(body).arrayBuffer());
	expect(text.startsWith('\uFEFF')).toBe(true);
	const [header, ...rows] = parseCsv(text.slice(1));
	return { filename, header, rows, records: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

describe('CSV fields', () => {
	it('quotes commas, quotes and line breaks, and defuses formulas but not plain numbers', () => {
		expect(csvField('plain')).toBe('plain');
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('two\nlines')).toBe('"two\nlines"');
		expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
		for (const f of ['+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])
			expect(csvField(f).replace(/^"/, '').startsWith("'")).toBe(true);
		expect(csvField('-12.50')).toBe('-12.50');
		expect(csvField(-3)).toBe('-3');
		expect(csvField(null)).toBe('');
		expect(csvRow(['a', 1, true, null])).toBe('a,1,yes,\r\n');
	});
});

describe('CSV exports', () => {
	it("exports the workspace's clients, never another workspace's, with formulas defused", async () => {
		const services = await seed(testServices());
		const { demoOwner, acmeOwner } = await scopes(services);
		await services.db.$client
			.prepare(`UPDATE clients SET notes = 'x', address = '=cmd|calc' WHERE id = ?`)
			.bind(DEMO.northwindId)
			.run();
		const demo = await csvOf({ ...demoOwner, input: { kind: 'clients' } });
		expect(demo.filename).toMatch(/^demo-clients-\d{4}-\d{2}-\d{2}\.csv$/);
		const demoClients = await services.db.$client
			.prepare('SELECT id FROM clients WHERE workspace_id = ? ORDER BY name, id')
			.bind(DEMO.workspaceId)
			.all<{ id: string }>();
		expect(demo.records.map((r) => r.id)).toEqual(demoClients.results.map((c) => c.id));
		expect(demo.records.find((r) => r.id === DEMO.northwindId)).toMatchObject({
			address: "'=cmd|calc",
			primary_contact_email: DEMO.caseyEmail
		});
		const acme = await csvOf({ ...acmeOwner, input: { kind: 'clients' } });
		expect(acme.records.map((r) => r.id)).toEqual([ACME.roadrunnerId]);
	});

	it('pages through more rows than one query reads, each exactly once, in order', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const n = EXPORT_PAGE_SIZE * 2 + 3;
		const now = services.clock.now();
		const bulk = (ws: string, prefix: string, count: number) =>
			services.db.$client
				.prepare(
					`INSERT INTO clients (id, workspace_id, name, created_at, updated_at)
					WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?3) SELECT ?2 || i, ?1, 'Bulk ' || printf('%05d', i), ?4, ?4 FROM n`
				)
				.bind(ws, prefix, count, now)
				.run();
		await bulk(DEMO.workspaceId, 'cli_bulk_demo_', n);
		await bulk(ACME.workspaceId, 'cli_bulk_acme_', EXPORT_PAGE_SIZE);
		const { records } = await csvOf({ ...demoOwner, input: { kind: 'clients' } });
		const ids = records.map((r) => r.id);
		const existing = await services.db.$client
			.prepare('SELECT count(*) AS c FROM clients WHERE workspace_id = ?')
			.bind(DEMO.workspaceId)
			.first<{ c: number }>();
		expect(existing!.c).toBeGreaterThan(n);
		expect(ids).toHaveLength(existing!.c);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.some((id) => id.startsWith('cli_bulk_acme_'))).toBe(false);
		const names = records.map((r) => r.name);
		expect(names).toEqual([...names].sort());
	});

	it('writes invoices and payments with decimal money, a currency column and ISO dates', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const invoices = await csvOf({ ...demoOwner, input: { kind: 'invoices' } });
		const paid = invoices.records.find((r) => r.id === INVOICES.paidId)!;
		expect(paid.total).toMatch(/^\d+\.\d{2}$/);
		expect(paid.balance).toBe('0.00');
		expect(paid.currency).toMatch(/^[A-Z]{3}$/);
		expect(paid.issue_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(paid.paid_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		expect(invoices.records.some((r) => r.id === INVOICES.acmeId)).toBe(false);
		const payments = await csvOf({ ...demoOwner, input: { kind: 'payments' } });
		expect(payments.records.length).toBeGreaterThan(0);
		for (const p of payments.records) expect(p.amount).toMatch(/^\d+(\.\d+)?$/);
		const time = await csvOf({ ...demoOwner, input: { kind: 'time' } });
		expect(time.records.length).toBeGreaterThan(0);
		expect(time.records.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.date))).toBe(true);
	});

	it('is for staff only, and an unknown kind is a 422 over HTTP, never a 500', async () => {
		const services = await seed(testServices());
		const { casey } = await scopes(services);
		await expect(exportCsv({ ...casey, input: { kind: 'clients' } })).rejects.toMatchObject({ code: 'forbidden' });
		const cookie = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const bad = await request(hosts.dashboard, '/api/exports/passwords', { cookie });
		expect(bad.status).toBe(422);
		const ok = await request(hosts.dashboard, '/api/exports/invoices', { cookie });
		expect(ok.status).toBe(200);
		expect(ok.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(ok.headers.get('content-disposition')).toMatch(
			/^attachment; filename="demo-invoices-\d{4}-\d{2}-\d{2}\.csv"$/
		);
		expect(await ok.text()).toContain('INV-');
	});
});
