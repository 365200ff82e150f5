import { describe, expect, it } from 'vitest';
import { completionPercent } from './completion';

describe('completion %', () => {
	it('is the share of tasks in Complete, rounded down so 100% means all done', () => {
		expect(completionPercent(1, 3)).toBe(33);
		expect(completionPercent(2, 3)).toBe(66);
		expect(completionPercent(199, 200)).toBe(99);
		expect(completionPercent(4, 4)).toBe(100);
	});

	it('is 0% without tasks, unless the project itself is complete', () => {
		expect(completionPercent(0, 0)).toBe(0);
		expect(completionPercent(0, 0, 'active')).toBe(0);
		expect(completionPercent(0, 0, 'complete')).toBe(100);
	});
});
