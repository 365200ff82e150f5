#!/usr/bin/env node
// Proves the import-boundary check can fail: writes a few files that make forbidden imports
// (one per kind of rule), checks only them, and exits non-zero unless each is reported under
// the expected rule, while an allowed import next to them is not. Run by `npm run check`.
// The files are removed again whatever happens; .gitignore keeps a stray one out of commits.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkBoundaries, report, root } from './check-boundaries.mjs';

const TAG = '__boundary_selftest__';

/** [file, content, the rule that must report it; null: must pass; undefined: not checked (the other half of a cycle)] */
const cases = [
	[
		`worker/domain/${TAG}app.ts`,
		`import { formatMoney } from '../../app/lib/format';\nexport const x = formatMoney;\n`,
		'domain-below-its-callers'
	],
	[
		`worker/domain/${TAG}ok.ts`,
		`import { isoDay } from '../services/clock';\nimport type { QuoteStatus } from '../../db/schema';\nexport const x = isoDay;\nexport type Y = QuoteStatus;\n`,
		null
	],
	[
		`worker/services/${TAG}domain.ts`,
		`import type { AppError } from '../domain/errors';\nexport type X = AppError;\n`,
		'services-depend-on-nothing-above'
	],
	[
		`db/${TAG}domain.ts`,
		`import { computeTotals } from '../worker/domain/money';\nexport const x = computeTotals;\n`,
		'db-is-a-leaf'
	],
	[
		`app/lib/${TAG}schema.svelte`,
		`<script lang="ts">\n\timport type { QuoteStatus } from '$db/schema';\n\tlet { status }: { status: QuoteStatus } = $props();\n</script>\n\n<p>{status}</p>\n`,
		'pages-never-reach-the-database'
	],
	[
		`worker/http/${TAG}seed.ts`,
		`import { seedDemo } from '../dev/seed';\nexport const x = seedDemo;\n`,
		'dev-tools-only-behind-the-dev-routes'
	],
	[
		`worker/domain/${TAG}cycle-a.ts`,
		`import { b } from './${TAG}cycle-b';\nexport const a = () => b;\n`,
		'no-circular'
	],
	[`worker/domain/${TAG}cycle-b.ts`, `import { a } from './${TAG}cycle-a';\nexport const b = () => a;\n`, undefined]
];

const written = [];
let failures = 0;
try {
	for (const [file, content] of cases) {
		mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
		writeFileSync(path.join(root, file), content);
		written.push(file);
	}
	const outcome = await checkBoundaries(written, { maxDepth: 2 }); // depth 2: enough for the two-file cycle, fast;
	for (const [file, , rule] of cases) {
		if (rule === undefined) continue;
		const reported = outcome.violations.filter((v) => v.from === file).map((v) => v.rule);
		const ok = rule ? reported.includes(rule) : reported.length === 0;
		if (!ok) failures++;
		console.log(
			`${ok ? '✔' : '✖'} ${file}: ${rule ? `expected ${rule}` : 'expected no violation'}, got ${reported.length ? reported.join(', ') : 'none'}`
		);
	}
	if (failures) console.log(report(outcome));
} finally {
	for (const file of written) rmSync(path.join(root, file), { force: true });
}
console.log(
	failures
		? `✖ boundary self-test: ${failures} case(s) not caught as expected`
		: '✔ boundary self-test: every forbidden import was caught'
);
process.exitCode = failures ? 1 : 0;
