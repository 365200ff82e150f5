#!/usr/bin/env node
// The import-boundary check of `npm run check`: dependency-cruiser with the rules of
// .dependency-cruiser.cjs, plus the one kind of import it cannot see.
//
// dependency-cruiser reads a .svelte file through the Svelte 5 compiler, whose output no longer
// has the script's type-only imports, so `import type { X } from '$db/schema'` in a component
// would pass unseen. This script lists every import of each component's <script> with
// TypeScript's scanner and checks the ones dependency-cruiser missed against the same rules.
//
// Usage: node scripts/check-boundaries.mjs [paths...]   (default: the whole source tree)
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import ts from 'typescript';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE_PATHS = ['app', 'worker', 'db', 'durable-objects', 'tests', 'e2e', 'scripts', 'bench'];
const CONFIG = '.dependency-cruiser.cjs';
const CONFIG_PATH = `./${CONFIG}`; // a relative path: a bare name would be looked up as a package

/**
 * @typedef {{ rule: string; from: string; to: string; cycle?: string[]; note?: string }} Violation
 * @param {string[]} paths relative to the repository root
 * @param {{ maxDepth?: number }} [limits] maxDepth 1: only the given files and what they import directly (the self-test)
 * @returns {Promise<{ violations: Violation[]; comments: Map<string, string>; modules: number }>}
 */
export async function checkBoundaries(paths = SOURCE_PATHS, limits = {}) {
	const cwd = process.cwd();
	process.chdir(root); // dependency-cruiser resolves the config, tsconfig and paths from the working directory
	try {
		const options = await extractDepcruiseOptions(CONFIG_PATH);
		const tsConfigFile = options.tsConfig?.fileName;
		if (tsConfigFile && !existsSync(tsConfigFile))
			throw new Error(`${tsConfigFile} is missing: run \`npx svelte-kit sync\` first (npm run check does).`);
		const tsConfig = tsConfigFile ? extractTSConfig(tsConfigFile) : undefined;
		if (limits.maxDepth) options.maxDepth = limits.maxDepth;
		const { output } = await cruise(paths, options, {}, { tsConfig });
		const result = /** @type {import('dependency-cruiser').ICruiseResult} */ (output);
		const rules = options.ruleSet?.forbidden ?? [];
		const comments = new Map(rules.map((r) => [r.name ?? '', r.comment ?? '']));
		/** @type {Violation[]} */
		const violations = result.summary.violations.map((v) => ({
			rule: v.rule.name,
			from: v.from,
			to: v.to,
			cycle: v.cycle?.map((step) => step.name)
		}));
		violations.push(...svelteTypeImportViolations(result.modules, rules, tsConfig));
		return { violations, comments, modules: result.modules.length };
	} finally {
		process.chdir(cwd);
	}
}

/** Imports in the <script> blocks of .svelte files that dependency-cruiser did not report, checked against the path rules. */
function svelteTypeImportViolations(modules, rules, tsConfig) {
	const aliases = Object.entries(tsConfig?.options?.paths ?? {}).map(([key, [target]]) => ({
		prefix: key.replace(/\*$/, ''),
		target: path.resolve(tsConfig.options.pathsBasePath ?? root, target.replace(/\*$/, ''))
	}));
	const violations = [];
	for (const module of modules) {
		if (!module.source.endsWith('.svelte')) continue;
		const seen = new Set(module.dependencies.map((d) => d.resolved));
		const source = readFileSync(path.join(root, module.source), 'utf8');
		for (const [, script] of source.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
			for (const { fileName: specifier } of ts.preProcessFile(script, true, true).importedFiles) {
				const to = resolveImport(module.source, specifier, aliases);
				if (to === undefined || seen.has(to)) continue;
				const note = 'a type-only import in a .svelte script, checked by scripts/check-boundaries.mjs';
				if (to === null) violations.push({ rule: 'not-to-unresolvable', from: module.source, to: specifier, note });
				else
					for (const rule of rules.filter((r) => pathRuleMatches(r, module.source, to)))
						violations.push({ rule: rule.name, from: module.source, to, note });
			}
		}
	}
	return violations;
}

/** The repository path an import points at; undefined for packages and virtual modules, null when nothing is there. */
function resolveImport(from, specifier, aliases) {
	let base;
	if (specifier.startsWith('.')) base = path.resolve(root, path.dirname(from), specifier);
	else {
		const alias = aliases.find(
			(a) => specifier === a.prefix.replace(/\/$/, '') || (a.prefix.endsWith('/') && specifier.startsWith(a.prefix))
		);
		if (!alias) return undefined;
		base = path.join(alias.target, specifier.slice(alias.prefix.length));
	}
	for (const candidate of [
		base,
		`${base}.ts`,
		`${base}.d.ts`,
		`${base}.js`,
		`${base}.svelte`,
		path.join(base, 'index.ts')
	]) {
		if (existsSync(candidate) && !candidate.endsWith(path.sep) && path.extname(candidate))
			return path.relative(root, candidate).split(path.sep).join('/');
	}
	return null;
}

/** Whether a rule made only of from/to path conditions forbids this import. */
function pathRuleMatches(rule, from, to) {
	const test = (pattern, value) => new RegExp(pattern).test(value);
	const f = rule.from ?? {};
	const t = rule.to ?? {};
	if (t.circular !== undefined || t.couldNotResolve !== undefined) return false;
	if (f.path && !test(f.path, from)) return false;
	if (f.pathNot && test(f.pathNot, from)) return false;
	if (t.path && !test(t.path, to)) return false;
	if (t.pathNot && test(t.pathNot, to)) return false;
	return true;
}

/** Human-readable report: one block per rule, with the rule's reason once. */
export function report({ violations, comments, modules }) {
	if (!violations.length) return `✔ import boundaries: no violations (${modules} modules, rules in ${CONFIG})`;
	const lines = [];
	for (const rule of [...new Set(violations.map((v) => v.rule))]) {
		lines.push(`✖ ${rule}: ${comments.get(rule) ?? ''}`);
		for (const v of violations.filter((x) => x.rule === rule)) {
			lines.push(
				v.cycle ? `    ${v.from} → ${v.cycle.join(' → ')}` : `    ${v.from} → ${v.to}${v.note ? `  (${v.note})` : ''}`
			);
		}
	}
	lines.push(
		`✖ import boundaries: ${violations.length} violation(s); the rules and why are in ${CONFIG} and ARCHITECTURE.md ("Layers and import rules").`
	);
	return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const args = process.argv.slice(2);
	const outcome = await checkBoundaries(args.length ? args : SOURCE_PATHS);
	console.log(report(outcome));
	process.exitCode = outcome.violations.length ? 1 : 0;
}
