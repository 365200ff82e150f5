import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { threadReads } from '../../../db/schema';
import { requireMember } from '../actor';
import { parseInput } from '../errors';
import type { Scope } from '../scope';
import { getThread } from './get-thread';
import { readerKeyOf } from './model';

/** The upsert that moves a reader's marker forward (never back). */
export function readMarkerUpsert(
	scope: Pick<Scope, 'services' | 'workspace' | 'actor'>,
	threadId: string,
	seq: number
) {
	const readerKey = readerKeyOf(scope.actor)!;
	const now = scope.services.clock.now();
	return scope.services.db
		.insert(threadReads)
		.values({ threadId, readerKey, workspaceId: scope.workspace.id, lastReadSeq: seq, updatedAt: now })
		.onConflictDoUpdate({
			target: [threadReads.threadId, threadReads.readerKey],
			set: { lastReadSeq: sql`max(${threadReads.lastReadSeq}, excluded.last_read_seq)`, updatedAt: now }
		});
}

const inputSchema = z.object({
	seq: z.coerce.number({ error: 'Say up to which message you have read.' }).int().min(0).max(Number.MAX_SAFE_INTEGER)
});

/** The live page reports what its reader has seen, so unread counts stay right. */
export async function markThreadRead(opts: Scope & { threadId: string; input: unknown }): Promise<void> {
	requireMember(opts.actor);
	const { seq } = parseInput(inputSchema, opts.input);
	const { thread } = await getThread(opts);
	await readMarkerUpsert(opts, thread.id, Math.min(seq, thread.lastSeq));
}
