import { describe, expect, it } from 'vitest';
import { planMove } from './positions';

const column = [
	{ id: 'a', position: 1 },
	{ id: 'b', position: 2 },
	{ id: 'c', position: 3 }
];

describe('ordering inside a column', () => {
	it('writes one row: top, between two tasks, or bottom', () => {
		expect(planMove(column, 'x', 0)).toEqual([{ id: 'x', position: 0 }]);
		expect(planMove(column, 'x', 1)).toEqual([{ id: 'x', position: 1.5 }]);
		expect(planMove(column, 'x', 3)).toEqual([{ id: 'x', position: 4 }]);
		expect(planMove([], 'x', 0)).toEqual([{ id: 'x', position: 1 }]);
	});

	it('ignores the moving task among the column and clamps the index', () => {
		expect(planMove(column, 'a', 1)).toEqual([{ id: 'a', position: 2.5 }]);
		expect(planMove(column, 'x', 99)).toEqual([{ id: 'x', position: 4 }]);
		expect(planMove(column, 'x', -5)).toEqual([{ id: 'x', position: 0 }]);
	});

	it('renumbers the column when the gap between two tasks is used up', () => {
		let gap = [
			{ id: 'a', position: 1 },
			{ id: 'b', position: 2 }
		];
		let moves = 0;
		let plan = planMove(gap, 'x', 1);
		// Keep inserting right after "a": the gap halves every time until doubles run out.
		while (plan.length === 1) {
			gap = [gap[0], { id: `n${moves++}`, position: plan[0].position }, ...gap.slice(1)];
			plan = planMove(gap, 'x', 1);
		}
		expect(moves).toBeGreaterThan(30);
		expect(plan.map((p) => p.id)).toEqual(['a', 'x', ...gap.slice(1).map((t) => t.id)]);
		expect(plan.map((p) => p.position)).toEqual(plan.map((_, i) => i + 1));
	});
});
