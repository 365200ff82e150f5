import type { Recipient } from '../notifications/recipients';
import { inArray } from 'drizzle-orm';
import { clients, workspaces } from '../../../db/schema';
import type { Services } from '../../services';
import { emailClientContacts, emailStaff } from '../notifications/notify';
import type { Scope } from '../scope';
import { quoteLabel } from './quote-status';

type QuoteRef = { id: string; number: number; title: string; clientId: string; version: number };

/** The client's email when a quote (or a revision) is sent: a link to read it on the portal. */
export function emailQuoteToClient(
	scope: Pick<Scope, 'services' | 'workspace'>,
	quote: QuoteRef & { clientName: string },
	to: Recipient[]
) {
	const label = quoteLabel(quote.number);
	const revision = quote.version > 1;
	return emailClientContacts(
		scope,
		quote.clientId,
		{
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
		},
		{ to }
	);
}

/** Tells the staff what a client did with a quote (topic 'quotes', so they can opt out). */
export function emailStaffAboutQuote(
	scope: Pick<Scope, 'services' | 'workspace'>,
	quote: QuoteRef,
	event: {
		kind: 'accepted' | 'changes_requested' | 'declined';
		clientName: string;
		byName: string;
		text?: string;
		projectId?: string;
		key: string;
		next?: string[];
		attachedTo?: string;
	}
) {
	const label = quoteLabel(quote.number);
	const what = { accepted: 'accepted', changes_requested: 'asked for changes to', declined: 'declined' }[event.kind];
	const link =
		event.kind === 'accepted' && event.projectId
			? { label: 'Open the new project', url: scope.services.urls.app(`/projects/${event.projectId}`) }
			: { label: 'Open the quote', url: scope.services.urls.app(`/quotes/${quote.id}`) };
	return emailStaff(scope, 'quotes', {
		subject: `${event.clientName} ${what} ${label}: ${quote.title}`,
		content: {
			heading: `${event.byName} (${event.clientName}) ${what} quote ${label}`,
			paragraphs: [
				event.kind === 'accepted'
					? `"${quote.title}" was accepted. ${event.attachedTo ? `It was added to the project "${event.attachedTo}"` : 'A project was created from it'} with a task for each chosen line item.${event.next?.length ? ` Next, on the same path, they ${event.next.join(' and ')}.` : ''}`
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

export type ExpiredQuote = {
	id: string;
	workspaceId: string;
	clientId: string;
	number: number;
	title: string;
	expiresOn: string | null;
};

/** At most this many quotes are listed in one email; the rest are counted. */
const LISTED = 50;

/**
 * After a cron run stored `expired`: one email per workspace listing the quotes
 * this run expired (topic 'quotes', so staff who switched quote emails off get
 * none). The idempotency key is the workspace and the run's time, so a retried
 * send is recognised. A workspace whose email fails does not stop the others
 * (the mail service logs it and the cron retries it).
 */
export async function emailStaffAboutExpiredQuotes(services: Services, expired: ExpiredQuote[], runAt: number) {
	const db = services.db;
	// Under D1's 100 bound parameters per statement: ids in chunks, all read in one batch.
	const chunks = (ids: string[]) =>
		Array.from({ length: Math.ceil(ids.length / 90) }, (_, i) => ids.slice(i * 90, i * 90 + 90));
	const workspaceChunks = chunks([...new Set(expired.map((q) => q.workspaceId))]);
	const clientChunks = chunks([...new Set(expired.map((q) => q.clientId))]);
	const reads = [
		...workspaceChunks.map((ids) => db.select().from(workspaces).where(inArray(workspaces.id, ids))),
		...clientChunks.map((ids) =>
			db.select({ id: clients.id, name: clients.name }).from(clients).where(inArray(clients.id, ids))
		)
	];
	const results = await db.batch(reads as [(typeof reads)[number], ...(typeof reads)[number][]]);
	const workspaceRows = results.slice(0, workspaceChunks.length).flat() as (typeof workspaces.$inferSelect)[];
	const clientRows = results.slice(workspaceChunks.length).flat() as { id: string; name: string }[];
	const clientName = new Map(clientRows.map((c) => [c.id, c.name]));
	for (const workspace of workspaceRows) {
		const mine = expired.filter((q) => q.workspaceId === workspace.id).sort((a, b) => a.number - b.number);
		const lines = mine
			.slice(0, LISTED)
			.map(
				(q) =>
					`${quoteLabel(q.number)} "${q.title}"${clientName.has(q.clientId) ? ` for ${clientName.get(q.clientId)}` : ''} (valid until ${q.expiresOn})`
			);
		if (mine.length > LISTED) lines.push(`… and ${mine.length - LISTED} more.`);
		const one = mine.length === 1;
		try {
			await emailStaff({ services, workspace }, 'quotes', {
				subject: one
					? `Quote ${quoteLabel(mine[0].number)} expired: ${mine[0].title}`
					: `${mine.length} quotes expired`,
				content: {
					preheader: one
						? 'A quote passed its expiry date without an answer.'
						: `${mine.length} quotes passed their expiry date without an answer.`,
					heading: one ? 'A quote expired' : `${mine.length} quotes expired`,
					paragraphs: [
						`${one ? 'This quote' : 'These quotes'} passed ${one ? 'its' : 'their'} expiry date without being accepted or declined, so the client can no longer accept ${one ? 'it' : 'them'}.`,
						'To make the offer again, edit the quote (set a new expiry date) and send it.'
					],
					quote: lines.join('\n'),
					button: { label: 'Open expired quotes', url: services.urls.app('/quotes?status=expired') }
				},
				tag: 'quotes-expired',
				idempotencyKey: `quotes-expired:${workspace.id}:${runAt}`
			});
		} catch (error) {
			console.error('quotes expired: staff email failed', workspace.id, error);
		}
	}
}
