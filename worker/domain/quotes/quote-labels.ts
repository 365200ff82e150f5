import type { QuoteStatus } from '../../../db/schema';

// Pure (no database code), so pages and components can import it too.
export const QUOTE_STATUS_LABELS: Record<QuoteStatus, string> = {
	draft: 'Draft',
	sent: 'Sent',
	viewed: 'Viewed',
	changes_requested: 'Changes requested',
	accepted: 'Accepted',
	declined: 'Declined',
	expired: 'Expired'
};

/** "Q-0007": how a quote number is shown everywhere. */
export function quoteLabel(number: number): string {
	return `Q-${String(number).padStart(4, '0')}`;
}
