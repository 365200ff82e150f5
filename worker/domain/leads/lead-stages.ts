import type { LeadStage } from '../../../db/schema';

export const LEAD_STAGE_LABELS: Record<LeadStage, string> = {
	new: 'New',
	contacted: 'Contacted',
	qualified: 'Qualified',
	won: 'Won',
	lost: 'Lost'
};
