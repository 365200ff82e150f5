import { and, eq } from 'drizzle-orm';
import { contractTemplates } from '../../../db/schema';
import { newId } from '../../services/ids';
import { requireStaff } from '../actor';
import { notFound, parseInput } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { templateSchema } from './contract-input';

/** Creates a template, or updates one when templateId is given. Contracts already made from it keep their own text. */
export async function saveContractTemplate(opts: Scope & { templateId?: string; input: unknown }) {
	requireStaff(opts.actor);
	const { services, workspace } = opts;
	const input = parseInput(templateSchema, opts.input);
	const now = services.clock.now();
	if (!opts.templateId) {
		const id = newId('tpl');
		await services.db.insert(contractTemplates).values({
			id,
			workspaceId: workspace.id,
			name: input.name,
			bodyMd: input.bodyMd,
			createdAt: now,
			updatedAt: now
		});
		return { id };
	}
	const updated = await services.db
		.update(contractTemplates)
		.set({ name: input.name, bodyMd: input.bodyMd, updatedAt: now })
		.where(and(staffScope(contractTemplates, opts), eq(contractTemplates.id, opts.templateId)))
		.returning({ id: contractTemplates.id });
	if (!updated.length) throw notFound('That template');
	return { id: opts.templateId };
}
