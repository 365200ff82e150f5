import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { clientContacts, clients, intakeForms, leads } from '../../../db/schema';
import { insertWhere, isUniqueViolation } from '../../services/db';
import { newId } from '../../services/ids';
import { activityInsertWhere } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { AppError, notFound, parseInput } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

const inputSchema = z.object({
	clientName: z
		.string()
		.trim()
		.max(120, 'Use at most 120 characters.')
		.optional()
		.transform((v) => v || null)
});

/** The client's notes field holds at most this much (client-input.ts). */
const NOTES_MAX = 5000;

/**
 * What the lead told us, kept on the new client (staff-only notes): where it came
 * from and every answer, label by label, cut to what the notes field holds.
 */
export function leadNotes(lead: Pick<typeof leads.$inferSelect, 'name' | 'answers'>, formName: string | null): string {
	const answers = Object.values(lead.answers ?? {})
		.filter((a) => a && a.value)
		.map((a) => `${a.label}: ${a.value}`);
	const text = [
		`Converted from lead ${lead.name}${formName ? ` (form "${formName}")` : ''}.`,
		...(answers.length ? ['', 'Their answers:', ...answers] : [])
	].join('\n');
	return text.length > NOTES_MAX ? `${text.slice(0, NOTES_MAX - 1)}…` : text;
}

/**
 * Turns a lead into a client company with one contact (the lead's name and
 * email), with the lead's answers in its notes, and marks the lead won. Exactly once: the lead update only applies
 * while it has no client, and the client, contact and feed entry are inserted
 * only if that update took, all in one batch.
 */
export async function convertLead(opts: Scope & { leadId: string; input: unknown }) {
	const staff = requireStaff(opts.actor);
	const { services, workspace } = opts;
	const db = services.db;
	const found = await db
		.select({ lead: leads, formName: intakeForms.name })
		.from(leads)
		.leftJoin(intakeForms, and(eq(intakeForms.id, leads.formId), eq(intakeForms.workspaceId, leads.workspaceId)))
		.where(and(staffScope(leads, opts), eq(leads.id, opts.leadId)))
		.get();
	if (!found) throw notFound('That lead');
	const lead = found.lead;
	const input = parseInput(inputSchema, opts.input);
	if (lead.convertedClientId) throw new AppError('conflict', 'This lead is already a client.');
	if (lead.email) {
		const existing = await db
			.select({ clientName: clients.name })
			.from(clientContacts)
			.innerJoin(clients, eq(clients.id, clientContacts.clientId))
			.where(and(staffScope(clientContacts, opts), eq(clientContacts.email, lead.email)))
			.get();
		if (existing) throw new AppError('conflict', `${lead.email} is already a contact of ${existing.clientName}.`);
	}

	const clientId = newId('cli');
	const clientName = input.clientName ?? lead.company ?? lead.name;
	const now = services.clock.now();
	const converted = sql`exists (select 1 from leads where id = ${lead.id} and converted_client_id = ${clientId})`;
	try {
		const update = db
			.update(leads)
			.set({ convertedClientId: clientId, stage: 'won', updatedAt: now })
			.where(and(eq(leads.id, lead.id), isNull(leads.convertedClientId)));
		const client = insertWhere(
			db,
			clients,
			{
				id: clientId,
				workspaceId: workspace.id,
				name: clientName,
				phone: lead.phone,
				notes: leadNotes(lead, found.formName),
				createdAt: now,
				updatedAt: now
			},
			converted
		);
		const feed = activityInsertWhere(
			opts,
			{
				verb: 'lead.converted',
				summary: `${staff.name} converted the lead ${lead.name} into the client ${clientName}`,
				clientId,
				subjectType: 'lead',
				subjectId: lead.id
			},
			converted
		);
		const [result] = lead.email
			? await db.batch([
					update,
					client,
					insertWhere(
						db,
						clientContacts,
						{
							id: newId('con'),
							workspaceId: workspace.id,
							clientId,
							name: lead.name,
							email: lead.email,
							isPrimary: true,
							createdAt: now
						},
						converted
					),
					feed
				])
			: await db.batch([update, client, feed]);
		if (!result.meta.changes) throw new AppError('conflict', 'This lead is already a client.');
	} catch (error) {
		if (isUniqueViolation(error))
			throw new AppError('conflict', `${lead.email} is already a contact of another client.`);
		throw error;
	}
	return { clientId, clientName };
}
