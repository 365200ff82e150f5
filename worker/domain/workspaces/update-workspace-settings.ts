import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { workspaces } from '../../../db/schema';
import { activityInsert } from '../activity/record-activity';
import { requireOwner } from '../actor';
import { parseInput } from '../errors';
import { isCurrency } from '../money';
import type { Scope } from '../scope';

// Well-formed codes Intl does not know (XXQ) are refused too, where the runtime can list them.
const KNOWN_CURRENCIES = new Set<string>(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : []);
const knownCurrency = (code: string) => isCurrency(code) && (KNOWN_CURRENCIES.size === 0 || KNOWN_CURRENCIES.has(code));

const inputSchema = z.object({
	name: z.string({ error: 'Enter the workspace name.' }).trim().min(1, 'Enter the workspace name.').max(80, 'Use at most 80 characters.'),
	defaultCurrency: z
		.string({ error: 'Choose a currency.' })
		.trim()
		.toUpperCase()
		.refine(knownCurrency, 'Choose a currency, like USD or NGN.')
});

/** Owners rename the workspace and set the currency new quotes and invoices start with. */
export async function updateWorkspaceSettings(opts: Scope & { input: unknown }) {
	const owner = requireOwner(opts.actor);
	const input = parseInput(inputSchema, opts.input);
	const { services, workspace } = opts;
	const db = services.db;
	await db.batch([
		db.update(workspaces).set({ name: input.name, defaultCurrency: input.defaultCurrency, updatedAt: services.clock.now() }).where(eq(workspaces.id, workspace.id)),
		activityInsert(opts, { verb: 'workspace.updated', summary: `${owner.name} updated the workspace settings`, subjectType: 'workspace', subjectId: workspace.id })
	]);
	return { name: input.name, defaultCurrency: input.defaultCurrency };
}
