import { defaultRateFor } from './default-rate';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { projects, timeEntries, users } from '../../../db/schema';
import { requireMember, type ClientActor, type StaffActor } from '../actor';
import { notFound } from '../errors';
import { limitOffset, pageFrom, toPage, type Page } from '../pagination';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { runningTimerQuery, type RunningTimer } from './running-timer';
import { timeTotals, type TimeTotals } from './time-totals';
import {
	clientEntryColumns,
	staffEntryColumns,
	toClientEntry,
	withAmount,
	type ClientTimeEntry,
	type StaffTimeEntry
} from './time-views';

export type StaffProjectTime = {
	entries: Page<StaffTimeEntry>;
	totals: TimeTotals;
	/** The viewer's running timer, on this or another project. */
	running: RunningTimer | null;
	/** The rate and currency of the viewer's last entry on this project, to prefill the form. */
	lastRate: { rateMinor: number; currency: string } | null;
	/** The project's hourly rate, else the workspace's default (in its default currency), or null. */
	defaultRate: number | null;
};
export type ClientProjectTime = {
	entries: Page<ClientTimeEntry>;
	totals: Pick<TimeTotals, 'entries' | 'billableMinutes' | 'billableAmounts'>;
};

type Input = { projectId: string; page?: unknown; pageSize?: unknown };

const groupColumns = {
	billable: timeEntries.billable,
	currency: timeEntries.currency,
	rateMinor: timeEntries.rateMinor,
	minutes: timeEntries.minutes,
	entries: sql<number>`count(*)`
};

/**
 * A project's time, newest first, paginated, with totals over all of it, in one
 * round trip. A client sees only billable entries that are not still running,
 * with their amounts but no rates, people or invoice links; their totals leave
 * out everything else.
 */
export async function listProjectTime(opts: Scope & { actor: StaffActor; input: Input }): Promise<StaffProjectTime>;
export async function listProjectTime(opts: Scope & { actor: ClientActor; input: Input }): Promise<ClientProjectTime>;
export async function listProjectTime(opts: Scope & { input: Input }): Promise<StaffProjectTime | ClientProjectTime>;
export async function listProjectTime(opts: Scope & { input: Input }): Promise<StaffProjectTime | ClientProjectTime> {
	const actor = requireMember(opts.actor);
	return actor.kind === 'client' ? clientView(opts) : staffView(opts);
}

function projectQuery(opts: Scope & { input: Input }) {
	return opts.services.db
		.select({ id: projects.id, hourlyRateMinor: projects.hourlyRateMinor })
		.from(projects)
		.where(and(clientScope(projects, opts), eq(projects.id, opts.input.projectId)));
}

const order = [desc(timeEntries.date), desc(timeEntries.createdAt), desc(timeEntries.id)] as const;

async function staffView(opts: Scope & { input: Input }): Promise<StaffProjectTime> {
	const db = opts.services.db;
	const req = pageFrom({ page: opts.input.page, pageSize: opts.input.pageSize });
	const { limit, offset } = limitOffset(req);
	const where = and(clientScope(timeEntries, opts), eq(timeEntries.projectId, opts.input.projectId));
	const userId = opts.actor.kind === 'staff' ? opts.actor.userId : '';
	const [project, rows, groups, running, last] = await db.batch([
		projectQuery(opts),
		db
			.select(staffEntryColumns)
			.from(timeEntries)
			.leftJoin(users, eq(users.id, timeEntries.userId))
			.where(where)
			.orderBy(...order)
			.limit(limit)
			.offset(offset),
		db
			.select(groupColumns)
			.from(timeEntries)
			.where(where)
			.groupBy(timeEntries.billable, timeEntries.currency, timeEntries.rateMinor, timeEntries.minutes),
		runningTimerQuery(opts),
		db
			.select({ rateMinor: timeEntries.rateMinor, currency: timeEntries.currency })
			.from(timeEntries)
			.where(and(where, eq(timeEntries.userId, userId)))
			.orderBy(desc(timeEntries.createdAt))
			.limit(1)
	]);
	if (!project.length) throw notFound('That project');
	const timer = running[0];
	return {
		entries: toPage(rows.map(withAmount), req),
		totals: timeTotals(groups),
		running: timer ? { ...timer, startedAt: timer.startedAt ?? 0 } : null,
		lastRate: last[0] ?? null,
		defaultRate: defaultRateFor(project[0], opts.workspace).rateMinor
	};
}

async function clientView(opts: Scope & { input: Input }): Promise<ClientProjectTime> {
	const db = opts.services.db;
	const req = pageFrom({ page: opts.input.page, pageSize: opts.input.pageSize });
	const { limit, offset } = limitOffset(req);
	const where = and(
		clientScope(timeEntries, opts),
		eq(timeEntries.projectId, opts.input.projectId),
		eq(timeEntries.billable, true),
		isNull(timeEntries.timerStartedAt)
	);
	const [project, rows, groups] = await db.batch([
		projectQuery(opts),
		db
			.select(clientEntryColumns)
			.from(timeEntries)
			.where(where)
			.orderBy(...order)
			.limit(limit)
			.offset(offset),
		db
			.select(groupColumns)
			.from(timeEntries)
			.where(where)
			.groupBy(timeEntries.billable, timeEntries.currency, timeEntries.rateMinor, timeEntries.minutes)
	]);
	if (!project.length) throw notFound('That project');
	const { entries, billableMinutes, billableAmounts } = timeTotals(groups);
	return { entries: toPage(rows.map(toClientEntry), req), totals: { entries, billableMinutes, billableAmounts } };
}
