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
import { seedSecondShard } from './second-shard';
import { SECOND_SHARD_DEMO } from './ids';
import { DEFAULT_SHARD, shardOf } from '../../services/shards';

export { ACME, CORE, DEMO, SECOND_SHARD_DEMO } from './ids';

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

/**
 * What `POST /dev/seed` runs (npm start, the browser tests): the demo data on the default
 * shard and, when the shard directory puts Fjord Digital (SECOND_SHARD_DEMO) on another
 * shard, that workspace there. Each only into its empty database.
 */
export async function seedDemoShards(services: Services): Promise<{ seeded: boolean }> {
	// On the default shard whatever host or cookie the request came with.
	const main = await seedDemo(services.onShard(DEFAULT_SHARD));
	const shard = shardOf(services.config.shardDirectory, SECOND_SHARD_DEMO.slug);
	if (shard === DEFAULT_SHARD) return main;
	const there = services.onShard(shard);
	const existing = await there.db.get<{ n: number }>(
		sql`SELECT count(*) AS n FROM workspaces WHERE id = ${SECOND_SHARD_DEMO.workspaceId}`
	);
	if (existing && existing.n > 0) return main;
	const statements = seedSecondShard({ db: there.db, services: there, now: there.clock.now(), isoDay });
	await there.db.batch(statements as [(typeof statements)[number], ...typeof statements]);
	return { seeded: true };
}
