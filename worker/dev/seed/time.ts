import { timeEntries } from '../../../db/schema';
import { insertChunks } from '../../services/db';
import type { SeedContext } from './context';
import { ACME, DEMO, DEMO_TIME } from './ids';

const day = 24 * 60 * 60 * 1000;

/**
 * Time on demo projects of both clients: billable and not, so the portal's Time
 * tab shows entries and totals and the internal ones stay on the dashboard.
 * Website redesign, billable: 120 + 90 + 135 min at $95/h = 5h 45m, $546.25.
 */
export function seedTime({ db, now, isoDay }: SeedContext) {
	const d = DEMO.workspaceId;
	const n = DEMO.northwindId;
	const entry = (
		id: string,
		workspaceId: string,
		clientId: string,
		projectId: string,
		userId: string,
		daysAgo: number,
		minutes: number,
		description: string,
		billable: boolean,
		rateMinor: number,
		currency: string
	) => ({
		id,
		workspaceId,
		clientId,
		projectId,
		userId,
		date: isoDay(now - daysAgo * day),
		minutes,
		description,
		billable,
		rateMinor,
		currency,
		createdAt: now - daysAgo * day,
		updatedAt: now - daysAgo * day
	});
	const w = DEMO.websiteProjectId;
	return insertChunks(db, timeEntries, [
		entry(
			DEMO_TIME.websiteWorkshop,
			d,
			n,
			w,
			DEMO.ownerUserId,
			28,
			120,
			'Kick-off workshop with the Northwind team',
			true,
			9500,
			'USD'
		),
		entry(DEMO_TIME.websiteSitemap, d, n, w, DEMO.memberUserId, 21, 90, 'Sitemap and content plan', true, 9500, 'USD'),
		entry(
			DEMO_TIME.websiteStandup,
			d,
			n,
			w,
			DEMO.memberUserId,
			7,
			30,
			'Internal stand-up and planning',
			false,
			9500,
			'USD'
		),
		entry(
			DEMO_TIME.websiteHomepage,
			d,
			n,
			w,
			DEMO.memberUserId,
			3,
			135,
			'Homepage design, two directions',
			true,
			9500,
			'USD'
		),
		entry(
			DEMO_TIME.brandLogos,
			d,
			n,
			DEMO.brandProjectId,
			DEMO.ownerUserId,
			100,
			240,
			'Logo concepts',
			true,
			8000,
			'USD'
		),
		entry(
			DEMO_TIME.brandGuide,
			d,
			n,
			DEMO.brandProjectId,
			DEMO.ownerUserId,
			60,
			180,
			'Brand guide layout',
			true,
			8000,
			'USD'
		),
		entry(
			DEMO_TIME.globexBuild,
			d,
			DEMO.globexId,
			DEMO.globexProjectId,
			DEMO.ownerUserId,
			5,
			200,
			'App navigation prototype',
			true,
			11000,
			'USD'
		),
		entry(
			DEMO_TIME.globexInternal,
			d,
			DEMO.globexId,
			DEMO.globexProjectId,
			DEMO.ownerUserId,
			4,
			60,
			'Internal estimate review',
			false,
			11000,
			'USD'
		),
		entry(
			DEMO_TIME.acmeRoutes,
			ACME.workspaceId,
			ACME.roadrunnerId,
			ACME.projectId,
			ACME.ownerUserId,
			2,
			150,
			'Route data import',
			true,
			2_500_000,
			'NGN'
		)
	]);
}
