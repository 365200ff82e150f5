#!/usr/bin/env node
// The use-case convention of `npm run check` (ARCHITECTURE.md, "Conventions"): every function of
// worker/domain that an adapter (a SvelteKit server file under app/, a Hono route under
// worker/http/) calls with a scope takes ONE options object made of the scope, named ids
// (`quoteId`, `clientIds`), and `input`, the raw request data that the use case parses itself
// with zod. So filters, pages and form fields are parsed once, in the domain, not in each route.
//
// It reads the sources with TypeScript's parser (no type checker: fast, and the rules are about
// how a signature is written): each named import from worker/domain in an adapter is followed to
// its exported function; those whose parameters mention Scope, Services or Account are checked.
//
// Usage: node scripts/check-use-cases.mjs
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Options members besides the scope, ids and `input`: facts of the request itself, not data to parse. */
const REQUEST_FACTS = {
	actor: 'a narrowed actor type (e.g. a staff member) where the use case only serves one kind',
	services: 'the scope written out, for entry points before a workspace is known (webhooks, sign-in)',
	workspace: 'the scope written out, where a flow needs the workspace but no actor',
	ip: 'the client address, for rate limits and audit rows',
	userAgent: 'the User-Agent header, for session and audit rows',
	audit: 'ip and user agent together, for the contract audit trail',
	rawBody: 'the exact bytes a webhook signature was computed over',
	signature: 'a webhook signature header, checked against rawBody',
	token: 'a secret from the URL or a cookie (invites, magic links, share links)',
	target: 'which side (dashboard or a client portal) a sign-in link was opened on, from the Host',
	reference: 'a payment reference from a checkout URL: the key of a payment, like an id',
	files: 'upload bodies (File/ReadableStream), which zod does not parse',
	upgrade: 'the WebSocket upgrade request, handed on to the Durable Object',
	countView: 'whether this read counts as the client viewing it (a portal GET, not a form post or a preview)',
	render: 'a test seam: the signed-PDF renderer, replaced by a failing one to prove the signing rolls back'
};

const SCOPE_TYPES = /\b(Scope|Services|Account)\b/;
/** Named keys from the URL path: ids (`quoteId`, `clientIds`) and slugs. */
const KEY_MEMBER = /(Ids?|Slug)$|^slug$/;
const RAW_INPUT = /^unknown$|URLSearchParams|Record<string,\s*unknown>/;
const PARSES = /\bparseInput\(|(?<!JSON)\.(safeParse|parse)\(/;

/** Adapter files: the callers of the use cases. */
export function isAdapter(file) {
	if (file.endsWith('.test.ts') || !file.endsWith('.ts')) return false;
	if (file.startsWith('worker/http/')) return true;
	if (!file.startsWith('app/')) return false;
	return file.startsWith('app/lib/server/') || /(\.server|\+server)\.ts$/.test(file);
}

/**
 * @param {string[]} adapters repository paths of the adapter files
 * @param {(file: string) => string | undefined} read a file's text, undefined when it does not exist
 * @returns {{ file: string; line: number; name: string; message: string }[]}
 */
export function checkUseCases(adapters, read) {
	const parsed = new Map();
	const parse = (file) => {
		if (!parsed.has(file)) {
			const text = read(file);
			parsed.set(file, text === undefined ? null : ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
		}
		return parsed.get(file);
	};
	const resolve = (from, specifier) => {
		let base;
		if (specifier.startsWith('$domain')) base = `worker/domain${specifier.slice('$domain'.length)}`;
		else if (specifier.startsWith('.'))
			base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
		else return undefined;
		if (!base.startsWith('worker/domain')) return undefined;
		return [`${base}.ts`, `${base}/index.ts`].find((f) => parse(f));
	};

	const violations = [];
	const checked = new Set();
	for (const adapter of adapters) {
		const source = parse(adapter);
		if (!source) continue;
		for (const statement of source.statements) {
			if (!ts.isImportDeclaration(statement) || statement.importClause?.isTypeOnly) continue;
			const bindings = statement.importClause?.namedBindings;
			if (!bindings || !ts.isNamedImports(bindings)) continue;
			const target = resolve(adapter, /** @type {ts.StringLiteral} */ (statement.moduleSpecifier).text);
			if (!target) continue;
			for (const element of bindings.elements) {
				if (element.isTypeOnly) continue;
				const name = (element.propertyName ?? element.name).text;
				const found = findExport(target, name, parse, resolve);
				if (!found || checked.has(`${found.file}#${name}`)) continue;
				checked.add(`${found.file}#${name}`);
				const parses = (fn) => parsesInput(fn, found.file, parse, resolve);
				violations.push(...checkSignature(found.file, found.fn, name, parse(found.file), parses));
			}
		}
	}
	return violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** The exported function `name` of a domain file, following `export { x } from` and `export * from`. */
function findExport(file, name, parse, resolve, seen = new Set()) {
	if (seen.has(file)) return undefined;
	seen.add(file);
	const source = parse(file);
	if (!source) return undefined;
	for (const statement of source.statements) {
		const exported = ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
		if (exported && ts.isFunctionDeclaration(statement) && statement.name?.text === name)
			return { file, fn: statement };
		if (exported && ts.isVariableStatement(statement))
			for (const d of statement.declarationList.declarations) {
				const init = d.initializer;
				if (ts.isIdentifier(d.name) && d.name.text === name && init && ts.isFunctionLike(init))
					return { file, fn: init };
			}
		if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
			const next = resolve(file, /** @type {ts.StringLiteral} */ (statement.moduleSpecifier).text);
			if (!next) continue;
			const clause = statement.exportClause;
			if (!clause) {
				const found = findExport(next, name, parse, resolve, seen);
				if (found) return found;
			} else if (ts.isNamedExports(clause)) {
				const el = clause.elements.find((e) => e.name.text === name);
				if (el) return findExport(next, (el.propertyName ?? el.name).text, parse, resolve, seen);
			}
		}
	}
	return undefined;
}

/** The rules for one use case's signature. */
function checkSignature(file, fn, name, source, parses) {
	const params = fn.parameters;
	const typeText = (node) => (node ? node.getText(source) : '');
	const aliases = localTypes(source);
	const expanded = (node) => expandType(node, aliases, source);
	if (!params.some((p) => SCOPE_TYPES.test(expanded(p.type)))) return []; // not a use case: a helper, formatter, constant
	if (fn.type && /^(Scope|Account)$/.test(typeText(fn.type))) return []; // builds the scope (accountOf), not a use case
	const at = (node, message) => ({
		file,
		line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
		name,
		message
	});
	if (params.length !== 1)
		return [at(fn, `${name} takes ${params.length} parameters: take one options object { ...scope, ids, input }`)];
	const violations = [];
	for (const member of members(params[0].type, aliases)) {
		if (!ts.isPropertySignature(member) || !member.name) continue;
		const key = member.name.getText(source);
		if (key === 'input') {
			if (RAW_INPUT.test(typeText(member.type).replace(/\s+/g, ' ')) && !parses(fn))
				violations.push(
					at(
						member,
						`${name} takes raw input but never parses it (parseInput or a zod .parse, here or in a function it calls)`
					)
				);
		} else if (!KEY_MEMBER.test(key) && !(key in REQUEST_FACTS))
			violations.push(
				at(
					member,
					`${name} takes \`${key}\`: pass it inside \`input\` (parsed by the use case), as a named id (…Id), or add it to REQUEST_FACTS in scripts/check-use-cases.mjs with a reason`
				)
			);
	}
	return violations;
}

/**
 * Whether a use case parses its input: its body calls parseInput or a zod .parse/.safeParse, or
 * calls a function (of its own file, or imported from worker/domain) whose body does, such as
 * `pageFrom` or `chooseRecipients`, or any `parse…` function. One level deep: enough for the helpers
 * the use cases share, and a use case that hides its parsing deeper is hard to read anyway.
 */
function parsesInput(fn, file, parse, resolve) {
	const source = parse(file);
	if (PARSES.test(fn.getText(source))) return true;
	const imports = new Map();
	for (const s of source.statements) {
		const bindings = ts.isImportDeclaration(s) ? s.importClause?.namedBindings : undefined;
		if (!bindings || !ts.isNamedImports(bindings)) continue;
		for (const el of bindings.elements)
			imports.set(el.name.text, { specifier: s.moduleSpecifier.text, name: (el.propertyName ?? el.name).text });
	}
	const callees = new Set();
	const visit = (node) => {
		if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) callees.add(node.expression.text);
		ts.forEachChild(node, visit);
	};
	visit(fn);
	for (const callee of callees) {
		if (/^parse[A-Z]/.test(callee)) return true; // parseInvoiceInput, parseRecurringInput: parsing by name
		const local = source.statements.find((s) => ts.isFunctionDeclaration(s) && s.name?.text === callee);
		if (local && PARSES.test(local.getText(source))) return true;
		const imported = imports.get(callee);
		const target = imported && resolve(file, imported.specifier);
		const found = target && findExport(target, imported.name, parse, resolve);
		if (found && PARSES.test(found.fn.getText(parse(found.file)))) return true;
	}
	return false;
}

/** Type aliases and interfaces declared in a file, by name. */
function localTypes(source) {
	const types = new Map();
	for (const s of source.statements)
		if (ts.isTypeAliasDeclaration(s)) types.set(s.name.text, s.type);
		else if (ts.isInterfaceDeclaration(s)) types.set(s.name.text, s);
	return types;
}

/** A parameter's type as text, with the file's own aliases spelled out (so `opts: ListOptions` still counts). */
function expandType(node, aliases, source, depth = 0) {
	if (!node) return '';
	if (depth < 4 && ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && aliases.has(node.typeName.text)) {
		const target = aliases.get(node.typeName.text);
		return ts.isInterfaceDeclaration(target) ? target.getText(source) : expandType(target, aliases, source, depth + 1);
	}
	if (ts.isIntersectionTypeNode(node) || ts.isUnionTypeNode(node))
		return node.types.map((t) => expandType(t, aliases, source, depth + 1)).join(' & ');
	return node.getText(source);
}

/** The members the options object adds to the scope: its literal parts, through the file's own aliases. */
function members(node, aliases, depth = 0) {
	if (!node || depth > 4) return [];
	if (ts.isTypeLiteralNode(node)) return [...node.members];
	if (ts.isInterfaceDeclaration(node)) return [...node.members];
	if (ts.isParenthesizedTypeNode(node)) return members(node.type, aliases, depth + 1);
	if (ts.isIntersectionTypeNode(node) || ts.isUnionTypeNode(node))
		return node.types.flatMap((t) => members(t, aliases, depth + 1));
	if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && aliases.has(node.typeName.text))
		return members(aliases.get(node.typeName.text), aliases, depth + 1);
	return []; // Scope, Pick<Scope, ...>, Account, imported types: the scope itself
}

function walk(dir) {
	const out = [];
	for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
		const rel = `${dir}/${entry.name}`;
		if (entry.isDirectory()) out.push(...walk(rel));
		else out.push(rel);
	}
	return out;
}

export function report(violations) {
	if (!violations.length)
		return '✔ use cases: every one takes one options object { ...scope, ids, input } and parses its input';
	return [
		...violations.map((v) => `✖ ${v.file}:${v.line} ${v.message}`),
		`✖ use cases: ${violations.length} violation(s); the convention is in ARCHITECTURE.md ("Conventions")`
	].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const adapters = [...walk('app'), ...walk('worker/http')].filter(isAdapter);
	const read = (file) => (existsSync(path.join(root, file)) ? readFileSync(path.join(root, file), 'utf8') : undefined);
	const violations = checkUseCases(adapters, read);
	console.log(report(violations));
	process.exitCode = violations.length ? 1 : 0;
}
