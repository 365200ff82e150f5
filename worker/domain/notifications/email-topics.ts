import type { StaffEmailTopic } from './notify';

/** How Settings -> Notifications describes each topic staff can switch off. */
export const STAFF_EMAIL_TOPIC_LABELS: Record<StaffEmailTopic, { label: string; hint: string }> = {
	messages: { label: 'Messages', hint: 'A client writes in a project thread.' },
	files: { label: 'Client uploads', hint: 'A client uploads files to a project (one email per batch).' },
	quotes: {
		label: 'Quotes',
		hint: 'A client accepts or declines a quote or asks for changes, and quotes expire unanswered.'
	},
	contracts: { label: 'Contracts', hint: 'A client signs a contract.' },
	payments: { label: 'Payments', hint: 'An invoice is paid.' },
	leads: { label: 'Leads', hint: 'Someone submits one of your intake forms.' },
	feedback: { label: 'Feedback', hint: 'A client rates a completed project.' }
};
