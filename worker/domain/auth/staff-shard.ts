import type { Services } from '../../services';
import { allShards } from '../../services/shards';
import { AppError } from '../errors';

/**
 * Staff sign-in without a session (an email address, a passkey) does not know the person's
 * shard: the dashboard has one host for every workspace. Each shard is asked, together; the
 * first that knows them (the default shard first) is where they sign in, and their session
 * cookie then names it (sessions.ts). A person with accounts on two shards signs in to the
 * default-most one; bench/SCALE.md says what a directory of people would change.
 *
 * A shard that fails to answer does not keep people of the other shards out: it is skipped,
 * and only when no shard that did answer knows the person is the sign-in refused, as
 * "try again in a minute" (503), not as an unknown person or passkey.
 */
export async function findOnStaffShard<T>(
	services: Services,
	find: (on: Services) => Promise<T | null | undefined>
): Promise<{ services: Services; found: T } | null> {
	const shards = allShards(services.config.shardDirectory);
	const answers = await Promise.allSettled(shards.map(async (shard) => find(services.onShard(shard))));
	const index = answers.findIndex((answer) => answer.status === 'fulfilled' && answer.value != null);
	// Asking for the answer's shard last makes it the request's (its bookmark goes to the browser).
	const on = services.onShard(index < 0 ? services.shard : shards[index]!);
	if (index >= 0) return { services: on, found: (answers[index] as PromiseFulfilledResult<T>).value };
	const failed = answers.findIndex((answer) => answer.status === 'rejected');
	if (failed < 0) return null;
	const reason = (answers[failed] as PromiseRejectedResult).reason;
	console.error(
		`staff sign-in: shard ${shards[failed]} did not answer:`,
		reason instanceof Error ? reason.message : reason
	);
	throw new AppError('upstream_unavailable', 'Signing in is not available right now. Please try again in a minute.', {
		cause: reason
	});
}
