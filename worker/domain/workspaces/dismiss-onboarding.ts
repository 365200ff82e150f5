import { and, eq, sql } from 'drizzle-orm';
import { workspaces } from '../../../db/schema';
import { requireOwner } from '../actor';
import type { Scope } from '../scope';

/** "Hide this checklist": owners only; it stays hidden for the whole workspace. */
export async function dismissOnboarding(scope: Scope): Promise<void> {
	requireOwner(scope.actor);
	const now = scope.services.clock.now();
	await scope.services.db
		.update(workspaces)
		.set({ onboardingDismissedAt: now, updatedAt: now })
		.where(and(eq(workspaces.id, scope.workspace.id), sql`${workspaces.onboardingDismissedAt} is null`));
}
