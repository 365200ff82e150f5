import { sql } from 'drizzle-orm';
import type { Services } from '../../services';
import { isoDay } from '../../services/clock';
import type { SeedContext } from './context';
import { seedCore } from './core';
import { seedAutopay } from './autopay';
import { seedBilling } from './billing';
import { seedPayments } from './payments';
import { seedInvoices } from './invoices';
import { seedFiles } from './files';
import { seedContracts } from './contracts';
import { seedProjects } from './projects';
import { seedQuotes } from './quotes';
import { seedThreads } from './threads';
import { seedTime } from './time';
import { seedSecurity } from './security';
import { seedSettings } from './settings';
import { seedWorkspaces } from './workspaces';
import { seedWhiteLabel } from './white-label';

export { ACME, CORE, DEMO } from './ids';

/**
 * The demo data: two workspaces so isolation is visible (demo, acme), and
 * enough of every feature to see it. Runs only on an empty database.
 * Each area adds its own seed file and list here.
 */
export async function seedDemo(services: Services): Promise<{ seeded: boolean }> {
	const db = services.db;
	const existing = await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM workspaces`);
	if (existing && existing.n > 0) return { seeded: false };
	const ctx: SeedContext = { db, services, now: services.clock.now(), isoDay };
	// One line per area; an area's seed may be async when it writes blobs first.
	const statements = [
		...seedWorkspaces(ctx),
		...seedProjects(ctx),
		...seedThreads(ctx),
		...seedInvoices(ctx),
		...(await seedFiles(ctx)),
		...seedTime(ctx),
		...seedQuotes(ctx),
		...(await seedContracts(ctx)),
		...(await seedSettings(ctx)),
		...(await seedSecurity(ctx)),
		...seedCore(ctx),
		...seedBilling(ctx),
		...seedWhiteLabel(ctx),
		...(await seedPayments(ctx)),
		...(await seedAutopay(ctx))
	];
	await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
	return { seeded: true };
}
