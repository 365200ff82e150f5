import type { Services } from '../../services';

/** The ThreadRoom Durable Object of a thread (one per thread id). */
export function threadRoom(services: Pick<Services, 'env'>, threadId: string) {
	const namespace = services.env.THREAD_ROOM;
	return namespace.get(namespace.idFromName(threadId));
}
