import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { LEAD_STAGES, leads } from '../../../db/schema';
import { requireStaff } from '../actor';
import { parseInput } from '../errors';
import { limitOffset, pageFrom, toPage } from '../pagination';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

const inputSchema = z.object({ stage: z.enum(LEAD_STAGES, { error: 'That is not a lead stage.' }).optional() });

/** Leads of one stage (or all), newest first, paginated (?stage=new&page=2). */
export async function listLeads(opts: Scope & { input: Record<string, unknown> }) {
	requireStaff(opts.actor);
	const { stage } = parseInput(inputSchema, { stage: opts.input.stage || undefined });
	const page = pageFrom(opts.input);
	const { limit, offset } = limitOffset(page);
	const rows = await opts.services.db
		.select({
			id: leads.id,
			name: leads.name,
			email: leads.email,
			company: leads.company,
			stage: leads.stage,
			convertedClientId: leads.convertedClientId,
			createdAt: leads.createdAt
		})
		.from(leads)
		.where(and(staffScope(leads, opts), stage ? eq(leads.stage, stage) : undefined))
		.orderBy(desc(leads.createdAt), desc(leads.id))
		.limit(limit)
		.offset(offset);
	return { stage: stage ?? null, page: toPage(rows, page) };
}
