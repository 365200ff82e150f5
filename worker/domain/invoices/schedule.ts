import { formatMoney } from '../format';
import { isRealDate } from '../calendar';
import { AppError, type FieldErrors } from '../errors';
import { bpToInput, divRound, parseMoney, parsePercentBp } from '../money';

/** At most this many instalments in one schedule. */
export const MAX_INSTALMENTS = 24;

/** One instalment as typed: a percentage of the total, a fixed amount, or (last row only) the rest. */
export type ScheduleShare = { kind: 'percent'; bp: number } | { kind: 'amount'; minor: number } | { kind: 'rest' };
export type ScheduleRow = { label: string; share: ScheduleShare; dueDate: string };
/** What is stored: the amounts (summing to the total exactly) and the running sum through each. */
export type Instalment = {
	position: number;
	label: string;
	percentBp: number | null;
	amountMinor: number;
	cumulativeMinor: number;
	dueDate: string;
};

const text = (v: unknown) =>
	typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';

/**
 * Rows of a schedule from a form (`schedule.0.label`, `schedule.0.share`, `schedule.0.dueDate`) or
 * JSON (`schedule: [{ label, share | percent | amount, dueDate }]`). Blank rows are skipped but keep
 * their index, so an error points at the row the person typed in.
 */
function rawRows(input: Record<string, unknown>): { index: number; label: string; share: string; dueDate: string }[] {
	const rows = new Map<number, Record<string, unknown>>();
	if (Array.isArray(input.schedule)) {
		input.schedule
			.slice(0, MAX_INSTALMENTS + 1)
			.forEach((row, index) => rows.set(index, (row && typeof row === 'object' ? row : {}) as Record<string, unknown>));
	} else {
		for (const [key, value] of Object.entries(input)) {
			const m = /^schedule\.(\d{1,2})\.(label|share|dueDate)$/.exec(key);
			if (m) rows.set(Number(m[1]), { ...(rows.get(Number(m[1])) ?? {}), [m[2]]: value });
		}
	}
	return [...rows.entries()]
		.sort(([a], [b]) => a - b)
		.map(([index, r]) => {
			const percent = text(r.percent);
			const share = text(r.share) || (percent ? `${percent.replace(/%$/, '')}%` : text(r.amount));
			return { index, label: text(r.label), share, dueDate: text(r.dueDate) };
		})
		.filter((r) => r.label || r.share || r.dueDate);
}

/** Whether the input carries a schedule at all (any non-blank row). */
export function hasScheduleInput(raw: unknown): boolean {
	return rawRows((raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>).length > 0;
}

/**
 * Reads a payment schedule as typed. "50%" is a percentage of the total, "500.00" an amount in the
 * invoice currency, and an empty share on the last row means "the rest". Due dates must be real,
 * on or after the issue date and in order. No rows = no schedule. Errors are per field
 * (`schedule.N.share`, `schedule.N.dueDate`, or `schedule` for the whole).
 */
export function parseSchedule(
	raw: unknown,
	opts: { currency: string; issueDate: string }
): { rows: ScheduleRow[]; fields: FieldErrors } {
	const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
	const typed = rawRows(input);
	const fields: FieldErrors = {};
	const rows: ScheduleRow[] = [];
	if (typed.length === 0) return { rows, fields };
	if (typed.length === 1) fields.schedule = 'A payment schedule needs at least two instalments (or none).';
	if (typed.length > MAX_INSTALMENTS)
		fields.schedule = `A payment schedule can have at most ${MAX_INSTALMENTS} instalments.`;
	typed.slice(0, MAX_INSTALMENTS).forEach((row, i) => {
		const at = (f: string) => `schedule.${row.index}.${f}`;
		const last = i === typed.length - 1;
		if (row.label.length > 60) fields[at('label')] = 'Keep the label under 60 characters.';
		let share: ScheduleShare | null = null;
		if (!row.share) {
			if (last) share = { kind: 'rest' };
			else
				fields[at('share')] =
					'Enter a percentage like 50% or an amount like 500.00 (only the last instalment can be left empty for the rest).';
		} else if (row.share.endsWith('%')) {
			const bp = parsePercentBp(row.share);
			if (bp === null || bp === 0)
				fields[at('share')] = 'Enter a percentage above 0 and up to 100, like 50% or 33.33%.';
			else share = { kind: 'percent', bp };
		} else {
			const minor = parseMoney(row.share, opts.currency);
			if (minor === null || minor <= 0)
				fields[at('share')] = `Enter an amount above 0 in ${opts.currency}, like 500.00, or a percentage like 50%.`;
			else share = { kind: 'amount', minor };
		}
		if (!row.dueDate) fields[at('dueDate')] = 'Enter the due date.';
		else if (!/^\d{4}-\d{2}-\d{2}$/.test(row.dueDate) || !isRealDate(row.dueDate))
			fields[at('dueDate')] = 'Enter a real date like 2026-12-31.';
		else if (row.dueDate < opts.issueDate) fields[at('dueDate')] = 'An instalment cannot be due before the issue date.';
		else if (rows.length && rows[rows.length - 1].dueDate > row.dueDate)
			fields[at('dueDate')] = 'Put the instalments in date order: this one is due before the one above it.';
		rows.push({
			label: row.label || defaultLabel(i, typed.length),
			share: share ?? { kind: 'rest' },
			dueDate: row.dueDate
		});
	});
	return { rows, fields };
}

function defaultLabel(i: number, count: number): string {
	if (i === 0) return 'Deposit';
	if (i === count - 1) return 'Balance';
	return `Instalment ${i + 1}`;
}

/**
 * Splits `totalMinor` into the schedule's instalments so they sum to it exactly, to the minor unit.
 * Percentages are rounded half away from zero; the remainder of the rounding (or "the rest") goes
 * to the last instalment, always, so the split is deterministic: 3 x 33.33% of 100.00 is 33.33,
 * 33.33 and 33.34. Typed shares must add up to the total: fixed amounts exactly, percentages up to
 * the rounding of a two-decimal percentage (each may be 0.005% off, so 3 x 33.33% passes and
 * 50% + 30% does not). Every instalment must come to at least one minor unit.
 */
export function allocateSchedule(
	totalMinor: number,
	rows: ScheduleRow[],
	currency: string
): { instalments: Instalment[]; fields: FieldErrors } {
	const fields: FieldErrors = {};
	if (rows.length === 0) return { instalments: [], fields };
	if (!Number.isSafeInteger(totalMinor) || totalMinor <= 0) {
		fields.schedule = 'There is nothing to split: the invoice total is zero.';
		return { instalments: [], fields };
	}
	const money = (minor: number) => formatMoney(minor, currency);
	const fixed = rows.reduce(
		(sum, r) => sum + (r.share.kind === 'amount' ? Math.min(r.share.minor, totalMinor + 1) : 0),
		0
	);
	if (fixed > totalMinor) {
		fields.schedule = `The fixed amounts come to more than the total of ${money(totalMinor)}.`;
		return { instalments: [], fields };
	}
	const amounts = rows.map((r) =>
		r.share.kind === 'amount'
			? r.share.minor
			: r.share.kind === 'percent'
				? divRound(totalMinor * r.share.bp, 10_000)
				: 0
	);
	const hasRest = rows[rows.length - 1].share.kind === 'rest';
	if (!hasRest) {
		// In units of minor x basis points, so the check stays in integers (total <= 1e11, x 1e4 <= 1e15).
		const percentBp = rows.reduce((sum, r) => sum + (r.share.kind === 'percent' ? r.share.bp : 0), 0);
		const percentRows = rows.filter((r) => r.share.kind === 'percent').length;
		const deviation = Math.abs(fixed * 10_000 + totalMinor * percentBp - totalMinor * 10_000);
		if (deviation * 2 > totalMinor * percentRows) {
			const typed =
				percentRows && !fixed
					? `${bpToInput(percentBp)}% of the total`
					: money(fixed + divRound(totalMinor * percentBp, 10_000));
			fields.schedule = `The instalments add up to ${typed}, not the total of ${money(totalMinor)}. Adjust them, or leave the last one empty for the rest.`;
			return { instalments: [], fields };
		}
	}
	const others = amounts.slice(0, -1).reduce((a, b) => a + b, 0);
	// The last instalment is the rest: what was left empty, or the rounding remainder of the percentages.
	amounts[amounts.length - 1] = totalMinor - others;
	if (amounts.some((a) => a <= 0)) {
		fields.schedule =
			hasRest && amounts[amounts.length - 1] <= 0
				? `Nothing is left for the last instalment: the others already come to ${money(others)} of ${money(totalMinor)}.`
				: `Each instalment must be at least ${money(1)}.`;
		return { instalments: [], fields };
	}
	let running = 0;
	const instalments = rows.map((r, i) => {
		running += amounts[i];
		return {
			position: i + 1,
			label: r.label,
			percentBp: r.share.kind === 'percent' ? r.share.bp : null,
			amountMinor: amounts[i],
			cumulativeMinor: running,
			dueDate: r.dueDate
		};
	});
	return { instalments, fields };
}

/** Parses and allocates in one go, throwing a validation error with every field message. */
export function scheduleFor(
	raw: unknown,
	opts: { currency: string; issueDate: string; totalMinor: number }
): Instalment[] {
	const { rows, fields } = parseSchedule(raw, opts);
	if (Object.keys(fields).length)
		throw new AppError('validation_failed', 'Please correct the payment schedule.', { fields });
	const allocated = allocateSchedule(opts.totalMinor, rows, opts.currency);
	if (Object.keys(allocated.fields).length)
		throw new AppError('validation_failed', 'Please correct the payment schedule.', { fields: allocated.fields });
	return allocated.instalments;
}

/**
 * Where a scheduled invoice stands, derived from its paid amount (payments settle instalments in
 * order): how much of each is paid and what is left, which one is next.
 */
export function instalmentStates<T extends { amountMinor: number; cumulativeMinor: number; dueDate: string }>(
	instalments: T[],
	amountPaidMinor: number,
	today: string
) {
	return instalments.map((s) => {
		const before = s.cumulativeMinor - s.amountMinor;
		const paidMinor = Math.min(s.amountMinor, Math.max(0, amountPaidMinor - before));
		const remainingMinor = s.amountMinor - paidMinor;
		return {
			...s,
			paidMinor,
			remainingMinor,
			paid: remainingMinor === 0,
			overdue: remainingMinor > 0 && s.dueDate < today
		};
	});
}

/** The amount that pays everything up to and including instalment `position` (what "Pay now" charges for it). */
export function amountThrough(
	instalments: { position: number; cumulativeMinor: number }[],
	position: number,
	amountPaidMinor: number
): number {
	const target = instalments.find((s) => s.position === position);
	return target ? Math.max(0, target.cumulativeMinor - amountPaidMinor) : 0;
}
