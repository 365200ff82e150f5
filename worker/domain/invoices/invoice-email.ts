import { formatDate, formatMoney } from '../format';
import type { EmailContent } from '../../services/mail/layout';
import { formatInvoiceNumber } from './invoice-number';

type InvoiceFields = { id: string; number: number; currency: string; totalMinor: number; dueDate: string | null };

/**
 * The client email about an invoice, shared by Send (first send, or a reminder staff send by
 * hand) and the overdue-reminder cron: subject, amount due, due date, and the portal link.
 * `daysOverdue` (the cron knows it) is spelled out; `overdue` alone says "is now overdue".
 */
export function invoiceEmail(opts: {
	brandName: string;
	invoice: InvoiceFields;
	dueMinor: number;
	kind: 'new' | 'reminder' | 'overdue';
	daysOverdue?: number;
	/** An instalment of a payment schedule: the amount and due date are that instalment's. */
	instalmentLabel?: string;
	portalUrl: string;
}): { subject: string; content: EmailContent } {
	const { brandName, invoice, kind } = opts;
	const number = formatInvoiceNumber(invoice.number);
	const reminder = kind !== 'new';
	const due = formatMoney(opts.dueMinor, invoice.currency);
	const lateness =
		opts.daysOverdue === undefined
			? 'now overdue'
			: `now ${opts.daysOverdue} ${opts.daysOverdue === 1 ? 'day' : 'days'} overdue`;
	return {
		subject:
			kind === 'overdue'
				? `Overdue: invoice ${number} from ${brandName}`
				: reminder
					? `Reminder: invoice ${number} from ${brandName}`
					: `Invoice ${number} from ${brandName}`,
		content: {
			preheader: `${due} due ${formatDate(invoice.dueDate)}`,
			heading: reminder ? `A reminder about invoice ${number}` : `Invoice ${number}`,
			paragraphs: [
				`${brandName} has ${reminder ? 'a reminder about' : 'sent you'} invoice ${number} for ${formatMoney(invoice.totalMinor, invoice.currency)}.`,
				opts.instalmentLabel
					? kind === 'overdue'
						? `${opts.instalmentLabel}: ${due}. It was due on ${formatDate(invoice.dueDate)} and is ${lateness}.`
						: `${opts.instalmentLabel}: ${due}, by ${formatDate(invoice.dueDate)}.`
					: kind === 'overdue'
						? `Amount due: ${due}. It was due on ${formatDate(invoice.dueDate)} and is ${lateness}.`
						: `Amount due: ${due}, by ${formatDate(invoice.dueDate)}.`,
				'You can view it, download it as a PDF and pay it on your client portal.'
			],
			button: { label: 'View invoice', url: opts.portalUrl }
		}
	};
}
