import { emailClientContacts, emailStaff } from '../notifications/notify';
import type { Scope } from '../scope';
import { quoteLabel } from './quote-status';

type QuoteRef = { id: string; number: number; title: string; clientId: string; version: number };

/** The client's email when a quote (or a revision) is sent: a link to read it on the portal. */
export function emailQuoteToClient(scope: Pick<Scope, 'services' | 'workspace'>, quote: QuoteRef & { clientName: string }) {
	const label = quoteLabel(quote.number);
	const revision = quote.version > 1;
	return emailClientContacts(scope, quote.clientId, {
		subject: `${revision ? 'Revised quote' : 'Quote'} ${label}: ${quote.title}`,
		content: {
			preheader: `${scope.workspace.name} sent you ${revision ? 'a revised' : 'a'} quote to review.`,
			heading: `${revision ? 'A revised quote' : 'A new quote'} for ${quote.clientName}`,
			paragraphs: [
				`${scope.workspace.displayName ?? scope.workspace.name} has sent you quote ${label}, "${quote.title}"${revision ? ` (version ${quote.version})` : ''}.`,
				'Open it on your portal to read the details, accept it, or ask for changes.'
			],
			button: { label: 'View the quote', url: scope.services.urls.portal(scope.workspace, `/quotes/${quote.id}`) }
		},
		tag: 'quote',
		idempotencyKey: `quote-sent:${quote.id}:v${quote.version}`
	});
}

/** Tells the staff what a client did with a quote (topic 'quotes', so they can opt out). */
export function emailStaffAboutQuote(
	scope: Pick<Scope, 'services' | 'workspace'>,
	quote: QuoteRef,
	event: { kind: 'accepted' | 'changes_requested' | 'declined'; clientName: string; byName: string; text?: string; projectId?: string; key: string }
) {
	const label = quoteLabel(quote.number);
	const what = { accepted: 'accepted', changes_requested: 'asked for changes to', declined: 'declined' }[event.kind];
	const link = event.kind === 'accepted' && event.projectId ? { label: 'Open the new project', url: scope.services.urls.app(`/projects/${event.projectId}`) } : { label: 'Open the quote', url: scope.services.urls.app(`/quotes/${quote.id}`) };
	return emailStaff(scope, 'quotes', {
		subject: `${event.clientName} ${what} ${label}: ${quote.title}`,
		content: {
			heading: `${event.byName} (${event.clientName}) ${what} quote ${label}`,
			paragraphs: [
				event.kind === 'accepted'
					? `"${quote.title}" was accepted. A project was created from it with a task for each line item.`
					: event.kind === 'changes_requested'
						? `They would like "${quote.title}" adjusted. Revise the quote and send it again.`
						: `"${quote.title}" was declined.`
			],
			quote: event.text || undefined,
			button: link
		},
		tag: `quote-${event.kind.replace('_', '-')}`,
		idempotencyKey: event.key
	});
}
