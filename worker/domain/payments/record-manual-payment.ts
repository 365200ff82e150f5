import { and, eq, gte, notExists, sql } from 'drizzle-orm';
import { z } from 'zod';
import { invoices, MANUAL_PAYMENT_METHODS, payments } from '../../../db/schema';
import { formatMoney } from '../format';
import { insertWhere } from '../../services/db';
import { newId } from '../../services/ids';
import { activityInsertIfChanged } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { AppError, validationError, type FieldErrors } from '../errors';
import { choice, optionalText } from '../form-fields';
import { getInvoice } from '../invoices/get-invoice';
import { todayIn } from '../calendar';
import { amountDue } from '../invoices/invoice-status';
import { refreshPaidAmount } from '../invoices/refresh-paid-amount';
import { parseMoney } from '../money';
import type { Scope } from '../scope';
import { METHOD_LABELS } from './payment-methods';
import { sendReceipts } from './send-receipts';
import { unpaidWhere } from '../invoices/overdue-where';

const schema = z.object({
	// Text, never a JSON number: amounts are parsed to minor units without floats.
	amount: z
		.string({
			error: (issue) =>
				issue.input === undefined || issue.input === null
					? 'Enter the amount received.'
					: 'Send the amount as text in major units, like "1250.00".'
		})
		.trim()
		.min(1, 'Enter the amount received.')
		.max(40, 'Enter an amount like 1250.00.'),
	paidOn: z.iso.date({ error: 'Enter the date it was paid, like 2026-11-28.' }),
	method: choice(MANUAL_PAYMENT_METHODS, 'Choose how it was paid.'),
	note: optionalText(500),
	// One per rendered form: a double-click or a resubmitted POST records the payment once.
	requestId: z
		.string()
		.trim()
		.regex(/^[A-Za-z0-9_-]{8,64}$/)
		.optional()
		.catch(undefined)
});

/** A manual payment's reference: the form's request id when there is one, so a resubmission is the same payment. */
const referenceOf = (requestId: string | undefined) => `manual-${requestId ?? crypto.randomUUID()}`;

/**
 * Staff record an offline payment (bank transfer, cash, ...) on a sent or partly
 * paid invoice. The amount is typed in major units and parsed to integer minor
 * units (`parseMoney`, no floats); it must be more than zero and at most what is
 * due. The payment is inserted as `succeeded` only if, when the batch runs, the
 * invoice is still open with at least that much due and the reference is new (so
 * two staff recording at once cannot overpay it, and a resubmitted form records
 * nothing twice); then the invoice's paid amount and status are re-derived by
 * the same `refreshPaidAmount` a Paystack payment uses, the activity entry is
 * written, and the receipts go out after the response.
 */
export async function recordManualPayment(
	opts: Scope & { invoiceId: string; input: unknown }
): Promise<{ paymentId: string; duplicate: boolean; amountMinor: number }> {
	const staff = requireStaff(opts.actor);
	const { services, workspace } = opts;
	const db = services.db;
	const detail = await getInvoice(opts);
	const { invoice } = detail;
	const parsed = schema.safeParse(opts.input ?? {});
	// Field errors from the schema and from the amount and date rules below are reported together.
	const fields: FieldErrors = parsed.success ? {} : (validationError(parsed.error).fields ?? {});
	const raw = (opts.input ?? {}) as Record<string, unknown>;
	const typedAmount = parsed.success
		? parsed.data.amount
		: !fields.amount && typeof raw.amount === 'string'
			? raw.amount.trim()
			: null;
	const typedDate = parsed.success ? parsed.data.paidOn : null;
	const reference = referenceOf(parsed.success ? parsed.data.requestId : undefined);

	if (parsed.success) {
		const already = await db
			.select()
			.from(payments)
			.where(and(eq(payments.reference, reference), eq(payments.workspaceId, workspace.id)))
			.get();
		if (already && already.invoiceId === invoice.id)
			return { paymentId: already.id, duplicate: true, amountMinor: already.amountMinor };
	}

	if (invoice.status === 'draft')
		throw new AppError('conflict', `${detail.number} is a draft: send it before recording a payment.`);
	if (invoice.status === 'void') throw new AppError('conflict', `${detail.number} is void: it cannot take payments.`);
	if (invoice.status === 'paid') throw new AppError('conflict', `${detail.number} is already paid in full.`);

	const now = services.clock.now();
	const due = amountDue(invoice);
	const amountMinor = typedAmount === null ? null : parseMoney(typedAmount, invoice.currency);
	if (typedAmount !== null) {
		if (amountMinor === null)
			fields.amount = `Enter an amount like ${formatMoney(123450, invoice.currency).replace(/[^\d.,]/g, '')} (${invoice.currency}).`;
		else if (amountMinor <= 0) fields.amount = 'Enter an amount greater than zero.';
		else if (amountMinor > due)
			fields.amount = `That is more than the ${formatMoney(due, invoice.currency)} still due on ${detail.number}. Overpayments cannot be recorded: enter at most ${formatMoney(due, invoice.currency)}.`;
	}
	if (typedDate && typedDate > todayIn(workspace.timezone, now))
		fields.paidOn = 'The payment date cannot be in the future.';
	if (!parsed.success || Object.keys(fields).length || amountMinor === null)
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', { fields });

	const input = parsed.data;
	const amount = amountMinor;
	const paymentId = newId('pay');
	const stillOpen = sql`exists (select 1 from ${invoices} where ${and(
		eq(invoices.id, invoice.id),
		eq(invoices.workspaceId, workspace.id),
		unpaidWhere(),
		gte(sql`${invoices.totalMinor} - ${invoices.amountPaidMinor}`, amount)
	)})`;
	const newReference = notExists(
		db
			.select({ one: sql`1` })
			.from(payments)
			.where(eq(payments.reference, reference))
	);
	const method = METHOD_LABELS[input.method].toLowerCase();
	const [, , , , check] = await db.batch([
		insertWhere(
			db,
			payments,
			{
				id: paymentId,
				workspaceId: workspace.id,
				clientId: invoice.clientId,
				invoiceId: invoice.id,
				provider: 'manual',
				reference,
				amountMinor: amount,
				currency: invoice.currency,
				status: 'succeeded',
				method: input.method,
				note: input.note,
				recordedByUserId: staff.userId,
				paidAt: Date.parse(`${input.paidOn}T12:00:00Z`),
				createdAt: now,
				updatedAt: now
			},
			and(stillOpen, newReference)!
		),
		activityInsertIfChanged(opts, {
			verb: 'invoice.payment_received',
			summary: `Payment of ${formatMoney(amount, invoice.currency)} recorded for ${detail.number} (${method})`,
			clientId: invoice.clientId,
			projectId: invoice.projectId,
			subjectType: 'payment',
			subjectId: paymentId,
			id: `act_pay_${paymentId}`
		}),
		...refreshPaidAmount(db, { workspaceId: workspace.id, invoiceId: invoice.id, now }),
		db.select({ id: payments.id }).from(payments).where(eq(payments.id, paymentId))
	]);
	if (!(check as { id: string }[]).length) {
		// Lost a race: the same form was submitted twice at once, or someone else recorded or paid meanwhile.
		const again = await db
			.select()
			.from(payments)
			.where(and(eq(payments.reference, reference), eq(payments.workspaceId, workspace.id)))
			.get();
		if (again && again.invoiceId === invoice.id)
			return { paymentId: again.id, duplicate: true, amountMinor: again.amountMinor };
		throw new AppError(
			'conflict',
			`${detail.number} changed while you were recording this payment (another payment arrived). Check what is still due and try again.`
		);
	}
	services.defer(sendReceipts(opts, paymentId));
	return { paymentId, duplicate: false, amountMinor: amount };
}
