import { describe, expect, it } from 'vitest';
import { users } from '../../../db/schema';
import { eq } from 'drizzle-orm';
import type { Services } from '../../services';
import { DEMO, seed, testServices, withShardDown } from '../../../tests/helpers';
import { findOnStaffShard } from './staff-shard';

const findUser = (email: string) => (on: Services) =>
	on.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();

describe("finding a staff member's shard", () => {
	it('asks every shard and takes the default-most that knows the person', async () => {
		const main = await seed(testServices());
		const shard2 = await seed(testServices({ shard: 'DB_SHARD_2' }));
		await shard2.db.update(users).set({ email: 'olive@north.test' }).where(eq(users.id, DEMO.ownerUserId));
		expect((await findOnStaffShard(main, findUser('olive@north.test')))?.services.shard).toBe('DB_SHARD_2');
		// On both shards (the member): the default one.
		expect((await findOnStaffShard(main, findUser(DEMO.memberEmail)))?.services.shard).toBe('DB');
		expect(await findOnStaffShard(main, findUser('nobody@north.test'))).toBeNull();
	});

	it('lets people of the other shards in while one shard is down, and tells the rest to try again', async () => {
		const main = await seed(testServices());
		const shard2 = await seed(testServices({ shard: 'DB_SHARD_2' }));
		await shard2.db.update(users).set({ email: 'olive@north.test' }).where(eq(users.id, DEMO.ownerUserId));
		const shard2Down = withShardDown(main, 'DB_SHARD_2');
		expect((await findOnStaffShard(shard2Down, findUser(DEMO.ownerEmail)))?.services.shard).toBe('DB');
		await expect(findOnStaffShard(shard2Down, findUser('olive@north.test'))).rejects.toMatchObject({
			code: 'upstream_unavailable'
		});
		const mainDown = withShardDown(main, 'DB');
		expect((await findOnStaffShard(mainDown, findUser('olive@north.test')))?.services.shard).toBe('DB_SHARD_2');
	});
});
