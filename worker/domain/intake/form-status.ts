import type { StatusDisplay } from '../status-display';

export type IntakeFormStatus = 'draft' | 'published' | 'archived';

/** An intake form's status as staff see it, in the list and on the form. */
export const INTAKE_FORM_STATUS_DISPLAY: Record<IntakeFormStatus, StatusDisplay> = {
	draft: { label: 'Draft', tone: 'warning' },
	published: { label: 'Published', tone: 'success' },
	archived: { label: 'Archived', tone: 'neutral' }
};

/** What each status means, next to the badge on the form's page. */
export const INTAKE_FORM_STATUS_MEANING: Record<IntakeFormStatus, string> = {
	draft: 'Only you can see it.',
	published: 'Anyone with the link can submit it.',
	archived: 'It no longer takes answers.'
};
