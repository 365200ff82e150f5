import type { projects } from '../../../db/schema';
import type { Workspace } from '../scope';
import type { EntryDefaults } from './time-entry-input';

/** The hourly rate new time on a project starts from: the project's own, else the workspace's default (either may be unset). */
export function defaultRateFor(
	project: Pick<typeof projects.$inferSelect, 'hourlyRateMinor'>,
	workspace: Pick<Workspace, 'defaultHourlyRateMinor'>
): EntryDefaults {
	return { rateMinor: project.hourlyRateMinor ?? workspace.defaultHourlyRateMinor ?? null };
}
