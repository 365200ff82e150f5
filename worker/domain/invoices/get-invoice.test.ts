import { describe, expect, it } from 'vitest';
import { INVOICES } from '../../dev/seed/ids';
import { preparedSql, scopes, seed, testServices } from '../../../tests/helpers';
import { requireClient } from '../actor';
import { clientInvoiceReads, getInvoice, invoiceStatements } from './get-invoice';

describe("a client's invoice page, compiled once per isolate", () => {
	it("binds the client's ids and the invoice into the same SQL drizzle builds per request", async () => {
		const services = await seed(testServices());
		const { casey, oscar } = await scopes(services);
		for (const [scope, invoiceId] of [
			[casey, INVOICES.partialId],
			[oscar, INVOICES.globexId]
		] as const) {
			const actor = requireClient(scope.actor);
			const compiled = clientInvoiceReads(scope, actor, invoiceId);
			const built = invoiceStatements(scope.services.db, scope, invoiceId);
			for (const part of ['invoice', 'items', 'payments', 'instalments'] as const) {
				const { sql, params } = built[part].toSQL();
				expect(preparedSql(compiled[part]), part).toEqual({ sql, params });
				expect(params).toContain(actor.clientId);
			}
		}
	});

	it("reads the client's own invoice, and another client's or a draft is not found", async () => {
		const services = await seed(testServices());
		const { casey, oscar, demoOwner } = await scopes(services);
		const mine = await getInvoice({ ...casey, invoiceId: INVOICES.partialId });
		const staff = await getInvoice({ ...demoOwner, invoiceId: INVOICES.partialId });
		expect(mine.invoice).toEqual(staff.invoice);
		expect(mine.items).toEqual(staff.items);
		expect(mine.items.length).toBeGreaterThan(0);
		expect(mine.payments.map((p) => p.id)).toEqual(
			staff.payments.filter((p) => p.status === 'succeeded').map((p) => p.id)
		);
		await expect(getInvoice({ ...oscar, invoiceId: INVOICES.partialId })).rejects.toMatchObject({ code: 'not_found' });
		await expect(getInvoice({ ...casey, invoiceId: INVOICES.draftId })).rejects.toMatchObject({ code: 'not_found' });
	});
});
