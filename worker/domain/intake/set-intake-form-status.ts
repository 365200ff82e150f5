import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { intakeForms } from '../../../db/schema';
import { activityInsert } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { notFound, parseInput } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

const inputSchema = z.object({
	status: z.enum(['draft', 'published', 'archived'], { error: 'Choose published, draft or archived.' })
});
const VERBS = { published: 'published', draft: 'unpublished', archived: 'archived' } as const;

/** Publish a form (anyone can open its link on the portal), take it offline again, or archive it. */
export async function setIntakeFormStatus(opts: Scope & { formId: string; input: unknown }) {
	const staff = requireStaff(opts.actor);
	const { services } = opts;
	const db = services.db;
	const form = await db
		.select({ id: intakeForms.id, name: intakeForms.name })
		.from(intakeForms)
		.where(and(staffScope(intakeForms, opts), eq(intakeForms.id, opts.formId)))
		.get();
	if (!form) throw notFound('That form');
	const { status } = parseInput(inputSchema, opts.input);
	await db.batch([
		db.update(intakeForms).set({ status, updatedAt: services.clock.now() }).where(eq(intakeForms.id, form.id)),
		activityInsert(opts, {
			verb: `intake_form.${VERBS[status]}`,
			summary: `${staff.name} ${VERBS[status]} the intake form "${form.name}"`,
			subjectType: 'intake_form',
			subjectId: form.id
		})
	]);
	return { status };
}
