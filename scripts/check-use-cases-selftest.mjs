#!/usr/bin/env node
// Proves the use-case check can fail: a few in-memory sources (an adapter and the domain files it
// imports) that break the convention must each be reported, and the ones that follow it must not.
// Run by `npm run check`.
import { checkUseCases, report } from './check-use-cases.mjs';

const D = 'worker/domain/selftest';
const scopeImport = `import type { Scope } from '../scope';\nimport { parseInput } from '../errors';\n`;

/** [file, content, what the report must say about it; null: nothing] */
const cases = [
	[
		`${D}/two-params.ts`,
		`${scopeImport}export async function archiveThing(scope: Scope, thingId: string) {}\n`,
		'archiveThing takes 2 parameters'
	],
	[
		`${D}/page-member.ts`,
		`${scopeImport}import type { PageRequest } from '../pagination';\n` +
			`export async function listThings(opts: Scope & { page: PageRequest; input?: unknown }) {\n\tparseInput(schema, opts.input);\n}\n`,
		'listThings takes `page`'
	],
	[
		`${D}/unparsed.ts`,
		`${scopeImport}export async function saveThing(opts: Scope & { thingId: string; input: unknown }) {\n\treturn opts.input;\n}\n`,
		'saveThing takes raw input but never parses it'
	],
	[
		`${D}/alias.ts`,
		`${scopeImport}type Options = Scope & { status?: string | null };\nexport const countThings = async (opts: Options) => opts.status;\n`,
		'countThings takes `status`'
	],
	[
		`${D}/ok.ts`,
		`${scopeImport}import { parseThingInput } from './thing-input';\n` +
			`export async function updateThing(opts: Scope & { thingId: string; input: unknown }) {\n\treturn parseThingInput(opts.input);\n}\n` +
			`export async function showThing(opts: Pick<Scope, 'services' | 'actor'> & { thingIds: string[]; ip: string | null; input?: URLSearchParams }) {\n\treturn parseInput(schema, Object.fromEntries(opts.input ?? []));\n}\n` +
			`export const thingLabel = (n: number) => \`Thing \${n}\`;\n`,
		null
	]
];

const adapters = {
	'app/routes/things/+page.server.ts':
		`import { archiveThing } from '$domain/selftest/two-params';\nimport { listThings } from '$domain/selftest/page-member';\n` +
		`import { updateThing, showThing, thingLabel } from '$domain/selftest/ok';\nimport type { Thing } from '$domain/selftest/ok';\n`,
	'worker/http/routes/things.ts': `import { saveThing } from '../../domain/selftest/unparsed';\nimport { countThings } from '../../domain/selftest/alias';\n`
};

const files = new Map([...cases.map(([file, content]) => [file, content]), ...Object.entries(adapters)]);
const violations = checkUseCases(Object.keys(adapters), (file) => files.get(file));
let failures = 0;
for (const [file, , expected] of cases) {
	const reported = violations.filter((v) => v.file === file).map((v) => v.message);
	const ok = expected ? reported.some((m) => m.includes(expected)) : reported.length === 0;
	if (!ok) failures++;
	console.log(
		`${ok ? '✔' : '✖'} ${file}: ${expected ? `expected "${expected}"` : 'expected no violation'}, got ${reported.length ? reported.join('; ') : 'none'}`
	);
}
if (failures) console.log(report(violations));
console.log(
	failures
		? `✖ use-case self-test: ${failures} case(s) not caught as expected`
		: '✔ use-case self-test: every broken signature was caught'
);
process.exitCode = failures ? 1 : 0;
