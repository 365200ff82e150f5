import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, flag, pk, timestamp, updatedAt } from './columns';

/** An agency or freelancer's account. Its slug is the portal subdomain. */
export const workspaces = sqliteTable(
	'workspaces',
	{
		id: pk(),
		slug: text().notNull(),
		name: text().notNull(),
		// Branding: applied to the portal, every email and every PDF.
		displayName: text(),
		brandColor: text().notNull().default('#4f46e5'),
		accentColor: text().notNull().default('#0f766e'),
		logoKey: text(),
		logoContentType: text(),
		// Where the logo sits: 'auto' picks the light band or the brand colour by contrast (logoLuminance);
		// 'light' or 'brand' when the owner chose. logoLuminance (0-1000) is measured from a PNG's opaque
		// pixels at upload; null when unknown (then the brand colour, as before the setting).
		logoBackground: text().$type<'auto' | 'light' | 'brand'>().notNull().default('auto'),
		logoLuminance: integer(),
		// The logo is a wordmark: the name is not repeated beside it.
		logoHasName: flag(false),
		welcomeMessage: text(),
		emailSenderName: text(),
		// Client-facing emails: replies go to the agency; its own footer line; "Powered by CoPortal" can be hidden (portal too).
		emailReplyTo: text(),
		emailFooter: text(),
		hidePoweredBy: flag(false),
		// The agency's own portal hostname (worker/domain/custom-domains). One workspace per hostname
		// (unique index); it serves the portal only once 'active' (ownership and certificate verified).
		customDomain: text(),
		customDomainStatus: text().$type<'pending' | 'active'>(),
		// Cloudflare for SaaS custom hostname id (null on the manual path) and its last reported state.
		customDomainProviderId: text(),
		customDomainSslStatus: text(),
		// The TXT record that proves ownership: Cloudflare's, or our own token on the manual path.
		customDomainTxtName: text(),
		customDomainTxtValue: text(),
		customDomainCheckedAt: timestamp(),
		customDomainVerifiedAt: timestamp(),
		defaultCurrency: text().notNull().default('USD'),
		// IANA name; every date and time is shown in it unless a person chose their own (users/contacts.timezone).
		timezone: text().notNull().default('UTC'),
		// Paystack: the secret key is AES-GCM encrypted with a Worker secret.
		paystackPublicKey: text(),
		paystackSecretEnc: text(),
		paystackSecretLast4: text(),
		// Stripe: the secret key and the webhook signing secret, both AES-GCM encrypted like Paystack's.
		stripeSecretEnc: text(),
		stripeSecretLast4: text(),
		stripeWebhookSecretEnc: text(),
		requireCountersignature: flag(false),
		// Staff must verify a second factor (passkey or authenticator app) before the dashboard opens.
		requireSecondFactor: flag(false),
		// Overdue invoice reminders (the cron): on by default, every `reminderCadenceDays` days per invoice.
		overdueReminders: flag(true),
		reminderCadenceDays: integer().notNull().default(7),
		// Business details printed on every quote, invoice and receipt (PDF and page).
		businessAddress: text(),
		taxId: text(),
		// How to pay outside the portal (bank details), printed on quotes, invoices and receipts.
		paymentInstructions: text(),
		// Hourly rate (minor units, default currency) new time entries start from, unless the project has its own.
		defaultHourlyRateMinor: integer(),
		// The getting-started checklist on the dashboard home: hidden once an owner dismisses it.
		onboardingDismissedAt: timestamp(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [uniqueIndex('workspaces_slug_uq').on(t.slug), uniqueIndex('workspaces_custom_domain_uq').on(t.customDomain)]
);

/** A person who works in one or more workspaces (staff). Emails are stored lowercased. */
export const users = sqliteTable(
	'users',
	{
		id: pk(),
		email: text().notNull(),
		name: text().notNull(),
		// The person's own IANA time zone; null = the workspace's.
		timezone: text(),
		createdAt: createdAt(),
		lastLoginAt: timestamp()
	},
	(t) => [uniqueIndex('users_email_uq').on(t.email)]
);

export type StaffRole = 'owner' | 'member';

/** Staff membership of a workspace. An invited member has acceptedAt null until first login. */
export const memberships = sqliteTable(
	'memberships',
	{
		id: pk(),
		workspaceId: text()
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		userId: text()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text().$type<StaffRole>().notNull().default('member'),
		// Which notification emails this member wants, e.g. {"messages":true,"payments":false}.
		emailPrefs: text({ mode: 'json' }).$type<Record<string, boolean>>().notNull().default({}),
		// The "client can see it" choice of this member's last upload, offered again on the next.
		uploadClientVisible: flag(false),
		invitedByUserId: text(),
		acceptedAt: timestamp(),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('memberships_ws_user_uq').on(t.workspaceId, t.userId), index('memberships_user_idx').on(t.userId)]
);
