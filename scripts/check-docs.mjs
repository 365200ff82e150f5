#!/usr/bin/env node
// Keeps the docs true to the tree: every backticked repository path in ARCHITECTURE.md, README.md
// and the README.md files next to the code must exist, and every backticked name written as a
// call (`brandOf()`) or given with its file (`isOverdue` in `invoice-status.ts`) must be declared
// there. Relative Markdown links (and their #anchors) must resolve too. Run by `npm run check`;
// scripts/check-docs-selftest.mjs proves it fails on a wrong path, name or link.
//
// What counts as a path (everything else in backticks is left alone):
//  - a span that starts with a top-level folder or alias (`worker/...`, `db/schema/`, `$lib/format`),
//    ends with `/`, or ends with a source extension (`.ts`, `.mjs`, `.svelte`, `.md`...);
//  - skipped: URLs, globs (`*`, `{a,b}`), placeholders (`<id>`, `…`), routes (`/api/...`),
//    generated folders (`.svelte-kit/`, `.wrangler/`), anything inside a fenced code block.
// A path that starts with a top-level folder is taken from the repository root; a shorter one
// (`services/db.ts`, `overdue-where.ts`) from the doc's folder, or else as the tail of a path
// in the tree.
//
// Usage: node scripts/check-docs.mjs [doc.md...]   (default: the docs listed above)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const TOP_LEVEL = ['app', 'worker', 'db', 'durable-objects', 'tests', 'e2e', 'scripts', 'bench', 'static', '.ci'];
const ALIASES = {
	'$lib/': 'app/lib/',
	'$domain/': 'worker/domain/',
	'$services/': 'worker/services/',
	'$db/': 'db/',
	'$http/': 'worker/http/'
};
const GENERATED = [
	'.svelte-kit/',
	'.wrangler/',
	'node_modules/',
	'bench/.state/',
	'.e2e-state/',
	'test-results/',
	'playwright-report/'
];
const EXTENSIONS = /\.(ts|mts|mjs|cjs|js|svelte|json|toml|md|sql|css|html|sh)$/;
const SKIP_DIRS = new Set([
	'node_modules',
	'.git',
	'.svelte-kit',
	'.wrangler',
	'.e2e-state',
	'test-results',
	'playwright-report',
	'.state'
]);
const SOURCE = /\.(ts|mts|mjs|cjs|js|svelte)$/;
/** SQL and JavaScript built-ins the docs write as calls; not the project's names. */
const BUILTINS = new Set([
	'max',
	'min',
	'count',
	'sum',
	'avg',
	'instr',
	'lower',
	'upper',
	'changes',
	'exists',
	'coalesce',
	'length',
	'substr',
	'not',
	'and',
	'or',
	'fetch',
	'sql',
	'idFromName'
]);

/** Every file and folder of the tree (relative, folders with a trailing slash), read once. */
let treeCache;
function tree() {
	if (treeCache) return treeCache;
	const entries = [];
	const walk = (dir) => {
		for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
			if (SKIP_DIRS.has(entry.name)) continue;
			const rel = dir ? `${dir}/${entry.name}` : entry.name;
			if (entry.isDirectory()) {
				entries.push(`${rel}/`);
				walk(rel);
			} else entries.push(rel);
		}
	};
	walk('');
	treeCache = entries;
	return entries;
}

/** The default docs: the two at the root and every README.md next to the code. */
export function defaultDocs() {
	return ['ARCHITECTURE.md', 'README.md', ...tree().filter((p) => p.endsWith('/README.md'))];
}

/** Is this backticked text meant as a repository path? */
export function looksLikePath(span) {
	if (/\s/.test(span) || span.includes('://') || span.startsWith('/')) return false;
	if (/[*{}<>…]|\.\.\./.test(span)) return false;
	if (GENERATED.some((g) => span.startsWith(g)) || /^\.[a-z]+$/.test(span)) return false;
	if (Object.keys(ALIASES).some((a) => span.startsWith(a))) return true;
	if (TOP_LEVEL.some((t) => span === `${t}/` || span.startsWith(`${t}/`))) return true;
	if (!/^[\w.$@[\]-]+(\/[\w.$@[\]-]+)*\/?$/.test(span)) return false;
	return (span.includes('/') && span.endsWith('/')) || EXTENSIONS.test(span);
}

const WITH_EXTENSIONS = ['', '.ts', '.svelte', '.mjs', '.js', '/index.ts'];

/** Files (or folders) a path span may mean, relative to the root; empty when none exists. */
export function resolvePath(span, docPath) {
	let p = span;
	for (const [alias, target] of Object.entries(ALIASES)) if (p.startsWith(alias)) p = target + p.slice(alias.length);
	const dir = p.endsWith('/');
	const bare = dir ? p.slice(0, -1) : p;
	const exists = (rel) => {
		const full = path.join(root, rel);
		return existsSync(full) && (!dir || statSync(full).isDirectory());
	};
	const tryAll = (base) => (dir ? [base] : WITH_EXTENSIONS.map((e) => base + e)).filter(exists);
	if (TOP_LEVEL.some((t) => bare === t || bare.startsWith(`${t}/`)) || p !== span)
		return tryAll(path.posix.normalize(bare));
	const local = tryAll(path.posix.join(path.posix.dirname(docPath), bare));
	if (local.length) return local;
	const atRoot = tryAll(bare);
	if (atRoot.length) return atRoot;
	const tail = `/${bare}${dir ? '/' : ''}`;
	return tree().filter((entry) =>
		dir ? entry.endsWith(tail) : entry.endsWith(tail) || WITH_EXTENSIONS.some((e) => e && entry.endsWith(tail + e))
	);
}

const declaredCache = new Map();
/** Names a source file declares, exports or imports (functions, constants, classes, types). */
function declaredIn(file) {
	if (declaredCache.has(file)) return declaredCache.get(file);
	const text = readFileSync(path.join(root, file), 'utf8');
	const names = new Set();
	for (const m of text.matchAll(/\b(?:function\*?|const|let|var|class|type|interface|enum)\s+([A-Za-z_$][\w$]*)/g))
		names.add(m[1]);
	// Re-exported and imported names exist there too (`fail()` from SvelteKit in a page helper).
	for (const m of text.matchAll(/\b(?:export|import)\s+(?:type\s+)?\{([^}]*)\}/g)) {
		for (const part of m[1].split(',')) {
			const name = part
				.trim()
				.split(/\s+as\s+/)
				.pop()
				?.replace(/^type\s+/, '');
			if (name) names.add(name);
		}
	}
	// Destructured constants: const { a, b } = ...
	for (const m of text.matchAll(/\b(?:const|let)\s*\{([^}]*)\}\s*=/g))
		for (const part of m[1].split(',')) names.add(part.split(':').pop()?.trim() ?? '');
	declaredCache.set(file, names);
	return names;
}

function sourceFilesUnder(entries) {
	const all = tree();
	return entries.flatMap((e) =>
		e.endsWith('/') || (existsSync(path.join(root, e)) && statSync(path.join(root, e)).isDirectory())
			? all.filter((f) => f.startsWith(e.replace(/\/?$/, '/')) && SOURCE.test(f))
			: SOURCE.test(e)
				? [e]
				: []
	);
}

let everywhere;
function declaredAnywhere(name) {
	everywhere ??= sourceFilesUnder(TOP_LEVEL.filter((t) => existsSync(path.join(root, t))).map((t) => `${t}/`));
	return everywhere.some((f) => declaredIn(f).has(name));
}

/** GitHub's anchor of a heading. */
export function slug(heading) {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

function anchorsOf(file) {
	const text = readFileSync(path.join(root, file), 'utf8');
	return new Set(
		withoutCodeBlocks(text)
			.filter((l) => /^#{1,6}\s/.test(l.text))
			.map((l) => slug(l.text.replace(/^#+\s*/, '')))
	);
}

/** Lines outside fenced code blocks, with their numbers. */
function withoutCodeBlocks(text) {
	const out = [];
	let fence = null;
	text.split('\n').forEach((line, i) => {
		const m = /^\s*(```+|~~~+)/.exec(line);
		if (m) {
			if (!fence) fence = m[1][0];
			else if (m[1][0] === fence) fence = null;
			return;
		}
		if (!fence) out.push({ text: line, number: i + 1 });
	});
	return out;
}

const IDENT = '[A-Za-z_$][\\w$]*';
/** SQL keywords (`UNIQUE(...)`) and environment variables are written in capitals. */
const CONSTANT = /^[A-Z][A-Z0-9_]*$/;
const CALL = new RegExp(`^(${IDENT})\\(.*\\)$`);
/** `name` or `name()` followed by ` (`path`` or ` in `path`` / ` from `path``: the name is declared in that file. */
const NAME_WITH_FILE = new RegExp(`\`(${IDENT})(?:\\(\\))?\`\\s*(?:\\(|in |from )\\s*\`([^\`]+)\``, 'g');

/**
 * @param {string} text Markdown
 * @param {string} docPath where the doc lives, relative to the root (short paths are read from its folder)
 * @returns {{ doc: string; line: number; problem: string }[]}
 */
export function checkDocText(text, docPath) {
	const problems = [];
	const report = (line, problem) => problems.push({ doc: docPath, line, problem });
	for (const { text: line, number } of withoutCodeBlocks(text)) {
		// Inline code spans (single backticks; a double-backtick span is left alone).
		for (const m of line.matchAll(/(?<!`)`([^`]+)`(?!`)/g)) {
			const span = m[1].trim();
			if (looksLikePath(span)) {
				if (!resolvePath(span, docPath).length) report(number, `\`${span}\`: no such file or folder`);
				continue;
			}
			const call = CALL.exec(span);
			if (call && !BUILTINS.has(call[1]) && !CONSTANT.test(call[1]) && !declaredAnywhere(call[1]))
				report(number, `\`${span}\`: ${call[1]} is declared nowhere in the source`);
		}
		for (const m of line.matchAll(NAME_WITH_FILE)) {
			const [, name, where] = m;
			if (BUILTINS.has(name) || !looksLikePath(where)) continue;
			const files = sourceFilesUnder(resolvePath(where, docPath));
			// A constant in capitals may be an environment variable the file reads: it need only appear there.
			const found = (f) =>
				CONSTANT.test(name)
					? new RegExp(`\\b${name}\\b`).test(readFileSync(path.join(root, f), 'utf8'))
					: declaredIn(f).has(name);
			if (files.length && !files.some(found)) report(number, `\`${name}\` is not declared in \`${where}\``);
		}
		// Relative Markdown links and their anchors.
		for (const m of line.matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)) {
			const target = m[1];
			if (/^[a-z]+:/i.test(target)) continue;
			const [file, anchor] = target.split('#');
			const rel = file ? path.posix.normalize(path.posix.join(path.posix.dirname(docPath), file)) : docPath;
			if (file && !existsSync(path.join(root, rel))) {
				report(number, `link to ${target}: no such file`);
				continue;
			}
			if (anchor && rel.endsWith('.md') && !anchorsOf(rel).has(anchor))
				report(number, `link to ${target}: no heading #${anchor} in ${rel}`);
		}
	}
	return problems;
}

/** Checks the docs; returns the problems found. */
export function checkDocs(docs = defaultDocs()) {
	return docs.flatMap((doc) => checkDocText(readFileSync(path.join(root, doc), 'utf8'), doc));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const docs =
		process.argv.length > 2 ? process.argv.slice(2).map((d) => path.relative(root, path.resolve(d))) : defaultDocs();
	const problems = checkDocs(docs);
	for (const p of problems) console.log(`✖ ${p.doc}:${p.line} ${p.problem}`);
	console.log(
		problems.length
			? `✖ docs check: ${problems.length} problem(s) in ${docs.length} doc(s)`
			: `✔ docs check: ${docs.length} doc(s), every path, name and link resolves`
	);
	process.exitCode = problems.length ? 1 : 0;
}
