import type { Services } from './index';

export type ShardAnswer<T> = { shard: string; services: Services; value: T };
export type ShardFailure = { shard: string; reason: unknown };

/**
 * Asks the same question of several D1 shards at once, for the few reads that cannot know a
 * person's shard in advance (staff sign-in, "your workspaces"). One shard that throws does not
 * spoil the others' answers: it is logged under `purpose` and returned in `failed`, and the
 * caller decides what a partial answer means (sign-in refuses only when no one answered).
 */
export async function askShards<T>(
	services: Services,
	shards: readonly string[],
	purpose: string,
	ask: (on: Services) => Promise<T>
): Promise<{ answered: ShardAnswer<T>[]; failed: ShardFailure[] }> {
	const asked = shards.map((shard) => ({ shard, services: services.onShard(shard) }));
	const settled = await Promise.allSettled(asked.map(async ({ services: on }) => ask(on)));
	const answered: ShardAnswer<T>[] = [];
	const failed: ShardFailure[] = [];
	settled.forEach((result, i) => {
		const { shard, services: on } = asked[i]!;
		if (result.status === 'fulfilled') answered.push({ shard, services: on, value: result.value });
		else {
			failed.push({ shard, reason: result.reason });
			console.error(
				`${purpose}: shard ${shard} did not answer:`,
				result.reason instanceof Error ? result.reason.message : result.reason
			);
		}
	});
	return { answered, failed };
}
