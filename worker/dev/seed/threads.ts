import { messages, threadReads, threads, type AuthorKind } from '../../../db/schema';
import { insertChunks } from '../../services/db';
import type { SeedContext } from './context';
import { ACME, DEMO, THREADS } from './ids';

const minute = 60 * 1000;
const hour = 60 * minute;

type Line = { by: AuthorKind; id: string; name: string; body: string; ago: number; internal?: boolean };

/**
 * Conversations on the demo projects: a lively client thread with an internal
 * note among the replies, a staff-only thread, and threads of other clients
 * and workspaces (to see isolation). Read markers leave some messages unread
 * for Casey (client@demo.test) and for the staff.
 */
export function seedThreads({ db, now }: SeedContext) {
	const olivia = { by: 'staff' as const, id: DEMO.ownerUserId, name: 'Olivia Owner' };
	const max = { by: 'staff' as const, id: DEMO.memberUserId, name: 'Max Member' };
	const casey = { by: 'client' as const, id: DEMO.caseyContactId, name: 'Casey Client' };
	const oscar = { by: 'client' as const, id: DEMO.oscarContactId, name: 'Oscar Other' };
	const andy = { by: 'staff' as const, id: ACME.ownerUserId, name: 'Andy Acme' };

	const conversations: {
		id: string;
		workspaceId: string;
		clientId: string;
		projectId: string;
		title: string;
		internal?: boolean;
		lines: Line[];
	}[] = [
		{
			id: THREADS.designId,
			workspaceId: DEMO.workspaceId,
			clientId: DEMO.northwindId,
			projectId: DEMO.websiteProjectId,
			title: 'Design feedback',
			lines: [
				{
					...olivia,
					ago: 50 * hour,
					body: 'Hi Casey! The first homepage design is ready: https://www.figma.com/proto/homepage-v1\nLet us know what you think.'
				},
				{
					...casey,
					ago: 47 * hour,
					body: 'Looks great! Could the hero image be a bit brighter? And can the contact button move higher up?'
				},
				{
					...max,
					ago: 46 * hour,
					internal: true,
					body: 'Internal note: a brighter hero means re-licensing the photo (about $80). Check the budget before we promise it.'
				},
				{
					...olivia,
					ago: 45 * hour,
					body: 'Sure: a brighter hero, and the contact button goes in the header. New version by Friday.'
				},
				{ ...casey, ago: 44 * hour, body: 'Perfect, thank you!' },
				{
					...olivia,
					ago: 3 * hour,
					body: 'Version 2 is up: https://www.figma.com/proto/homepage-v2 (brighter hero, contact button in the header).'
				}
			]
		},
		{
			id: THREADS.contentId,
			workspaceId: DEMO.workspaceId,
			clientId: DEMO.northwindId,
			projectId: DEMO.websiteProjectId,
			title: 'Content review',
			lines: [
				{ ...casey, ago: 30 * hour, body: 'Here is the copy for the About page. Tell me if anything is unclear.' },
				{
					...olivia,
					ago: 28 * hour,
					body: 'Thanks! Two questions: was Northwind founded in 1998 or 1999? And should we mention the Rotterdam office?'
				},
				{ ...casey, ago: 90 * minute, body: '1999, and yes, please mention Rotterdam.' }
			]
		},
		{
			id: THREADS.pricingInternalId,
			workspaceId: DEMO.workspaceId,
			clientId: DEMO.northwindId,
			projectId: DEMO.websiteProjectId,
			title: 'Scope and pricing (staff only)',
			internal: true,
			lines: [
				{
					...olivia,
					ago: 20 * hour,
					internal: true,
					body: 'Northwind asked about a blog. That is outside the scope: quote it separately?'
				},
				{ ...max, ago: 19 * hour, internal: true, body: 'Yes, a separate quote. I will draft it this week.' }
			]
		},
		{
			id: THREADS.globexId,
			workspaceId: DEMO.workspaceId,
			clientId: DEMO.globexId,
			projectId: DEMO.globexProjectId,
			title: 'Kick-off',
			lines: [
				{ ...olivia, ago: 9 * 24 * hour, body: 'Welcome aboard, Oscar! Kick-off call on Tuesday at 10:00?' },
				{ ...oscar, ago: 9 * 24 * hour - hour, body: 'Tuesday works. Confidential: Globex roadmap to follow.' }
			]
		},
		{
			id: THREADS.acmeId,
			workspaceId: ACME.workspaceId,
			clientId: ACME.roadrunnerId,
			projectId: ACME.projectId,
			title: 'Route map draft',
			lines: [
				{ ...andy, ago: 4 * 24 * hour, body: 'Hi Riley, the first draft of the route map is ready for you to look at.' }
			]
		}
	];

	const threadRows = conversations.map((c) => ({
		id: c.id,
		workspaceId: c.workspaceId,
		clientId: c.clientId,
		projectId: c.projectId,
		title: c.title,
		internal: c.internal ?? false,
		createdByKind: c.lines[0].by,
		createdById: c.lines[0].id,
		lastSeq: c.lines.length,
		lastMessageAt: now - c.lines.at(-1)!.ago,
		createdAt: now - c.lines[0].ago
	}));
	const messageRows = conversations.flatMap((c) =>
		c.lines.map((line, i) => ({
			id: `${c.id.replace('thr_', 'msg_')}_${i + 1}`,
			workspaceId: c.workspaceId,
			clientId: c.clientId,
			threadId: c.id,
			seq: i + 1,
			authorKind: line.by,
			authorId: line.id,
			authorName: line.name,
			body: line.body,
			internal: line.internal ?? c.internal ?? false,
			clientMsgId: `seed-${c.id}-${i + 1}`,
			createdAt: now - line.ago
		}))
	);
	const read = (threadId: string, readerKey: string, workspaceId: string, lastReadSeq: number) => ({
		threadId,
		readerKey,
		workspaceId,
		lastReadSeq,
		updatedAt: now
	});
	const d = DEMO.workspaceId;
	return [
		...insertChunks(db, threads, threadRows),
		...insertChunks(db, messages, messageRows),
		...insertChunks(db, threadReads, [
			// Casey has not seen version 2 yet; Olivia has not seen Casey's last two messages.
			read(THREADS.designId, `contact:${DEMO.caseyContactId}`, d, 5),
			read(THREADS.contentId, `contact:${DEMO.caseyContactId}`, d, 3),
			read(THREADS.designId, `user:${DEMO.ownerUserId}`, d, 4),
			read(THREADS.contentId, `user:${DEMO.ownerUserId}`, d, 2),
			read(THREADS.pricingInternalId, `user:${DEMO.ownerUserId}`, d, 2),
			read(THREADS.globexId, `contact:${DEMO.oscarContactId}`, d, 2),
			read(THREADS.globexId, `user:${DEMO.ownerUserId}`, d, 2)
		])
	];
}
