import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { autopayMandates, clientContacts, recurringInvoices, users } from '../../../../db/schema';
import { requireStaff } from '../../actor';
import { notFound } from '../../errors';
import type { Scope } from '../../scope';
import { staffScope } from '../../tenancy';
import { PROVIDER_LABELS } from '../providers';

const consenter = alias(clientContacts, 'consenter');
const revokerContact = alias(clientContacts, 'revoker_contact');

/**
 * Autopay on one recurring invoice, for staff: the active mandate (card, provider, who agreed to
 * what and when), else the last one turned off (when, and by the client's contact or a staff
 * member), else nothing. Through the read batcher: the dashboard page asks for the schedule at
 * the same time, and both share one round trip.
 */
export async function getAutopayMandate(opts: Scope & { recurringId: string }) {
	requireStaff(opts.actor);
	const db = opts.services.db;
	const [schedules, mandates] = await opts.services.reads.batch([
		db
			.select({ id: recurringInvoices.id })
			.from(recurringInvoices)
			.where(and(staffScope(recurringInvoices, opts), eq(recurringInvoices.id, opts.recurringId))),
		db
			.select({
				mandate: {
					provider: autopayMandates.provider,
					authLabel: autopayMandates.authLabel,
					consentText: autopayMandates.consentText,
					consentedAt: autopayMandates.consentedAt,
					revokedAt: autopayMandates.revokedAt,
					revokedByUserId: autopayMandates.revokedByUserId
				},
				consentedBy: consenter.name,
				revokedByContact: revokerContact.name,
				revokedByUser: users.name
			})
			.from(autopayMandates)
			.leftJoin(
				consenter,
				and(
					eq(consenter.id, autopayMandates.consentedByContactId),
					eq(consenter.workspaceId, autopayMandates.workspaceId)
				)
			)
			.leftJoin(
				revokerContact,
				and(
					eq(revokerContact.id, autopayMandates.revokedByContactId),
					eq(revokerContact.workspaceId, autopayMandates.workspaceId)
				)
			)
			.leftJoin(users, eq(users.id, autopayMandates.revokedByUserId))
			.where(and(staffScope(autopayMandates, opts), eq(autopayMandates.recurringInvoiceId, opts.recurringId)))
			// The active one (at most one per schedule), else the one turned off last.
			.orderBy(sql`${autopayMandates.revokedAt} is null desc`, desc(autopayMandates.revokedAt))
			.limit(1)
	]);
	if (!schedules[0]) throw notFound('That recurring invoice');
	const row = mandates[0];
	if (!row) return { active: null, revoked: null };
	const m = row.mandate;
	if (m.revokedAt === null)
		return {
			active: {
				card: m.authLabel,
				provider: PROVIDER_LABELS[m.provider],
				consentedBy: row.consentedBy ?? 'A former contact',
				consentedAt: m.consentedAt,
				consentText: m.consentText
			},
			revoked: null
		};
	const byStaff = m.revokedByUserId !== null;
	return {
		active: null,
		revoked: {
			at: m.revokedAt,
			by: (byStaff ? row.revokedByUser : row.revokedByContact) ?? (byStaff ? 'A staff member' : 'The client'),
			byStaff
		}
	};
}

export type AutopayForStaff = Awaited<ReturnType<typeof getAutopayMandate>>;
