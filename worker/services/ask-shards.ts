import type { Services } from './index';

export type ShardAnswer<T> = { shard: string; services: Services; value: T };
export type ShardFailure = { shard: string; reason: unknown };

/**
 * Asks the same question of several D1 shards at once, for the few reads that cannot know a
 * person's shard in advance (staff sign-in, "your workspaces"). One shard that throws (its
 * binding missing, or its query failing) does not spoil the others' answers: it is logged under
 * `purpose` and returned in `failed`, and the caller decides what a partial answer means
 * (sign-in refuses only when no one answered). Answers keep the order of `shards`.
 */
export async function askShards<T>(
	services: Services,
	shards: readonly string[],
	purpose: string,
	ask: (on: Services) => Promise<T>
): Promise<{ answered: ShardAnswer<T>[]; failed: ShardFailure[] }> {
	const settled = await Promise.allSettled(
		shards.map(async (shard) => {
			const on = services.onShard(shard);
			return { shard, services: on, value: await ask(on) };
		})
	);
	const answered: ShardAnswer<T>[] = [];
	const failed: ShardFailure[] = [];
	settled.forEach((result, i) => {
		if (result.status === 'fulfilled') answered.push(result.value);
		else {
			failed.push({ shard: shards[i]!, reason: result.reason });
			console.error(
				`${purpose}: shard ${shards[i]} did not answer:`,
				result.reason instanceof Error ? result.reason.message : result.reason
			);
		}
	});
	return { answered, failed };
}
