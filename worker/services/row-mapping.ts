import { Column, getTableName, is, SQL, Subquery } from 'drizzle-orm';

/** What drizzle's prepared select carries for mapping its rows (internal to its types, stable at runtime). */
export type MappedSelect = {
	executeMethod?: string;
	fields?: { path: string[]; field: unknown }[];
	joinsNotNullableMap?: Record<string, boolean>;
	customResultMapper?: unknown;
};

type Decoder = { mapFromDriverValue(value: unknown): unknown };
type RowPlan = {
	columns: { path: string[]; decoder: Decoder }[];
	/** Left-joined tables selected as an object: null when their first column is null. */
	nullable: { object: string; index: number }[];
};

/**
 * drizzle's `mapResultRow`, planned once per statement instead of once per cell. drizzle asks
 * `is(field, Column)`, `is(field, SQL)`... for every column of every row, and `is` walks the
 * prototype chain when the answer is no (every `sql` or aliased field): on the portal home that
 * was about 1 ms per request (bench/PROFILE.md). The plan asks once per column; a compiled
 * statement (compiled-read.ts) keeps the same fields, so its plan is made once per isolate.
 * Same results as drizzle's mapping: row-mapping.test.ts compares them on joins, left joins,
 * aliases, subqueries and decoded columns.
 */
export function mapSelectRows(select: MappedSelect, rows: Record<string, unknown>[]): unknown[] | undefined {
	if (select.executeMethod !== 'all' || !select.fields || select.customResultMapper) return undefined;
	const plan = planOf(select.fields, select.joinsNotNullableMap);
	return rows.map((row) => mapRow(plan, Object.values(row)));
}

const plans = new WeakMap<object, RowPlan>();

function planOf(fields: NonNullable<MappedSelect['fields']>, joins: Record<string, boolean> | undefined): RowPlan {
	let plan = plans.get(fields);
	if (plan) return plan;
	const columns = fields.map(({ path, field }) => ({ path, decoder: decoderOf(field) }));
	const objects = new Map<string, { index: number; table: string | null }>();
	if (joins) {
		fields.forEach(({ path, field }, index) => {
			if (path.length !== 2 || !is(field, Column)) return;
			const table = getTableName(field.table);
			const seen = objects.get(path[0]);
			if (!seen) objects.set(path[0], { index, table });
			// An object mixing tables is never nulled (drizzle's rule).
			else if (seen.table !== table) seen.table = null;
		});
	}
	const nullable = [...objects]
		.filter(([, o]) => o.table !== null && joins && !joins[o.table])
		.map(([object, o]) => ({ object, index: o.index }));
	plan = { columns, nullable };
	plans.set(fields, plan);
	return plan;
}

function decoderOf(field: unknown): Decoder {
	if (is(field, Column)) return field;
	// `decoder` is internal to drizzle's types: what `.mapWith()` set, or the identity.
	const decoding = (value: SQL) => (value as unknown as { decoder: Decoder }).decoder;
	if (is(field, SQL)) return decoding(field);
	if (is(field, Subquery)) return decoding(field._.sql as SQL);
	return decoding((field as SQL.Aliased).sql);
}

function mapRow(plan: RowPlan, values: unknown[]): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (let i = 0; i < plan.columns.length; i++) {
		const { path, decoder } = plan.columns[i];
		let node = out;
		for (let j = 0; j < path.length - 1; j++) {
			if (!(path[j] in node)) node[path[j]] = {};
			node = node[path[j]] as Record<string, unknown>;
		}
		const raw = values[i];
		node[path[path.length - 1]] = raw === null ? null : decoder.mapFromDriverValue(raw);
	}
	for (const { object, index } of plan.nullable) if (values[index] === null) out[object] = null;
	return out;
}
