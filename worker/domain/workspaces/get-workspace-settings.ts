import { eq } from 'drizzle-orm';
import { workspaces } from '../../../db/schema';
import { requireStaff } from '../actor';
import type { Scope } from '../scope';

/** Currencies offered in the settings select; any ISO 4217 code is accepted by the API. */
export const COMMON_CURRENCIES = [
	'USD',
	'EUR',
	'GBP',
	'NGN',
	'GHS',
	'KES',
	'ZAR',
	'CAD',
	'AUD',
	'NZD',
	'INR',
	'JPY',
	'CHF',
	'SEK',
	'BRL',
	'MXN'
] as const;

/** Settings -> Workspace: the name, the portal address clients use, the default currency, the time zone and overdue reminders. */
export async function getWorkspaceSettings(scope: Scope) {
	const staff = requireStaff(scope.actor);
	const { services } = scope;
	// Read again: after a form action on this request, the request's copy is out of date.
	const workspace =
		(await services.db.select().from(workspaces).where(eq(workspaces.id, scope.workspace.id)).get()) ?? scope.workspace;
	return {
		name: workspace.name,
		slug: workspace.slug,
		portalUrl: services.urls.portal(workspace),
		defaultCurrency: workspace.defaultCurrency,
		timezone: workspace.timezone,
		overdueReminders: workspace.overdueReminders,
		reminderCadenceDays: workspace.reminderCadenceDays,
		canEdit: staff.role === 'owner'
	};
}
