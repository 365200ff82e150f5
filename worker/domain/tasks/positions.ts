/**
 * Ordering inside a board column. tasks.position is a real: a task placed
 * between two others gets the midpoint, so a move writes one row. When the
 * midpoint can no longer be told apart from its neighbours (after very many
 * moves into the same gap), the column is renumbered 1, 2, 3... instead.
 */
export type Positioned = { id: string; position: number };

/**
 * Where `movingId` lands at `index` among `column` (the target column in
 * order, without the moving task). Returns the rows to write.
 */
export function planMove(column: Positioned[], movingId: string, index: number): Positioned[] {
	const siblings = column.filter((t) => t.id !== movingId);
	const at = Math.max(0, Math.min(Math.trunc(index), siblings.length));
	const before = siblings[at - 1]?.position;
	const after = siblings[at]?.position;
	let position: number;
	if (before === undefined && after === undefined) position = 1;
	else if (before === undefined) position = after! - 1;
	else if (after === undefined) position = before + 1;
	else position = before + (after - before) / 2;
	const fits =
		(before === undefined || position > before) &&
		(after === undefined || position < after) &&
		Number.isFinite(position);
	if (fits) return [{ id: movingId, position }];
	const ordered = [...siblings.slice(0, at), { id: movingId, position: 0 }, ...siblings.slice(at)];
	return ordered.map((t, i) => ({ id: t.id, position: i + 1 }));
}
