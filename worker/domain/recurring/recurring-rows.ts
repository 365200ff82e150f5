import { recurringInvoices } from '../../../db/schema';
import type { RecurringDraft } from './recurring-input';

/** The columns a recurring invoice stores for its lines and terms (what each period's invoice copies). */
export function recurringColumns(draft: RecurringDraft, taxName: string | null) {
	const { lines } = draft;
	return {
		projectId: draft.projectId,
		title: lines.title,
		currency: lines.currency,
		itemsJson: lines.items.map((i) => ({
			description: i.description,
			quantityMilli: i.quantityMilli,
			unitPriceMinor: i.unitPriceMinor
		})),
		discountMinor: lines.totals.discountMinor,
		taxBp: lines.taxBp,
		taxName: lines.taxBp ? taxName : null,
		subtotalMinor: lines.totals.subtotalMinor,
		taxMinor: lines.totals.taxMinor,
		totalMinor: lines.totals.totalMinor,
		notes: lines.notes,
		endDate: draft.endDate,
		maxCount: draft.maxCount,
		dueDays: draft.dueDays
	} satisfies Partial<typeof recurringInvoices.$inferInsert>;
}
