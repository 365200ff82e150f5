import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, pk, updatedAt } from './columns';
import { workspaces } from './workspaces';

export const INTAKE_FIELD_TYPES = ['short_text', 'long_text', 'email', 'phone', 'select', 'checkbox', 'date'] as const;
export type IntakeFieldType = (typeof INTAKE_FIELD_TYPES)[number];
export type IntakeField = { id: string; label: string; type: IntakeFieldType; required: boolean; options?: string[] };

export const intakeForms = sqliteTable(
	'intake_forms',
	{
		id: pk(),
		workspaceId: text()
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		slug: text().notNull(),
		description: text(),
		fields: text({ mode: 'json' }).$type<IntakeField[]>().notNull().default([]),
		status: text().$type<'draft' | 'published' | 'archived'>().notNull().default('draft'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [uniqueIndex('intake_forms_ws_slug_uq').on(t.workspaceId, t.slug)]
);

export const LEAD_STAGES = ['new', 'contacted', 'qualified', 'won', 'lost'] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];

export const leads = sqliteTable(
	'leads',
	{
		id: pk(),
		workspaceId: text()
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		formId: text(),
		name: text().notNull(),
		email: text(),
		phone: text(),
		company: text(),
		stage: text().$type<LeadStage>().notNull().default('new'),
		// The submitted answers: field id -> { label, value }.
		answers: text({ mode: 'json' }).$type<Record<string, { label: string; value: string }>>().notNull().default({}),
		convertedClientId: text(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [index('leads_ws_stage_idx').on(t.workspaceId, t.stage, t.createdAt)]
);
