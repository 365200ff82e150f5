import { and, eq, exists, isNotNull, or, sql } from 'drizzle-orm';
import { clientContacts, clients, workspaces } from '../../../db/schema';
import { requireStaff } from '../actor';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

export type OnboardingStep = {
	key: 'branding' | 'payments' | 'client' | 'invite';
	label: string;
	hint: string;
	href: string;
	done: boolean;
};
export type Onboarding = { steps: OnboardingStep[]; doneCount: number };

/** The colours a workspace starts with (db/schema/workspaces.ts): changing either counts as branding. */
const STARTING_COLORS = ['#4f46e5', '#0f766e'];

/**
 * The getting-started checklist a new workspace lands on (the dashboard home): each step
 * ticks itself from the data (a logo, a name, colours or a welcome of its own; Paystack keys; a
 * client; a contact invited to the portal). Owners see it until they dismiss it or every
 * step is done; null otherwise. One statement.
 */
export async function getOnboarding(scope: Scope): Promise<Onboarding | null> {
	const staff = requireStaff(scope.actor);
	if (staff.role !== 'owner' || scope.workspace.onboardingDismissedAt) return null;
	const db = scope.services.db;
	const row = await db
		.select({
			logoKey: workspaces.logoKey,
			name: workspaces.name,
			displayName: workspaces.displayName,
			welcomeMessage: workspaces.welcomeMessage,
			brandColor: workspaces.brandColor,
			accentColor: workspaces.accentColor,
			paystackPublicKey: workspaces.paystackPublicKey,
			hasClient: sql<number>`${exists(
				db
					.select({ one: sql`1` })
					.from(clients)
					.where(staffScope(clients, scope))
			)}`,
			hasInvite: sql<number>`${exists(
				db
					.select({ one: sql`1` })
					.from(clientContacts)
					.where(
						and(
							staffScope(clientContacts, scope),
							or(isNotNull(clientContacts.lastInvitedAt), isNotNull(clientContacts.lastLoginAt))
						)
					)
			)}`
		})
		.from(workspaces)
		.where(eq(workspaces.id, scope.workspace.id))
		.get();
	if (!row) return null;
	// Sign-up sets the display name to the workspace's name: only a name of its own counts.
	const ownName = Boolean(row.displayName && row.displayName !== row.name);
	const branded = Boolean(
		row.logoKey ||
		ownName ||
		row.welcomeMessage ||
		!STARTING_COLORS.includes(row.brandColor.toLowerCase()) ||
		!STARTING_COLORS.includes(row.accentColor.toLowerCase())
	);
	const steps: OnboardingStep[] = [
		{
			key: 'branding',
			label: 'Add your branding',
			hint: 'Your logo, name and colours on the portal, emails and PDFs.',
			href: '/settings/branding',
			done: branded
		},
		{
			key: 'payments',
			label: 'Connect payments',
			hint: 'Your Paystack keys, so clients can pay invoices online.',
			href: '/settings/payments',
			done: Boolean(row.paystackPublicKey)
		},
		{
			key: 'client',
			label: 'Add your first client',
			hint: 'The company you work for, and the people who will use the portal.',
			href: '/clients/new',
			done: Boolean(row.hasClient)
		},
		{
			key: 'invite',
			label: 'Invite a client to the portal',
			hint: 'From the client’s page: they get a sign-in link by email.',
			href: '/clients',
			done: Boolean(row.hasInvite)
		}
	];
	const doneCount = steps.filter((s) => s.done).length;
	return doneCount === steps.length ? null : { steps, doneCount };
}
