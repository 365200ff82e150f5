import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { passkeys } from '../../../db/schema';
import { notFound, parseInput } from '../errors';
import { nameText } from '../names';
import { type Account, requireFull } from './account';

const inputSchema = z.object({ name: nameText('Enter a name for this passkey.', 60) });

/** A person renames one of their own passkeys; anyone else's is "not found". */
export async function renamePasskey(account: Account & { passkeyId: string; input: unknown }) {
	const { services, person } = requireFull(account);
	const { name } = parseInput(inputSchema, account.input);
	const updated = await services.db
		.update(passkeys)
		.set({ name })
		.where(and(eq(passkeys.id, account.passkeyId), eq(passkeys.userId, person.userId)))
		.returning({ id: passkeys.id });
	if (updated.length === 0) throw notFound('That passkey');
	return { id: account.passkeyId, name };
}
