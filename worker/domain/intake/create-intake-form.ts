import { and, like } from 'drizzle-orm';
import { z } from 'zod';
import { intakeForms } from '../../../db/schema';
import { newId } from '../../services/ids';
import { activityInsert } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { parseInput } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { slugFromName } from '../workspaces/slug';

const inputSchema = z.object({
	name: z
		.string({ error: 'Give the form a name.' })
		.trim()
		.min(1, 'Give the form a name.')
		.max(80, 'Use at most 80 characters.'),
	description: z
		.string()
		.trim()
		.max(1000, 'Keep the description under 1,000 characters.')
		.optional()
		.transform((v) => v || null)
});

/** Staff start a form (a draft, with the built-in name and email fields); they add fields and publish it next. */
export async function createIntakeForm(opts: Scope & { input: unknown }) {
	const staff = requireStaff(opts.actor);
	const input = parseInput(inputSchema, opts.input);
	const { services, workspace } = opts;
	const db = services.db;
	const base = (slugFromName(input.name).slice(0, 50).replace(/-+$/, '') || 'form').padEnd(3, '0');
	const taken = new Set(
		(
			await db
				.select({ slug: intakeForms.slug })
				.from(intakeForms)
				.where(and(staffScope(intakeForms, opts), like(intakeForms.slug, `${base}%`)))
		).map((r) => r.slug)
	);
	let slug = base;
	for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
	const id = newId('frm');
	const now = services.clock.now();
	await db.batch([
		db.insert(intakeForms).values({
			id,
			workspaceId: workspace.id,
			name: input.name,
			slug,
			description: input.description,
			fields: [],
			status: 'draft',
			createdAt: now,
			updatedAt: now
		}),
		activityInsert(opts, {
			verb: 'intake_form.created',
			summary: `${staff.name} created the intake form "${input.name}"`,
			subjectType: 'intake_form',
			subjectId: id
		})
	]);
	return { id, slug };
}
