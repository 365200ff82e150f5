import { and, asc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { memberships, users, workspaces } from '../../../db/schema';
import { activityInsertIfChanged } from '../activity/record-activity';
import { requireOwner, requireStaff } from '../actor';
import { hasSecondFactorSql } from '../auth/assurance';
import { AppError, parseInput } from '../errors';
import { hasSecondFactor } from '../factors/factor-queries';
import type { Scope } from '../scope';

const inputSchema = z.object({
	// A form posts a hidden "off" before the checkbox's "on": the last value wins.
	requireSecondFactor: z.preprocess(
		(v) => (Array.isArray(v) ? v.at(-1) : v),
		z.union(
			[
				z.boolean(),
				z
					.enum(['on', 'off', 'true', 'false'], { error: 'Choose on or off.' })
					.transform((v) => v === 'on' || v === 'true')
			],
			{ error: 'Choose on or off.' }
		)
	)
});

/**
 * Settings -> Security: an owner requires a second factor for every staff member of
 * the workspace. From the next request, a session signed in with an email link alone
 * reaches no staff page or API route until a factor is verified, or set up by those
 * who have none. Turning it on needs the owner to have a factor themselves, so the
 * person changing it is never the one locked out.
 */
export async function setSecondFactorRequirement(opts: Scope & { input: unknown }) {
	const owner = requireOwner(opts.actor);
	const { requireSecondFactor } = parseInput(inputSchema, opts.input);
	const { services, workspace } = opts;
	if (requireSecondFactor && !(await hasSecondFactor(services, owner.userId))) {
		throw new AppError(
			'conflict',
			'Set up a passkey or an authenticator app for yourself first, so you keep access once it is required.'
		);
	}
	const db = services.db;
	await db.batch([
		db
			.update(workspaces)
			.set({ requireSecondFactor, updatedAt: services.clock.now() })
			.where(and(eq(workspaces.id, workspace.id), ne(workspaces.requireSecondFactor, requireSecondFactor))),
		activityInsertIfChanged(opts, {
			verb: requireSecondFactor ? 'workspace.second_factor_required' : 'workspace.second_factor_optional',
			summary: requireSecondFactor
				? `${owner.name} required a second factor for every staff sign-in`
				: `${owner.name} made the second factor optional`,
			subjectType: 'workspace',
			subjectId: workspace.id
		})
	]);
	return { requireSecondFactor };
}

/** Whether it is required, and who on the team has a factor (owners see who still needs to set one up). */
export async function getSecondFactorRequirement(scope: Scope) {
	const staff = requireStaff(scope.actor);
	const db = scope.services.db;
	const [ws, team] = await db.batch([
		db
			.select({ required: workspaces.requireSecondFactor })
			.from(workspaces)
			.where(eq(workspaces.id, scope.workspace.id)),
		db
			.select({ name: users.name, email: users.email, hasFactor: hasSecondFactorSql(users.id) })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(eq(memberships.workspaceId, scope.workspace.id))
			.orderBy(asc(users.name))
	]);
	const canChange = staff.role === 'owner';
	return {
		required: ws[0]?.required ?? false,
		canChange,
		team: canChange ? team.map((m) => ({ name: m.name, email: m.email, hasFactor: Boolean(m.hasFactor) })) : null
	};
}
