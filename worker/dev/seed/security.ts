import { activity, memberships, recoveryCodes, sessions, totpFactors, users, workspaces } from '../../../db/schema';
import { insertChunks } from '../../services/db';
import { recoveryCodeHash } from '../../domain/factors/recovery-code-format';
import { sealTotpSecret } from '../../domain/factors/totp-secret';
import type { SeedContext } from './context';
import { SECURITY_DEMO as S } from './ids';

const DAY = 86_400_000;

/**
 * Staff sign-in: Northstar Security requires a second factor. Sam (owner) has an
 * authenticator app with a documented demo secret, ten documented recovery codes and
 * another signed-in device; Nia (member) has no factor yet, so signing in as her shows
 * the setup step. The sign-in events are in Northstar's activity feed. (Its own
 * workspace, so the demo and Acme teams, and every walkthrough on them, stay as they were.)
 */
export async function seedSecurity({ db, services, now }: SeedContext) {
	const sealed = await sealTotpSecret(services.config, S.samUserId, S.totpSecret).catch(() => null);
	const sam = {
		workspaceId: S.workspaceId,
		actorKind: 'staff' as const,
		actorId: S.samUserId,
		actorName: 'Sam Secure',
		subjectType: 'user',
		subjectId: S.samUserId
	};
	return [
		db.insert(workspaces).values({
			id: S.workspaceId,
			slug: S.slug,
			name: 'Northstar Security',
			displayName: 'Northstar Security',
			brandColor: '#0f172a',
			accentColor: '#0369a1',
			welcomeMessage: 'Your projects with Northstar, in one place.',
			defaultCurrency: 'GBP',
			requireSecondFactor: true,
			createdAt: now - 30 * DAY,
			updatedAt: now - 18 * DAY
		}),
		...insertChunks(db, users, [
			{ id: S.samUserId, email: S.samEmail, name: 'Sam Secure', createdAt: now - 30 * DAY, lastLoginAt: now - DAY },
			{ id: S.niaUserId, email: S.niaEmail, name: 'Nia Newhire', createdAt: now - 2 * DAY }
		]),
		...insertChunks(db, memberships, [
			{
				id: 'mem_northstar_sam',
				workspaceId: S.workspaceId,
				userId: S.samUserId,
				role: 'owner',
				acceptedAt: now - 30 * DAY,
				createdAt: now - 30 * DAY
			},
			{
				id: 'mem_northstar_nia',
				workspaceId: S.workspaceId,
				userId: S.niaUserId,
				role: 'member',
				invitedByUserId: S.samUserId,
				createdAt: now - 2 * DAY
			}
		]),
		// Only where secrets can be sealed (development, or a configured ENCRYPTION_KEY): tests also seed as production.
		...(sealed
			? [
					db.insert(totpFactors).values({
						id: 'otp_demo_sam',
						userId: S.samUserId,
						secretEnc: sealed,
						confirmedAt: now - 19 * DAY,
						createdAt: now - 19 * DAY
					})
				]
			: []),
		...insertChunks(
			db,
			recoveryCodes,
			await Promise.all(
				S.recoveryCodes.map(async (code, i) => ({
					id: `rec_demo_sam_${i}`,
					userId: S.samUserId,
					codeHash: await recoveryCodeHash(S.samUserId, code),
					createdAt: now - 19 * DAY
				}))
			)
		),
		// Another device Sam is signed in on (its cookie exists nowhere: it can only be listed and signed out).
		db.insert(sessions).values({
			id: 'seeded-session-not-a-cookie-hash-sam-phone',
			publicId: S.phoneSessionId,
			kind: 'staff',
			workspaceId: S.workspaceId,
			userId: S.samUserId,
			ip: '198.51.100.23',
			userAgent:
				'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
			signInMethod: 'magic_link',
			mfaAt: now - DAY,
			mfaMethod: 'totp',
			createdAt: now - DAY,
			lastSeenAt: now - DAY,
			expiresAt: now + 29 * DAY
		}),
		...insertChunks(db, activity, [
			{
				id: 'act_northstar_sec1',
				...sam,
				verb: 'auth.second_factor_added',
				summary: 'Sam Secure set up an authenticator app',
				createdAt: now - 19 * DAY
			},
			{
				id: 'act_northstar_sec2',
				...sam,
				verb: 'auth.recovery_codes_renewed',
				summary: 'Sam Secure generated new recovery codes',
				createdAt: now - 19 * DAY + 60_000
			},
			{
				id: 'act_northstar_sec3',
				...sam,
				verb: 'workspace.second_factor_required',
				summary: 'Sam Secure required a second factor for every staff sign-in',
				createdAt: now - 18 * DAY,
				subjectType: 'workspace',
				subjectId: S.workspaceId
			},
			{
				id: 'act_northstar_sec4',
				...sam,
				verb: 'auth.second_factor_failed',
				summary: 'A sign-in as Sam Secure failed at the second step (authenticator app)',
				createdAt: now - DAY - 120_000
			},
			{
				id: 'act_northstar_sec5',
				...sam,
				verb: 'auth.signed_in',
				summary: 'Sam Secure signed in with an email link and an authenticator app',
				createdAt: now - DAY
			}
		])
	];
}
