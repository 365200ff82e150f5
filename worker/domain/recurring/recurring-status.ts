import type { RecurringStatus } from '../../../db/schema';
import { labelsOf, type StatusDisplay } from '../status-display';

export type { RecurringStatus };

export const RECURRING_STATUS_DISPLAY: Record<RecurringStatus, StatusDisplay> = {
	active: { label: 'Active', tone: 'success' },
	paused: { label: 'Paused', tone: 'warning' },
	ended: { label: 'Ended', tone: 'neutral' }
};
export const RECURRING_STATUS_LABELS = labelsOf(RECURRING_STATUS_DISPLAY);
