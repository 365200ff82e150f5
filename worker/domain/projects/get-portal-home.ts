import { requireClient, type ClientActor } from '../actor';
import { attentionListQueries, toAttentionItems, type AttentionItem } from '../attention/list-attention';
import { todayIn } from '../calendar';
import { amountsDueSelect, type AmountDue } from '../invoices/amounts-due';
import { limitOffset, pageFrom, toPage, type Page, type PageRequest } from '../pagination';
import type { Scope } from '../scope';
import { PORTAL_PROJECT_STATUSES, toPortalProject, type PortalProjectSummary } from './list-portal-projects';
import { projectSummarySelect, withCompletion } from './list-projects';
import type { Value } from '../../services/compiled-read';
import { compiledClientRead, type ClientScopeValues } from '../client-scope-values';

type HomeValues = ClientScopeValues & { today: string; limit: number; offset: number };

// Built once per isolate with the client's ids, the day and the page as placeholders
// (services/compiled-read.ts): the same statements projectSummaryQuery and amountsDueQuery build.
const projectsRead = compiledClientRead((db, scope, value: Value<HomeValues>) =>
	projectSummarySelect(db, scope, {
		statuses: PORTAL_PROJECT_STATUSES,
		limit: value('limit') as unknown as number,
		offset: value('offset') as unknown as number
	})
);
const amountsDueRead = compiledClientRead((db, scope, value: Value<HomeValues>) =>
	amountsDueSelect(db, scope, value('today') as unknown as string)
);

/**
 * The portal home: what needs the client's attention (newest first), the client's
 * projects (a page at a time) and what their unpaid invoices still owe per currency,
 * overdue included, in one D1 batch.
 */
export async function getPortalHome(
	opts: Scope & { input?: URLSearchParams | Record<string, unknown> }
): Promise<{ attention: AttentionItem[]; projects: Page<PortalProjectSummary>; amountsDue: AmountDue[] }> {
	const actor = requireClient(opts.actor);
	const db = opts.services.db;
	const pageRequest = pageFrom(opts.input, 24);
	const today = todayIn(opts.workspace.timezone, opts.services.clock.now());
	const [documentRows, workRows, projectRows, due] = await db.batch(portalHomeReads(opts, actor, today, pageRequest));
	return {
		attention: toAttentionItems([documentRows, workRows], today),
		projects: toPage(withCompletion(projectRows).map(toPortalProject), pageRequest),
		amountsDue: due
			.map((d) => ({
				currency: d.currency,
				count: Number(d.count),
				dueMinor: Number(d.dueMinor),
				overdueCount: Number(d.overdueCount),
				overdueMinor: Number(d.overdueMinor)
			}))
			.filter((d) => d.dueMinor > 0)
	};
}

/** The home's four statements, for its one batch: the attention list's two, the page of projects, the amounts due. */
export function portalHomeReads(opts: Scope, actor: ClientActor, today: string, pageRequest: PageRequest) {
	const values = { today, ...limitOffset(pageRequest) };
	return [
		...attentionListQueries(opts, today),
		projectsRead(opts, actor, values),
		amountsDueRead(opts, actor, values)
	] as const;
}
