import { and, eq } from 'drizzle-orm';
import { taxRates } from '../../../db/schema';
import { newId } from '../../services/ids';
import { activityInsert } from '../activity/record-activity';
import { requireOwner } from '../actor';
import { AppError, notFound, parseInput } from '../errors';
import { bpToInput } from '../money';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { isDuplicateName, taxRateSchema } from './tax-rate-input';

const taken = (name: string) =>
	new AppError('validation_failed', 'Please correct the highlighted fields.', {
		fields: { name: `You already have a rate called "${name}".` }
	});

/** Owners save a named tax rate to pick on quotes and invoices. Names are unique per workspace (the index decides a race). */
export async function createTaxRate(opts: Scope & { input: unknown }) {
	requireOwner(opts.actor);
	const input = parseInput(taxRateSchema, opts.input ?? {});
	const { services, workspace } = opts;
	const now = services.clock.now();
	const id = newId('tax');
	try {
		await services.db.batch([
			services.db.insert(taxRates).values({
				id,
				workspaceId: workspace.id,
				name: input.name,
				rateBp: input.rate,
				createdAt: now,
				updatedAt: now
			}),
			activityInsert(opts, {
				verb: 'tax_rate.created',
				summary: `Saved tax rate ${input.name} (${bpToInput(input.rate)}%)`,
				subjectType: 'tax_rate',
				subjectId: id
			})
		]);
	} catch (error) {
		if (isDuplicateName(error)) throw taken(input.name);
		throw error;
	}
	return { id, name: input.name, rateBp: input.rate };
}

/** Renames or changes a saved rate. Quotes and invoices that used it keep the name and rate they were made with. */
export async function updateTaxRate(opts: Scope & { taxRateId: string; input: unknown }) {
	requireOwner(opts.actor);
	const db = opts.services.db;
	const where = and(staffScope(taxRates, opts), eq(taxRates.id, opts.taxRateId));
	const current = await db.select().from(taxRates).where(where).get();
	if (!current) throw notFound('That tax rate');
	const input = parseInput(taxRateSchema, opts.input ?? {});
	try {
		await db.batch([
			db
				.update(taxRates)
				.set({ name: input.name, rateBp: input.rate, updatedAt: opts.services.clock.now() })
				.where(where),
			activityInsert(opts, {
				verb: 'tax_rate.updated',
				summary: `Changed tax rate ${current.name} to ${input.name} (${bpToInput(input.rate)}%)`,
				subjectType: 'tax_rate',
				subjectId: current.id
			})
		]);
	} catch (error) {
		if (isDuplicateName(error)) throw taken(input.name);
		throw error;
	}
	return { id: current.id, name: input.name, rateBp: input.rate };
}

/** Deletes a saved rate; documents keep their own copy of it. */
export async function deleteTaxRate(opts: Scope & { taxRateId: string }) {
	requireOwner(opts.actor);
	const db = opts.services.db;
	const where = and(staffScope(taxRates, opts), eq(taxRates.id, opts.taxRateId));
	const current = await db.select().from(taxRates).where(where).get();
	if (!current) throw notFound('That tax rate');
	await db.batch([
		db.delete(taxRates).where(where),
		activityInsert(opts, {
			verb: 'tax_rate.deleted',
			summary: `Deleted tax rate ${current.name}`,
			subjectType: 'tax_rate',
			subjectId: current.id
		})
	]);
	return { id: current.id };
}
