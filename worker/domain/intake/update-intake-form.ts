import { and, eq } from 'drizzle-orm';
import { intakeForms } from '../../../db/schema';
import { isUniqueViolation } from '../../services/db';
import { activityInsert } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { AppError, notFound, parseInput } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { formDefinitionSchema } from './form-definition';

/** Staff save a form's name, link, description and fields (in order). Published forms change live. */
export async function updateIntakeForm(opts: Scope & { formId: string; input: unknown }) {
	const staff = requireStaff(opts.actor);
	const { services } = opts;
	const db = services.db;
	const form = await db
		.select({ id: intakeForms.id })
		.from(intakeForms)
		.where(and(staffScope(intakeForms, opts), eq(intakeForms.id, opts.formId)))
		.get();
	if (!form) throw notFound('That form');
	const input = parseInput(formDefinitionSchema, opts.input);
	try {
		await db.batch([
			db
				.update(intakeForms)
				.set({ ...input, updatedAt: services.clock.now() })
				.where(eq(intakeForms.id, form.id)),
			activityInsert(opts, {
				verb: 'intake_form.updated',
				summary: `${staff.name} edited the intake form "${input.name}"`,
				subjectType: 'intake_form',
				subjectId: form.id
			})
		]);
	} catch (error) {
		if (isUniqueViolation(error))
			throw new AppError('validation_failed', 'Please correct the highlighted fields.', {
				fields: { slug: 'Another form already uses this link.' }
			});
		throw error;
	}
	return { id: form.id, ...input };
}
