import { vi } from 'vitest';

/**
 * Runs `work` and returns how far regular expressions advanced through their
 * input in total: for each exec (test, match, replace and split go through it),
 * from where the search started to the end of the match, or to the end of the
 * input when nothing matched. A parser that re-searches the rest of the text
 * after every match shows up as quadratic here, without timing anything.
 */
export function regexScanLength(work: () => void): number {
	let scanned = 0;
	const exec = RegExp.prototype.exec;
	const spy = vi.spyOn(RegExp.prototype, 'exec').mockImplementation(function (this: RegExp, input: string) {
		const from = this.global || this.sticky ? this.lastIndex : 0;
		const m = exec.call(this, input);
		scanned += (m ? m.index + m[0].length : String(input).length) - from;
		return m;
	});
	try {
		work();
	} finally {
		spy.mockRestore();
	}
	return scanned;
}
