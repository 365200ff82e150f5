import type { Services } from '../../services';
import { allShards } from '../../services/shards';

/**
 * Staff sign-in without a session (an email address, a passkey) does not know the person's
 * shard: the dashboard has one host for every workspace. Each shard is asked, together; the
 * first that knows them (the default shard first) is where they sign in, and their session
 * cookie then names it (sessions.ts). A person with accounts on two shards signs in to the
 * default-most one; bench/SCALE.md says what a directory of people would change.
 */
export async function findOnStaffShard<T>(
	services: Services,
	find: (on: Services) => Promise<T | null | undefined>
): Promise<{ services: Services; found: T } | null> {
	const shards = allShards(services.config.shardDirectory);
	const answers = await Promise.all(shards.map((shard) => find(services.onShard(shard))));
	const index = answers.findIndex((answer) => answer != null);
	// Asking for the answer's shard last makes it the request's (its bookmark goes to the browser).
	const on = services.onShard(index < 0 ? services.shard : shards[index]!);
	return index < 0 ? null : { services: on, found: answers[index] as T };
}
