import { timeEntries, users } from '../../../db/schema';
import { timeAmount } from '../money';

/** What staff see of a time entry. */
export type StaffTimeEntry = {
	id: string;
	projectId: string;
	date: string;
	minutes: number;
	description: string;
	billable: boolean;
	rateMinor: number;
	currency: string;
	amountMinor: number;
	userId: string | null;
	userName: string | null;
	timerStartedAt: number | null;
	invoiceId: string | null;
	createdAt: number;
};

/** What a client sees: what, when, how long, how much. Never the rate, who, or anything internal. */
export type ClientTimeEntry = {
	id: string;
	date: string;
	minutes: number;
	description: string;
	amountMinor: number;
	currency: string;
};

export const staffEntryColumns = {
	id: timeEntries.id,
	projectId: timeEntries.projectId,
	date: timeEntries.date,
	minutes: timeEntries.minutes,
	description: timeEntries.description,
	billable: timeEntries.billable,
	rateMinor: timeEntries.rateMinor,
	currency: timeEntries.currency,
	userId: timeEntries.userId,
	userName: users.name,
	timerStartedAt: timeEntries.timerStartedAt,
	invoiceId: timeEntries.invoiceId,
	createdAt: timeEntries.createdAt
};

export const clientEntryColumns = {
	id: timeEntries.id,
	date: timeEntries.date,
	minutes: timeEntries.minutes,
	description: timeEntries.description,
	rateMinor: timeEntries.rateMinor,
	currency: timeEntries.currency
};

/** Non-billable entries are worth nothing to the client, whatever rate they carry. */
export function withAmount<T extends { minutes: number; rateMinor: number; billable?: boolean }>(
	row: T
): T & { amountMinor: number } {
	return { ...row, amountMinor: row.billable === false ? 0 : timeAmount(row.minutes, row.rateMinor) };
}

export function toClientEntry(row: {
	id: string;
	date: string;
	minutes: number;
	description: string;
	rateMinor: number;
	currency: string;
}): ClientTimeEntry {
	return {
		id: row.id,
		date: row.date,
		minutes: row.minutes,
		description: row.description,
		amountMinor: timeAmount(row.minutes, row.rateMinor),
		currency: row.currency
	};
}
