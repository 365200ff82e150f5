/**
 * The rows of the line-item wire format (see line-items.ts), without zod, so
 * the line editor can share them in the browser: JSON `items: [...]` or form
 * fields `items.N.description|quantity|unitPrice` (and, on a quote,
 * `items.N.optional`: a line the client may tick when accepting).
 */
export type LineRow = { index: number; description: string; quantity: string; unitPrice: string; optional: boolean };

const FIELD_KEY = /^items\.(\d{1,3})\.(description|quantity|unitPrice|optional)$/;

/** A ticked checkbox: 'on' from a form (the last value wins when a hidden 'off' comes first), true from JSON. */
export const isTicked = (v: unknown): boolean => {
	const last = Array.isArray(v) ? v.at(-1) : v;
	return last === true || last === 'on' || last === 'true' || last === '1';
};

/** The rows of either shape, in row order, every field as it was sent. */
export function rowsOf(
	input: unknown
): { index: number; description?: unknown; quantity?: unknown; unitPrice?: unknown; optional?: unknown }[] {
	const obj = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
	const rows = new Map<number, Record<string, unknown>>();
	if (Array.isArray(obj.items)) {
		obj.items.forEach((row, index) =>
			rows.set(index, (row && typeof row === 'object' ? row : {}) as Record<string, unknown>)
		);
	} else {
		for (const [key, value] of Object.entries(obj)) {
			const m = FIELD_KEY.exec(key);
			if (m)
				rows.set(Number(m[1]), {
					...(rows.get(Number(m[1])) ?? {}),
					[m[2]]: Array.isArray(value) ? value.at(-1) : value
				});
		}
	}
	return [...rows.entries()]
		.sort(([a], [b]) => a - b)
		.map(([index, r]) => ({
			index,
			description: r.description,
			quantity: r.quantity,
			unitPrice: r.unitPrice,
			optional: r.optional
		}));
}

const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : '');

/** Every row sent, blank ones included (for showing a form again); fields that are not text come back empty. */
export function lineRows(input: unknown): LineRow[] {
	return rowsOf(input).map((r) => ({
		index: r.index,
		description: text(r.description),
		quantity: text(r.quantity),
		unitPrice: text(r.unitPrice),
		optional: isTicked(r.optional)
	}));
}

/**
 * The rows a line editor shows: every row sent (blank ones too, so an "Add a
 * line" post keeps its new row) and spare blank rows after them: three on an
 * empty form, one otherwise.
 */
export function editorRows(values: unknown, opts: { spare?: number } = {}): LineRow[] {
	const rows = lineRows(values);
	const spare = opts.spare ?? (rows.length ? 1 : 3);
	const next = rows.length ? Math.max(...rows.map((r) => r.index)) + 1 : 0;
	return [
		...rows,
		...Array.from({ length: spare }, (_, i) => ({
			index: next + i,
			description: '',
			quantity: '',
			unitPrice: '',
			optional: false
		}))
	];
}

/**
 * "Add a line" without JavaScript: the form posts everything typed, every row
 * it showed included, with `intent=addLine`; shown again from those values, the
 * editor has each posted row and one blank row after them: exactly one more.
 */
export function withAnotherLine(values: Record<string, unknown>): Record<string, unknown> {
	const { intent: _, ...rest } = values;
	return rest;
}
