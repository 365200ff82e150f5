import { and, desc, eq, sql } from 'drizzle-orm';
import { LEAD_STAGES, leads, type LeadStage } from '../../../db/schema';
import { requireStaff } from '../actor';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { LEAD_STAGE_LABELS } from './lead-stages';

export const PIPELINE_COLUMN_SIZE = 20;

const columns = {
	id: leads.id,
	name: leads.name,
	email: leads.email,
	company: leads.company,
	stage: leads.stage,
	convertedClientId: leads.convertedClientId,
	createdAt: leads.createdAt
};

/**
 * The pipeline board: per stage the count and the newest leads (a column's
 * "show all" link pages through /leads?stage=x). One D1 round trip.
 */
export async function leadPipeline(scope: Scope) {
	requireStaff(scope.actor);
	const db = scope.services.db;
	const [counts, ...perStage] = await db.batch([
		db
			.select({ stage: leads.stage, n: sql<number>`count(*)` })
			.from(leads)
			.where(staffScope(leads, scope))
			.groupBy(leads.stage),
		...LEAD_STAGES.map((stage) =>
			db
				.select(columns)
				.from(leads)
				.where(and(staffScope(leads, scope), eq(leads.stage, stage)))
				.orderBy(desc(leads.createdAt), desc(leads.id))
				.limit(PIPELINE_COLUMN_SIZE)
		)
	] as const);
	return LEAD_STAGES.map((stage: LeadStage, i) => ({
		stage,
		label: LEAD_STAGE_LABELS[stage],
		count: counts.find((c) => c.stage === stage)?.n ?? 0,
		leads: perStage[i]
	}));
}
