import type { Services } from '../../services';
import type { StoreResult } from './message-store';
import type { MessageRecord, SocketSelector, ThreadRole } from './model';

/**
 * What the domain asks of a thread's room. durable-objects/thread-room.ts implements it; the
 * domain names only this interface, so nothing below the Durable Object imports it (the Env
 * binding is untyped for the same reason: worker/env.ts sits under the services).
 */
export interface ThreadRoomRpc extends Rpc.DurableObjectBranded {
	/** Stores on `shard` (the workspace's D1 binding, services/shards.ts); `bookmark`: the D1 bookmark after the write. */
	post(record: MessageRecord, shard?: string): Promise<StoreResult & { bookmark: string | null }>;
	connections(): Promise<Record<ThreadRole, number>>;
	disconnect(which: SocketSelector): Promise<number>;
}

/** The ThreadRoom Durable Object of a thread (one per thread id). */
export function threadRoom(services: Pick<Services, 'env'>, threadId: string): DurableObjectStub<ThreadRoomRpc> {
	const namespace = services.env.THREAD_ROOM as DurableObjectNamespace<ThreadRoomRpc>;
	return namespace.get(namespace.idFromName(threadId));
}
