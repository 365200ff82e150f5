import { requireClient } from '../actor';
import { attentionListQueries, toAttentionItems, type AttentionItem } from '../attention/list-attention';
import { todayIn } from '../calendar';
import { amountsDueQuery, type AmountDue } from '../invoices/amounts-due';
import { limitOffset, pageFrom, toPage, type Page } from '../pagination';
import type { Scope } from '../scope';
import { PORTAL_PROJECT_STATUSES, toPortalProject, type PortalProjectSummary } from './list-portal-projects';
import { projectSummaryQuery, withCompletion } from './list-projects';

/**
 * The portal home: what needs the client's attention (newest first), the client's
 * projects (a page at a time) and what their unpaid invoices still owe per currency,
 * overdue included, in one D1 batch.
 */
export async function getPortalHome(
	opts: Scope & { input?: URLSearchParams | Record<string, unknown> }
): Promise<{ attention: AttentionItem[]; projects: Page<PortalProjectSummary>; amountsDue: AmountDue[] }> {
	requireClient(opts.actor);
	const db = opts.services.db;
	const pageRequest = pageFrom(opts.input, 24);
	const today = todayIn(opts.workspace.timezone, opts.services.clock.now());
	const [documents, work] = attentionListQueries(opts, today);
	const [documentRows, workRows, projectRows, due] = await db.batch([
		documents,
		work,
		projectSummaryQuery({ ...opts, ...limitOffset(pageRequest), statuses: PORTAL_PROJECT_STATUSES }),
		amountsDueQuery(opts, today)
	]);
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
