import { and, eq, isNull } from 'drizzle-orm';
import { clients, contractEvents, contractTemplates, contracts, projects, quotes } from '../../../db/schema';
import { newId } from '../../services/ids';
import { todayIn } from '../calendar';
import { formatDate } from '../format';
import { activityInsert } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { AppError, parseInput } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { contractCreateSchema, fillTemplate } from './contract-input';

/**
 * Staff write a contract (Markdown) or start from a template, for one client,
 * optionally tied to one of that client's projects or accepted quotes.
 * Template placeholders ({{client_name}}, {{workspace_name}}, {{date}}) are
 * filled in here, so the saved draft reads exactly as it will be signed.
 * Whether we countersign it is the workspace's "We countersign" default unless
 * the input says otherwise.
 */
export async function createContract(opts: Scope & { input: unknown }) {
	const staff = requireStaff(opts.actor);
	const { services, workspace } = opts;
	const db = services.db;
	const raw = { ...((opts.input ?? {}) as Record<string, unknown>) };
	const templateId = typeof raw.templateId === 'string' && raw.templateId ? raw.templateId : null;
	const clientId = typeof raw.clientId === 'string' ? raw.clientId : '';
	const projectId = typeof raw.projectId === 'string' && raw.projectId ? raw.projectId : null;
	const quoteId = typeof raw.quoteId === 'string' && raw.quoteId ? raw.quoteId : null;

	const [clientRows, templateRows, projectRows, quoteRows] = await db.batch([
		db
			.select({ id: clients.id, name: clients.name })
			.from(clients)
			.where(and(staffScope(clients, opts), eq(clients.id, clientId), isNull(clients.archivedAt)))
			.limit(1),
		db
			.select()
			.from(contractTemplates)
			.where(and(staffScope(contractTemplates, opts), eq(contractTemplates.id, templateId ?? '')))
			.limit(1),
		db
			.select({ id: projects.id, clientId: projects.clientId })
			.from(projects)
			.where(and(staffScope(projects, opts), eq(projects.id, projectId ?? '')))
			.limit(1),
		db
			.select({ id: quotes.id, clientId: quotes.clientId, status: quotes.status, projectId: quotes.projectId })
			.from(quotes)
			.where(and(staffScope(quotes, opts), eq(quotes.id, quoteId ?? '')))
			.limit(1)
	]);
	const template = templateRows[0];
	if (template && (typeof raw.bodyMd !== 'string' || !raw.bodyMd.trim())) raw.bodyMd = template.bodyMd;

	const fields: Record<string, string> = {};
	const client = clientRows[0];
	if (!client) fields.clientId = 'Choose a client.';
	if (templateId && !template) fields.templateId = 'That template no longer exists.';
	if (projectId && projectRows[0]?.clientId !== clientId)
		fields.projectId = "Choose one of this client's projects, or none.";
	const quote = quoteRows[0];
	if (quoteId && (quote?.clientId !== clientId || quote.status !== 'accepted'))
		fields.quoteId = "Choose one of this client's accepted quotes, or none.";
	let input;
	try {
		input = parseInput(contractCreateSchema, raw);
	} catch (e) {
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', {
			fields: { ...(e as AppError).fields, ...fields }
		});
	}
	if (Object.keys(fields).length)
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', { fields });

	const now = services.clock.now();
	const id = newId('ctr');
	const bodyMd = fillTemplate(input.bodyMd, {
		clientName: client!.name,
		workspaceName: workspace.displayName ?? workspace.name,
		date: formatDate(todayIn(workspace.timezone, now))
	});
	await db.batch([
		db.insert(contracts).values({
			id,
			workspaceId: workspace.id,
			clientId: client!.id,
			projectId: projectId ?? quote?.projectId ?? null,
			quoteId,
			title: input.title,
			bodyMd,
			status: 'draft',
			requireCountersignature: input.requireCountersignature ?? workspace.requireCountersignature,
			createdAt: now,
			updatedAt: now
		}),
		db.insert(contractEvents).values({
			id: newId('cev'),
			workspaceId: workspace.id,
			contractId: id,
			event: 'created',
			actorKind: 'staff',
			actorId: staff.userId,
			actorName: staff.name,
			createdAt: now
		}),
		activityInsert(opts, {
			verb: 'contract.created',
			summary: `Drafted contract "${input.title}" for ${client!.name}`,
			clientId: client!.id,
			projectId: projectId ?? quote?.projectId ?? null,
			subjectType: 'contract',
			subjectId: id
		})
	]);
	return { id };
}
