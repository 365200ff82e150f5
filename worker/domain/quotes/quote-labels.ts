import type { QuoteStatus } from '../../../db/schema';
import { labelsOf, type StatusDisplay } from '../status-display';

// Pure (no database code), so pages and components can import it too.
export const QUOTE_STATUS_DISPLAY: Record<QuoteStatus, StatusDisplay> = {
	draft: { label: 'Draft', tone: 'neutral' },
	sent: { label: 'Sent', tone: 'info' },
	viewed: { label: 'Viewed', tone: 'info' },
	changes_requested: { label: 'Changes requested', tone: 'warning' },
	accepted: { label: 'Accepted', tone: 'success' },
	declined: { label: 'Declined', tone: 'danger' },
	expired: { label: 'Expired', tone: 'danger' }
};
export const QUOTE_STATUS_LABELS = labelsOf(QUOTE_STATUS_DISPLAY);

/** "Q-0007": how a quote number is shown everywhere. */
export function quoteLabel(number: number): string {
	return `Q-${String(number).padStart(4, '0')}`;
}
