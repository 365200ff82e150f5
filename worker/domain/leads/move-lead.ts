import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { LEAD_STAGES, leads } from '../../../db/schema';
import { activityInsert } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { notFound, parseInput } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { LEAD_STAGE_LABELS } from './lead-stages';

const inputSchema = z.object({ stage: z.enum(LEAD_STAGES, { error: 'Choose a stage.' }) });

/** Staff move a lead along the pipeline (any stage to any stage). */
export async function moveLead(opts: Scope & { leadId: string; input: unknown }) {
	const staff = requireStaff(opts.actor);
	const { services } = opts;
	const db = services.db;
	const lead = await db
		.select({ id: leads.id, name: leads.name, stage: leads.stage })
		.from(leads)
		.where(and(staffScope(leads, opts), eq(leads.id, opts.leadId)))
		.get();
	if (!lead) throw notFound('That lead');
	const { stage } = parseInput(inputSchema, opts.input);
	if (stage === lead.stage) return { stage, changed: false };
	await db.batch([
		db.update(leads).set({ stage, updatedAt: services.clock.now() }).where(eq(leads.id, lead.id)),
		activityInsert(opts, {
			verb: 'lead.stage_changed',
			summary: `${staff.name} moved the lead ${lead.name} to ${LEAD_STAGE_LABELS[stage]}`,
			subjectType: 'lead',
			subjectId: lead.id
		})
	]);
	return { stage, changed: true };
}
