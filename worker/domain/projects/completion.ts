/**
 * Completion % = tasks in Complete / all tasks, rounded down, so 100% means
 * every task is done. In Query tasks count as not complete: they are open work
 * waiting on an answer. A project without tasks is 0% (or 100% once the project
 * itself is marked complete).
 */
export function completionPercent(complete: number, total: number, projectStatus?: string): number {
	if (total <= 0) return projectStatus === 'complete' ? 100 : 0;
	return Math.floor((Math.min(complete, total) * 100) / total);
}
