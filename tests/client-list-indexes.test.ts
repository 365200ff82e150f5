import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { listInvoices } from '../worker/domain/invoices/list-invoices';
import { listPortalProjects } from '../worker/domain/projects/list-portal-projects';
import { listQuotes } from '../worker/domain/quotes/list-quotes';
import type { Scope } from '../worker/domain/scope';
import type { Services } from '../worker/services';
import { createDb } from '../worker/services/db';
import { createReadBatcher } from '../worker/services/read-batcher';
import { abandonStalePayments } from '../worker/domain/payments/abandon-stale-payments';
import { expireQuotes } from '../worker/domain/quotes/expire-quotes';
import { remindOverdueInvoices } from '../worker/domain/invoices/remind-overdue-invoices';
import { generateRecurringInvoices } from '../worker/domain/recurring/generate-recurring-invoices';
import { notifyClientUploads } from '../worker/domain/files/notify-client-uploads';
import { removeStaleAttachments } from '../worker/domain/threads/remove-stale-attachments';
import { openThread } from '../worker/domain/threads/open-thread';
import { THREADS } from '../worker/dev/seed/ids';
import { scopes, seed, testServices } from './helpers';

// Query plans, not timings: the client-scoped list queries of the portal must use the
// indexes made for them (migration 0002). Before it, the invoice and quote lists walked
// the whole workspace's number index and the project list every client's projects of a
// status (found with `npm run bench` on 20,000 invoices / 5,000 projects). SQLite plans
// without statistics here as on D1, so the plan on the demo data is the plan at scale.

type Recorded = { sql: string; params: unknown[] };

/** A D1 that records every statement with its bound values. */
function recordingD1(d1: D1Database, seen: Recorded[]): D1Database {
	const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
		const bind = statement.bind.bind(statement);
		return Object.assign(statement, {
			bind: (...params: unknown[]) => {
				seen.push({ sql, params });
				return bind(...params);
			}
		});
	};
	return new Proxy(d1, {
		get(target, prop) {
			if (prop === 'prepare') return (sql: string) => wrap(target.prepare(sql), sql);
			const value = Reflect.get(target, prop, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}

async function plansOf(run: (scope: Scope) => Promise<unknown>, scope: Scope, table: string) {
	return plansOfRun((services) => run({ ...scope, services }), scope.services, table);
}

async function plansOfRun(run: (services: Services) => Promise<unknown>, services: Services, table: string) {
	const seen: Recorded[] = [];
	const db = createDb(recordingD1(env.DB, seen));
	await run({ ...services, db, reads: createReadBatcher(db) });
	const queries = seen.filter((q) => q.sql.includes(`from "${table}"`));
	expect(queries.length).toBeGreaterThan(0);
	return Promise.all(
		queries.map(async (q) => {
			const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${q.sql}`)
				.bind(...q.params)
				.all<{ detail: string }>();
			return { sql: q.sql, plan: results.map((r) => r.detail).join('\n') };
		})
	);
}

describe('portal list queries use their client indexes', () => {
	it("a client's invoice list reads its invoices by (workspace, client, number)", async () => {
		const { casey } = await scopes(await seed(testServices()));
		const plans = await plansOf((scope) => listInvoices(scope), casey, 'invoices');
		const list = plans.find((p) => /order by "invoices"\."number" desc/.test(p.sql));
		expect(list?.plan).toContain('invoices_ws_client_number_idx');
		expect(list?.plan).not.toContain('invoices_ws_number_uq');
	});

	it("a client's quote list reads its quotes by (workspace, client, number)", async () => {
		const { casey } = await scopes(await seed(testServices()));
		const [plan] = await plansOf((scope) => listQuotes(scope), casey, 'quotes');
		expect(plan.plan).toContain('quotes_ws_client_number_idx');
		expect(plan.plan).not.toContain('quotes_ws_number_uq');
	});

	it("a client's project list reads its projects by (workspace, client, status)", async () => {
		const { casey } = await scopes(await seed(testServices()));
		const [plan] = await plansOf((scope) => listPortalProjects(scope), casey, 'projects');
		expect(plan.plan).toContain('projects_ws_client_status_idx');
		expect(plan.plan).not.toContain('projects_ws_status_idx');
	});

	it("a client's payment history goes through their invoices, not every succeeded payment of the workspace", async () => {
		const { casey } = await scopes(await seed(testServices()));
		const plans = await plansOf((scope) => listInvoices(scope), casey, 'payments');
		const history = plans.find((p) => /"payments"\."status" = \?/.test(p.sql));
		expect(history?.plan).toContain('payments_invoice_idx');
		expect(history?.plan).not.toMatch(/SEARCH payments USING INDEX payments_pending/);
	});
});

describe('the cron searches use their partial indexes', () => {
	it('quote expiry finds open offers through quotes_open_expires_idx', async () => {
		const services = testServices();
		await seed(services);
		const plans = await plansOfRun((s) => expireQuotes({ services: s }), services, 'quotes');
		expect(plans[0].plan).toContain('quotes_open_expires_idx');
	});

	it('abandoning stale checkouts finds old pending payments through payments_pending_created_idx', async () => {
		const services = testServices();
		await seed(services);
		const plans = await plansOfRun((s) => abandonStalePayments({ services: s }), services, 'payments');
		expect(plans[0].plan).toContain('payments_pending_created_idx');
	});

	it('overdue reminders find unpaid invoices past due through invoices_unpaid_due_idx', async () => {
		const services = testServices();
		await seed(services);
		const plans = await plansOfRun((s) => remindOverdueInvoices({ services: s }), services, 'invoices');
		expect(plans[0].plan).toContain('invoices_unpaid_due_idx');
	});

	it('overdue instalment reminders find unpaid instalments past due through invoice_instalments_unpaid_due_idx', async () => {
		const services = testServices();
		await seed(services);
		const plans = await plansOfRun((s) => remindOverdueInvoices({ services: s }), services, 'invoice_instalments');
		const search = plans.find((p) => /from "invoice_instalments" inner join/.test(p.sql));
		expect(search?.plan).toContain('invoice_instalments_unpaid_due_idx');
	});

	it('recurring invoices find schedules with a period due through recurring_invoices_due_idx', async () => {
		const services = testServices();
		await seed(services);
		const plans = await plansOfRun((s) => generateRecurringInvoices({ services: s }), services, 'recurring_invoices');
		expect(plans[0].plan).toContain('recurring_invoices_due_idx');
	});

	it('client upload emails find unannounced client uploads through files_client_upload_unnotified_idx', async () => {
		const services = testServices();
		await seed(services);
		const plans = await plansOfRun((s) => notifyClientUploads({ services: s }), services, 'files');
		expect(plans[0].plan).toContain('files_client_upload_unnotified_idx');
	});

	it('the attachment clean-up finds pending attachments through files_pending_attachment_idx', async () => {
		const services = testServices();
		await seed(services);
		const plans = await plansOfRun((s) => removeStaleAttachments({ services: s }), services, 'files');
		expect(plans[0].plan).toContain('files_pending_attachment_idx');
	});

	it("a thread page finds its messages' attachments through files_message_idx (partial: never the pending search's)", async () => {
		const services = testServices();
		await seed(services);
		const { casey } = await scopes(services);
		const plans = await plansOf((scope) => openThread({ ...scope, threadId: THREADS.designId }), casey, 'files');
		expect(plans[0].plan).toContain('files_message_idx');
	});
});

describe('the recurring invoices of a client are read through their client index', () => {
	it("a client's invoice list reads its recurring invoices by (workspace, client)", async () => {
		const { casey } = await scopes(await seed(testServices()));
		const plans = await plansOf((scope) => listInvoices(scope), casey, 'recurring_invoices');
		expect(plans[0].plan).toContain('recurring_invoices_ws_client_idx');
	});
});
