import type { Services } from '../../services';
import { askShards } from '../../services/ask-shards';
import { allShards } from '../../services/shards';
import { AppError } from '../errors';

type Found<T> = { services: Services; found: T };

/**
 * Staff sign-in without a session (an email address, a passkey) does not know the person's
 * shard: the dashboard has one host for every workspace. Each shard is asked, together; the
 * first that knows them (the default shard first) is where they sign in, and their session
 * cookie then names it (sessions.ts). An email is sent with a link per shard that knows them
 * (findOnEveryStaffShard); a passkey is stored on one shard only.
 *
 * A shard that fails to answer does not keep people of the other shards out: it is skipped,
 * and only when no shard that did answer knows the person is the sign-in refused, as
 * "try again in a minute" (503), not as an unknown person or passkey.
 */
export async function findOnStaffShard<T>(
	services: Services,
	find: (on: Services) => Promise<T | null | undefined>
): Promise<Found<T> | null> {
	const [first] = await findOnEveryStaffShard(services, find);
	return first ?? null;
}

/** Every shard that knows the person, the default first (see findOnStaffShard). */
export async function findOnEveryStaffShard<T>(
	services: Services,
	find: (on: Services) => Promise<T | null | undefined>
): Promise<Found<T>[]> {
	const { answered, failed } = await askShards(
		services,
		allShards(services.config.shardDirectory),
		'staff sign-in',
		find
	);
	const found = answered.flatMap(({ services: on, value }) => (value != null ? [{ services: on, found: value }] : []));
	if (failed.length && !found.length)
		throw new AppError('upstream_unavailable', 'Signing in is not available right now. Please try again in a minute.', {
			cause: failed[0]!.reason
		});
	return found;
}
