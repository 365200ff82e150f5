import { and, asc, eq, exists, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
	clients,
	contractEvents,
	contracts,
	contractTemplates,
	invoiceItems,
	invoices,
	projects,
	quoteItems,
	quotes,
	tasks
} from '../../../db/schema';
import { insertChunks } from '../../services/db';
import { newId } from '../../services/ids';
import { formatDate, formatMoney } from '../format';
import { activityInsert } from '../activity/record-activity';
import { requireClient } from '../actor';
import { AppError, notFound, parseInput } from '../errors';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { emailStaffAboutQuote } from './notify';
import { addDays, todayIn } from '../calendar';
import { computeTotals } from '../money';
import { failBatchWhen, isGuardFailure } from '../invoices/batch-guard';
import { currentInvoiceNumber, takeInvoiceNumber } from '../invoices/invoice-number';
import { instalmentInserts } from '../invoices/instalment-rows';
import type { Instalment } from '../invoices/schedule';
import { endOfColumn } from '../tasks/column-end';
import { depositOn, hasDeposit } from '../proposals/proposal-terms';
import { generatedContract } from '../proposals/proposal-contract';
import { emailProposalInvoice } from '../proposals/notify';
import { ACCEPTABLE, effectiveQuoteStatus, notExpiredWhere, quoteLabel } from './quote-status';

/** Ids of the optional lines the client ticked: repeated form fields, one value, or a JSON list. */
const optionIds = z.preprocess(
	(v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
	z.array(z.string().trim().max(64)).max(100)
);

const acceptSchema = z.object({
	confirm: z.union([z.literal(true), z.literal('on'), z.literal('true')], {
		error: 'Tick the box to confirm you accept this quote.'
	}),
	version: z.coerce.number({ error: 'Reload the quote and try again.' }).int().positive(),
	options: optionIds.optional().default([])
});

type QuoteRow = typeof quotes.$inferSelect;

/** Why a quote cannot be accepted, in words for the client. */
function refusal(quote: QuoteRow, today: string, version: number): AppError {
	const status = effectiveQuoteStatus(quote, today);
	if (status === 'accepted') return new AppError('conflict', 'This quote has already been accepted.');
	if (status === 'expired')
		return new AppError(
			'gone',
			`This quote expired${quote.expiresOn ? ` on ${formatDate(quote.expiresOn)}` : ''} and can no longer be accepted. Ask for an updated quote.`
		);
	if (quote.version !== version)
		return new AppError(
			'conflict',
			'This quote has been revised since you opened it. Please review the latest version.'
		);
	if (status === 'changes_requested')
		return new AppError('conflict', 'You asked for changes to this quote. Wait for the revised quote to accept it.');
	return new AppError('conflict', `This quote is ${status.replace('_', ' ')} and can no longer be accepted.`);
}

/**
 * The client accepts a quote, with the optional lines they ticked. Exactly once, however many
 * clicks, tabs or devices: the batch starts with a guard that rolls it all back unless the quote
 * is still open, at this version and not expired, and ends with the quote's own status (a batch
 * is one transaction, so of concurrent attempts one commits and the others change nothing).
 * In that one batch:
 * - the project (or, when staff chose so when sending, the existing project it joins) with a
 *   task per chosen line;
 * - the accepted choice: each optional line's `selected` flag and the quote's totals for it;
 * - the proposal: a contract generated from the quote's template, already sent, for the client to
 *   sign next (a linked contract was sent with the quote), and, with a deposit, the invoice for the
 *   accepted total (sent, numbered in the same batch) split into the deposit, due today, and the
 *   balance, due `balanceDueDays` later.
 * The client then signs and pays on the same path (proposals/get-proposal-progress.ts).
 */
export async function acceptQuote(opts: Scope & { quoteId: string; input: unknown }) {
	const client = requireClient(opts.actor);
	const { services, workspace } = opts;
	const db = services.db;
	const input = parseInput(acceptSchema, opts.input);
	const now = services.clock.now();
	const today = todayIn(workspace.timezone, now);
	const scoped = and(
		clientScope(quotes, opts),
		eq(quotes.id, opts.quoteId),
		inArray(quotes.status, [...ACCEPTABLE, 'accepted', 'changes_requested', 'declined', 'expired'])
	);

	const [found, items, templates, attachable] = await db.batch([
		db
			.select({ quote: quotes, clientName: clients.name })
			.from(quotes)
			.innerJoin(clients, eq(clients.id, quotes.clientId))
			.where(scoped)
			.limit(1),
		db
			.select()
			.from(quoteItems)
			.where(and(eq(quoteItems.quoteId, opts.quoteId), eq(quoteItems.workspaceId, workspace.id)))
			.orderBy(asc(quoteItems.position)),
		db
			.select({ name: contractTemplates.name, bodyMd: contractTemplates.bodyMd })
			.from(contractTemplates)
			.innerJoin(quotes, eq(quotes.contractTemplateId, contractTemplates.id))
			.where(and(scoped, eq(contractTemplates.workspaceId, workspace.id))),
		db
			.select({ id: projects.id, name: projects.name })
			.from(projects)
			.innerJoin(quotes, eq(quotes.attachToProjectId, projects.id))
			.where(
				and(
					scoped,
					eq(projects.workspaceId, workspace.id),
					eq(projects.clientId, client.clientId),
					sql`${projects.status} <> 'cancelled'`
				)
			)
	]);
	if (!found[0]) throw notFound('That quote');
	const { quote, clientName } = found[0];
	if (!ACCEPTABLE.includes(effectiveQuoteStatus(quote, today)) || quote.version !== input.version) {
		await markExpired(opts, quote, today);
		throw refusal(quote, today, input.version);
	}
	const optionalIds = items.filter((i) => i.optional).map((i) => i.id);
	if (input.options.some((id) => !optionalIds.includes(id)))
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', {
			fields: { options: 'Choose among the optional items of this quote.' }
		});
	const chosen = items.filter((i) => !i.optional || input.options.includes(i.id));
	const totals = computeTotals(
		chosen.map((i) => ({ quantityMilli: i.quantityMilli, unitPriceMinor: i.unitPriceMinor })),
		{ discountMinor: quote.discountMinor, taxBp: quote.taxBp }
	);
	const template = templates[0];
	if (quote.contractTemplateId && !template)
		throw new AppError(
			'conflict',
			'This proposal cannot be accepted right now: its contract is being changed. Please contact us.'
		);

	const label = quoteLabel(quote.number);
	const attached = attachable[0] ?? null;
	const projectId = attached?.id ?? newId('prj');
	const where = and(
		clientScope(quotes, opts),
		eq(quotes.id, quote.id),
		inArray(quotes.status, ACCEPTABLE),
		eq(quotes.version, input.version),
		notExpiredWhere(today)
	)!;
	const stillOpen = exists(db.select({ one: quotes.id }).from(quotes).where(where));

	const contract = template
		? await generatedContract(opts, {
				template,
				clientId: quote.clientId,
				clientName,
				projectId,
				quoteId: quote.id,
				quoteLabel: label,
				now
			})
		: null;
	const depositMinor = hasDeposit(quote) && totals.totalMinor > 0 ? depositOn(totals.totalMinor, quote) : null;
	const invoiceId = depositMinor !== null ? newId('inv') : null;
	const instalments: Instalment[] =
		depositMinor !== null && depositMinor < totals.totalMinor
			? [
					{
						position: 1,
						label: 'Deposit',
						percentBp: quote.depositPercentBp,
						amountMinor: depositMinor,
						cumulativeMinor: depositMinor,
						dueDate: today
					},
					{
						position: 2,
						label: 'Balance',
						percentBp: null,
						amountMinor: totals.totalMinor - depositMinor,
						cumulativeMinor: totals.totalMinor,
						dueDate: addDays(today, quote.balanceDueDays ?? 30)
					}
				]
			: [];
	const optionalTicked = JSON.stringify(input.options);

	const statements = [
		// Nothing below happens unless the quote is still open at this version when the batch runs.
		failBatchWhen(db, sql`NOT ${stillOpen}`),
		...(attached
			? []
			: [
					db.insert(projects).values({
						id: projectId,
						workspaceId: workspace.id,
						clientId: quote.clientId,
						name: quote.title,
						description: `Created from quote ${label}, accepted by ${client.name}.${quote.notes ? `\n\n${quote.notes}` : ''}`,
						status: 'active',
						startDate: today,
						quoteId: quote.id,
						createdAt: now,
						updatedAt: now
					})
				]),
		...chosen.map((item) =>
			db.insert(tasks).values({
				id: newId('tsk'),
				workspaceId: workspace.id,
				clientId: quote.clientId,
				projectId,
				title: item.description.slice(0, 200),
				status: 'todo',
				position: attached ? endOfColumn(projectId, 'todo') : item.position,
				createdAt: now,
				updatedAt: now
			})
		),
		activityInsert(opts, {
			verb: 'quote.accepted',
			summary: `Accepted ${label} "${quote.title}" (${formatMoney(totals.totalMinor, quote.currency)})`,
			clientId: quote.clientId,
			projectId,
			subjectType: 'quote',
			subjectId: quote.id
		}),
		attached
			? activityInsert(opts, {
					verb: 'project.quote_attached',
					summary: `${label} "${quote.title}" added to project "${attached.name}"`,
					clientId: quote.clientId,
					projectId,
					subjectType: 'project',
					subjectId: projectId
				})
			: activityInsert(opts, {
					verb: 'project.created',
					summary: `Project "${quote.title}" created from ${label}`,
					clientId: quote.clientId,
					projectId,
					subjectType: 'project',
					subjectId: projectId
				}),
		...(contract
			? [
					db.insert(contracts).values(contract.row),
					db.insert(contractEvents).values(contract.events),
					activityInsert(opts, {
						verb: 'contract.sent',
						summary: `Contract "${contract.row.title}" generated from ${label} for signature`,
						clientId: quote.clientId,
						projectId,
						subjectType: 'contract',
						subjectId: contract.id
					})
				]
			: []),
		// A linked contract (sent with the quote) now belongs to the project too.
		...(quote.contractId
			? [
					db
						.update(contracts)
						.set({
							projectId: sql`coalesce(${contracts.projectId}, ${projectId})`,
							quoteId: sql`coalesce(${contracts.quoteId}, ${quote.id})`
						})
						.where(and(eq(contracts.id, quote.contractId), eq(contracts.workspaceId, workspace.id)))
				]
			: []),
		...(invoiceId && depositMinor !== null
			? [
					takeInvoiceNumber(db, workspace.id),
					db.insert(invoices).values({
						id: invoiceId,
						workspaceId: workspace.id,
						clientId: quote.clientId,
						projectId,
						number: currentInvoiceNumber(workspace.id),
						status: 'sent',
						issueDate: today,
						dueDate: today,
						currency: quote.currency,
						discountMinor: totals.discountMinor,
						taxBp: quote.taxBp,
						taxName: quote.taxName,
						subtotalMinor: totals.subtotalMinor,
						taxMinor: totals.taxMinor,
						totalMinor: totals.totalMinor,
						amountPaidMinor: 0,
						notes: `For quote ${label} "${quote.title}"${instalments.length ? `: a deposit of ${formatMoney(depositMinor, quote.currency)} now, the balance by ${formatDate(instalments[1].dueDate)}.` : '.'}`,
						sentAt: now,
						quoteId: quote.id,
						createdAt: now,
						updatedAt: now
					}),
					...insertChunks(
						db,
						invoiceItems,
						chosen.map((item, i) => ({
							id: newId('itm'),
							workspaceId: workspace.id,
							invoiceId,
							position: i + 1,
							description: item.description,
							quantityMilli: item.quantityMilli,
							unitPriceMinor: item.unitPriceMinor,
							amountMinor: totals.lines[i],
							timeEntryId: null
						}))
					),
					...instalmentInserts(opts, { id: invoiceId, clientId: quote.clientId }, instalments),
					activityInsert(opts, {
						verb: 'invoice.sent',
						summary: `Deposit invoice for ${label} issued (${formatMoney(totals.totalMinor, quote.currency)}, deposit ${formatMoney(depositMinor, quote.currency)})`,
						clientId: quote.clientId,
						projectId,
						subjectType: 'invoice',
						subjectId: invoiceId
					})
				]
			: []),
		// The accepted choice: optional lines ticked or not.
		db
			.update(quoteItems)
			.set({ selected: sql`${quoteItems.id} IN (SELECT value FROM json_each(${optionalTicked}))` })
			.where(
				and(eq(quoteItems.quoteId, quote.id), eq(quoteItems.workspaceId, workspace.id), eq(quoteItems.optional, true))
			),
		db
			.update(quotes)
			.set({
				status: 'accepted',
				acceptedAt: now,
				acceptedByContactId: client.contactId,
				projectId,
				subtotalMinor: totals.subtotalMinor,
				discountMinor: totals.discountMinor,
				taxMinor: totals.taxMinor,
				totalMinor: totals.totalMinor,
				contractId: contract?.id ?? quote.contractId,
				acceptedDepositMinor: depositMinor,
				invoiceId,
				updatedAt: now
			})
			.where(where)
			.returning({ id: quotes.id })
	];
	let results: unknown[] | null;
	try {
		results = await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
	} catch (error) {
		if (!isGuardFailure(error)) throw error;
		results = null;
	}
	const accepted = results ? (results[results.length - 1] as { id: string }[]) : [];
	if (accepted.length === 0) {
		const latest = await db.select().from(quotes).where(scoped).get();
		throw latest ? refusal(latest, today, input.version) : notFound('That quote');
	}
	services.defer(
		emailStaffAboutQuote(opts, quote, {
			kind: 'accepted',
			clientName,
			byName: client.name,
			projectId,
			key: `quote-accepted:${quote.id}`,
			next: [
				contract || quote.contractId ? 'sign the contract' : null,
				depositMinor !== null ? `pay the deposit of ${formatMoney(depositMinor, quote.currency)}` : null
			].filter((s): s is string => Boolean(s)),
			attachedTo: attached?.name
		})
	);
	if (invoiceId) services.defer(emailProposalInvoice(opts, invoiceId));
	return {
		quoteId: quote.id,
		projectId,
		contractId: contract?.id ?? quote.contractId,
		invoiceId,
		nextPath: `/quotes/${quote.id}/next`
	};
}

/** An open offer found past its date is stored as expired, so lists and filters agree with what the client saw. */
async function markExpired(opts: Scope, quote: QuoteRow, today: string) {
	if (effectiveQuoteStatus(quote, today) !== 'expired' || quote.status === 'expired') return;
	await opts.services.db
		.update(quotes)
		.set({ status: 'expired' })
		.where(and(clientScope(quotes, opts), eq(quotes.id, quote.id), inArray(quotes.status, ACCEPTABLE)));
}
