#!/usr/bin/env node
// Proves the docs check can fail: feeds it lines with a wrong path, a wrong name (alone and with
// its file) and a broken link, each of which must be reported, and lines it must let pass (real
// paths and names, URLs, globs, placeholders, routes, an example inside a code block).
// Nothing is written to disk. Run by `npm run check`.
import { checkDocText } from './check-docs.mjs';

const DOC = 'worker/domain/invoices/README.md';

/** [markdown, must it be reported?] */
const cases = [
	['The use case is in `worker/domain/invoices/no-such-use-case.ts`.', true],
	['Short paths too: `services/no-such-service.ts`.', true],
	['A folder that is not there: `db/no-such-folder/`.', true],
	['Call `noSuchFunctionAnywhere()` first.', true],
	['`noSuchExport` (`worker/domain/errors.ts`) is wrong.', true],
	['`viaService` in `worker/domain/money.ts` is in the wrong file.', true],
	['See [the map](../../../ARCHITECTURE.md#no-such-section).', true],
	['See [the map](../../NO-SUCH-FILE.md).', true],
	[
		'`worker/domain/invoices/overdue-where.ts`, `overdue-where.ts`, `services/db.ts`, `db/schema/`, `$lib/format`.',
		false
	],
	['`viaService()` and `AppError` (`worker/domain/errors.ts`); `isOverdue` in `invoice-status.ts`.', false],
	['See [the README](../../../README.md#test-it) and https://example.com/a/b.ts.', false],
	[
		'Skipped: `/api/invoices/:id`, `worker/**/*.test.ts`, `contracts/<id>/signed-<sig>.pdf`, `text/plain`, `max(a, b)`.',
		false
	],
	['```\nworker/domain/example/made-up.ts\n`worker/domain/example/made-up.ts`\n```', false]
];

let failures = 0;
for (const [text, expected] of cases) {
	const problems = checkDocText(text, DOC);
	const ok = expected ? problems.length > 0 : problems.length === 0;
	if (!ok) failures++;
	const first = text.split('\n')[0];
	console.log(
		`${ok ? '✔' : '✖'} ${expected ? 'caught' : 'passed'}: ${first}${ok ? '' : ` (got ${problems.length ? problems.map((p) => p.problem).join('; ') : 'nothing'})`}`
	);
}
console.log(
	failures
		? `✖ docs self-test: ${failures} case(s) not handled as expected`
		: '✔ docs self-test: every wrong path, name and link was caught'
);
process.exitCode = failures ? 1 : 0;
