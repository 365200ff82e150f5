import { z } from 'zod';
import { requireStaff } from '../actor';
import { searchText } from '../form-fields';
import type { Scope } from '../scope';
import { ftsQuery } from './fts-query';

/** In the order of their codes in migration 0013 (position + 1): never reorder. */
export const SEARCH_KINDS = [
	'client',
	'contact',
	'project',
	'task',
	'quote',
	'invoice',
	'contract',
	'message'
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
	client: 'Clients',
	contact: 'Contacts',
	project: 'Projects',
	task: 'Tasks',
	quote: 'Quotes',
	invoice: 'Invoices',
	contract: 'Contracts',
	message: 'Messages'
};

/** Each kind's rowids in search_index start at its code (1-based position in SEARCH_KINDS) times this (migration 0013). */
const KIND_SPAN = 2 ** 40;

/** Most hits shown per kind. */
export const HITS_PER_KIND = 5;

/** Marks around the matched words in `excerpt` (private-use characters: never in typed text shown raw). */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

export type SearchHit = { kind: SearchKind; id: string; title: string; excerpt: string; href: string };
export type SearchGroup = { kind: SearchKind; label: string; hits: SearchHit[] };
export type SearchResult = { q: string; groups: SearchGroup[] };

const inputSchema = z.object({ q: searchText });

type Row = {
	kind: SearchKind;
	ref_id: string;
	parent_id: string | null;
	project_id: string | null;
	title: string;
	excerpt: string;
};

function hrefOf(row: Row): string | null {
	switch (row.kind) {
		case 'client':
			return `/clients/${row.ref_id}`;
		case 'contact':
			return row.parent_id ? `/clients/${row.parent_id}/contacts/${row.ref_id}` : null;
		case 'project':
			return `/projects/${row.ref_id}`;
		case 'task':
			return row.parent_id ? `/projects/${row.parent_id}/tasks/${row.ref_id}` : null;
		case 'quote':
			return `/quotes/${row.ref_id}`;
		case 'invoice':
			return `/invoices/${row.ref_id}`;
		case 'contract':
			return `/contracts/${row.ref_id}`;
		case 'message':
			return row.project_id && row.parent_id ? `/projects/${row.project_id}/threads/${row.parent_id}` : null;
	}
}

/**
 * Searches everything staff can open in the workspace (clients, contacts, projects, tasks,
 * quotes, invoices, contracts, messages including internal notes) through the FTS5 index
 * `search_index` (migration 0013, kept by triggers). One statement: MATCH narrows by the
 * words, `workspace_id = ?` by tenant, and each kind gets its own newest HITS_PER_KIND so
 * a word in ten thousand messages does not hide the one client. Staff only.
 */
export async function searchWorkspace(
	opts: Scope & { input: URLSearchParams | Record<string, unknown> }
): Promise<SearchResult> {
	requireStaff(opts.actor);
	const raw = opts.input instanceof URLSearchParams ? Object.fromEntries(opts.input) : opts.input;
	const { q } = inputSchema.parse(raw);
	const match = ftsQuery(q);
	if (!match) return { q, groups: [] };
	const ws = opts.workspace.id;
	// One sub-select per kind, each over its own rowid range (migration 0013: rowid = kind code * 2^40
	// + the source rowid), newest first: FTS5 walks a rowid range in order and stops at the
	// limit, so a word in 200,000 messages costs what a word in five does. Ranking by bm25
	// instead had to score every match (2.5 s for such a word on the bench workspace).
	// One statement per kind (D1 allows few UNION terms), all in one batch: one round trip.
	const d1 = opts.services.db.$client;
	const perKind = SEARCH_KINDS.map((kind, i) => {
		const hits = `SELECT kind, ref_id, parent_id, title, snippet(search_index, 5, '${MARK_START}', '${MARK_END}', '…', 12) AS excerpt
			FROM search_index WHERE search_index MATCH ?1 AND workspace_id = ?2 AND rowid BETWEEN ${(i + 1) * KIND_SPAN} AND ${(i + 2) * KIND_SPAN - 1}
			ORDER BY rowid DESC LIMIT ${HITS_PER_KIND}`;
		const text =
			kind === 'message'
				? `SELECT s.*, t.project_id FROM (${hits}) s LEFT JOIN threads t ON t.id = s.parent_id AND t.workspace_id = ?2`
				: `SELECT *, NULL AS project_id FROM (${hits})`;
		return d1.prepare(text).bind(match, ws);
	});
	const results = (await d1.batch<Row>(perKind)).flatMap((r) => r.results);
	const groups: SearchGroup[] = [];
	for (const kind of SEARCH_KINDS) {
		const hits = results
			.filter((r) => r.kind === kind)
			.flatMap((r) => {
				const href = hrefOf(r);
				return href ? [{ kind, id: r.ref_id, title: r.title, excerpt: r.excerpt, href }] : [];
			});
		if (hits.length) groups.push({ kind, label: SEARCH_KIND_LABELS[kind], hits });
	}
	return { q, groups };
}
