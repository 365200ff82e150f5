import { describe, expect, it } from 'vitest';
import { scopes, seed, testServices, preparedSql } from '../../../tests/helpers';
import { requireClient } from '../actor';
import { addDays, todayIn } from '../calendar';
import { clientListReads, listInvoices, listStatements, STATUS_FILTERS } from './list-invoices';

describe("a client's invoice list, compiled once per isolate", () => {
	it('binds the client, the day and the page into the same SQL drizzle builds per request, for every status filter', async () => {
		const services = await seed(testServices());
		const { casey, oscar } = await scopes(services);
		// The pinned clock's day, and one five years on: the day is a bound value, not part of the SQL.
		const today = todayIn(casey.workspace.timezone, services.clock.now());
		for (const [scope, day, page] of [
			[casey, today, { limit: 26, offset: 0 }],
			[oscar, addDays(today, 5 * 365), { limit: 26, offset: 50 }]
		] as const) {
			const actor = requireClient(scope.actor);
			for (const filter of [undefined, ...STATUS_FILTERS]) {
				const compiled = clientListReads(scope, actor, filter, { today: day, ...page });
				const built = listStatements(scope.services.db, scope, { today: day, filter, ...page });
				for (const part of ['rows', 'open', 'history', 'recurring'] as const) {
					const b = built[part].toSQL();
					// On the first page drizzle leaves `offset 0` out; the compiled statement binds it.
					const unbound = part === 'rows' && page.offset === 0;
					expect(preparedSql(compiled[part]), `${part} ${filter}`).toEqual({
						sql: unbound ? `${b.sql} offset ?` : b.sql,
						params: unbound ? [...b.params, 0] : b.params
					});
				}
				expect(preparedSql(compiled.rows).params).toContain(actor.clientId);
			}
		}
	});

	it('lists the same invoices as staff see when they filter on that client, drafts aside', async () => {
		const services = await seed(testServices());
		const { casey, demoOwner } = await scopes(services);
		const clientId = requireClient(casey.actor).clientId;
		for (const status of ['', ...STATUS_FILTERS.filter((s) => s !== 'draft')]) {
			const input = new URLSearchParams({ status });
			const mine = await listInvoices({ ...casey, input });
			const staff = await listInvoices({ ...demoOwner, clientId, input });
			expect(mine.page.items.map((i) => i.id)).toEqual(
				staff.page.items.filter((i) => i.status !== 'draft').map((i) => i.id)
			);
			expect(mine.outstanding).toEqual(staff.outstanding);
			if (status === '') expect(mine.page.items.length).toBeGreaterThan(2);
		}
	});
});
