import { eq } from 'drizzle-orm';
import { activity, clientContacts, clients, projects, tasks, type TaskStatus } from '../../../db/schema';
import { insertChunks } from '../../services/db';
import type { SeedContext } from './context';
import { CORE, DEMO } from './ids';

const day = 24 * 60 * 60 * 1000;

/**
 * Demo data for clients, projects and tasks: a few more clients (one
 * archived), contacts in every state (primary, invited, signed in, archived),
 * projects in every status and tasks in every column with assignees and due
 * dates, plus the activity that would have produced them.
 */
export function seedCore({ db, now, isoDay }: SeedContext) {
	const ws = DEMO.workspaceId;
	const owner = DEMO.ownerUserId;
	const member = DEMO.memberUserId;
	const client = (id: string, name: string, extra: Partial<typeof clients.$inferInsert> = {}) => ({
		id,
		workspaceId: ws,
		name,
		createdAt: now - 60 * day,
		updatedAt: now - 60 * day,
		...extra
	});
	const contact = (
		id: string,
		clientId: string,
		name: string,
		email: string,
		extra: Partial<typeof clientContacts.$inferInsert> = {}
	) => ({ id, workspaceId: ws, clientId, name, email, createdAt: now - 60 * day, ...extra });
	const project = (
		id: string,
		clientId: string,
		name: string,
		status: (typeof projects.$inferInsert)['status'],
		startIn: number,
		dueIn: number,
		description: string
	) => ({
		id,
		workspaceId: ws,
		clientId,
		name,
		description,
		status,
		startDate: isoDay(now + startIn * day),
		dueDate: isoDay(now + dueIn * day),
		createdByUserId: owner,
		completedAt: status === 'complete' ? now - day : null,
		createdAt: now + startIn * day,
		updatedAt: now - day
	});
	let order = 0;
	const task = (
		projectId: string,
		clientId: string,
		title: string,
		status: TaskStatus,
		assignee: string | null,
		dueIn: number | null
	) => ({
		id: `tsk_core_${++order}`,
		workspaceId: ws,
		clientId,
		projectId,
		title,
		status,
		position: order,
		assigneeUserId: assignee,
		dueDate: dueIn === null ? null : isoDay(now + dueIn * day),
		completedAt: status === 'complete' ? now - 2 * day : null,
		createdAt: now - 20 * day,
		updatedAt: now - 2 * day
	});
	let act = 0;
	const entry = (
		daysAgo: number,
		actorName: string,
		actorId: string | null,
		verb: string,
		summary: string,
		ids: { clientId?: string; projectId?: string; subjectType?: string; subjectId?: string }
	) => ({
		id: `act_core_${++act}`,
		workspaceId: ws,
		clientId: ids.clientId ?? null,
		projectId: ids.projectId ?? null,
		actorKind: (actorId?.startsWith('con_') ? 'client' : 'staff') as 'client' | 'staff',
		actorId,
		actorName,
		verb,
		subjectType: ids.subjectType ?? null,
		subjectId: ids.subjectId ?? null,
		summary,
		createdAt: now - daysAgo * day
	});
	const i = CORE.intranetProjectId;
	const o = CORE.orderingProjectId;
	return [
		...insertChunks(db, clients, [
			client(CORE.initechId, 'Initech', {
				website: 'https://initech.example',
				phone: '+1 555 0100',
				address: '4120 Freidrich Lane\nAustin, TX',
				notes: 'Budget approvals go through Bill; allow a week.'
			}),
			client(CORE.harborId, 'Blue Harbor Cafe', { website: 'https://blueharbor.example', phone: '+1 555 0142' }),
			client(CORE.oldMillId, 'Old Mill Press', { notes: 'Paused all work in spring.', archivedAt: now - 20 * day })
		]),
		...insertChunks(db, clientContacts, [
			contact(CORE.ninaContactId, DEMO.northwindId, 'Nina North', CORE.ninaEmail, {
				lastInvitedAt: now - 3 * day,
				timezone: 'America/New_York'
			}),
			contact(CORE.nicoContactId, DEMO.northwindId, 'Nico Ledger', CORE.nicoEmail),
			contact(CORE.peterContactId, CORE.initechId, 'Peter Gibbons', CORE.peterEmail, {
				isPrimary: true,
				lastInvitedAt: now - 40 * day,
				lastLoginAt: now - 2 * day
			}),
			contact(CORE.joannaContactId, CORE.initechId, 'Joanna Lee', 'joanna@initech.test', {
				archivedAt: now - 10 * day,
				lastInvitedAt: now - 40 * day
			}),
			contact(CORE.marinaContactId, CORE.harborId, 'Marina Costa', 'marina@blueharbor.test', { isPrimary: true }),
			contact(CORE.oldMillContactId, CORE.oldMillId, 'Walter Mill', 'walter@oldmill.test', {
				isPrimary: true,
				lastInvitedAt: now - 90 * day
			})
		]),
		db
			.update(clientContacts)
			.set({ lastInvitedAt: now - 31 * day, lastLoginAt: now - day })
			.where(eq(clientContacts.id, DEMO.caseyContactId)),
		...insertChunks(db, projects, [
			project(
				CORE.seoProjectId,
				DEMO.northwindId,
				'SEO audit',
				'on_hold',
				-14,
				30,
				'A technical and content audit of the current site, with a prioritised fix list.'
			),
			project(
				i,
				CORE.initechId,
				'Intranet migration',
				'active',
				-21,
				40,
				'Move the old intranet to a hosted wiki, with single sign-on and a content clean-up.'
			),
			project(
				o,
				CORE.harborId,
				'Online ordering',
				'active',
				-7,
				9,
				'Order-ahead for pick-up: menu, checkout and kitchen tickets.'
			),
			project(
				CORE.catalogueProjectId,
				CORE.oldMillId,
				'Catalogue reprint',
				'cancelled',
				-120,
				-60,
				'Reprint of the autumn catalogue.'
			)
		]),
		...insertChunks(db, tasks, [
			task(i, CORE.initechId, 'Inventory existing pages', 'complete', owner, null),
			task(i, CORE.initechId, 'Choose the wiki platform', 'complete', owner, null),
			task(i, CORE.initechId, 'Set up single sign-on', 'in_progress', member, 6),
			task(i, CORE.initechId, 'Migrate HR handbook', 'in_progress', member, 12),
			task(i, CORE.initechId, 'Page templates review', 'in_review', owner, 2),
			task(i, CORE.initechId, 'Which teams keep edit rights?', 'in_query', owner, -1),
			task(i, CORE.initechId, 'Redirects from old URLs', 'todo', member, 25),
			task(i, CORE.initechId, 'Training session for editors', 'todo', null, 35),
			task(o, CORE.harborId, 'Menu photos', 'in_query', member, 1),
			task(o, CORE.harborId, 'Checkout with card payments', 'in_progress', owner, 5),
			task(o, CORE.harborId, 'Kitchen ticket printer', 'todo', member, 8),
			task(o, CORE.harborId, 'Menu structure', 'complete', owner, null),
			task(CORE.seoProjectId, DEMO.northwindId, 'Crawl the current site', 'complete', member, null),
			task(CORE.seoProjectId, DEMO.northwindId, 'Keyword research', 'todo', member, 20)
		]),
		...insertChunks(db, activity, [
			entry(
				30,
				'Olivia Owner',
				owner,
				'project.created',
				'Olivia Owner created the project Website redesign for Northwind Traders',
				{
					clientId: DEMO.northwindId,
					projectId: DEMO.websiteProjectId,
					subjectType: 'project',
					subjectId: DEMO.websiteProjectId
				}
			),
			entry(
				31,
				'Olivia Owner',
				owner,
				'contact.invited',
				'Olivia Owner invited Casey Client (Northwind Traders) to the portal',
				{ clientId: DEMO.northwindId, subjectType: 'contact', subjectId: DEMO.caseyContactId }
			),
			entry(
				12,
				'Max Member',
				member,
				'task.moved',
				'Max Member moved “Sitemap and content plan” from In Review to Complete',
				{ clientId: DEMO.northwindId, projectId: DEMO.websiteProjectId, subjectType: 'task', subjectId: 'tsk_demo_w2' }
			),
			entry(
				4,
				'Olivia Owner',
				owner,
				'task.moved',
				'Olivia Owner moved “Copy for About page” from In Progress to In Query',
				{ clientId: DEMO.northwindId, projectId: DEMO.websiteProjectId, subjectType: 'task', subjectId: 'tsk_demo_w5' }
			),
			entry(
				2,
				'Olivia Owner',
				owner,
				'task.moved',
				'Olivia Owner moved “Homepage design” from In Progress to In Review',
				{ clientId: DEMO.northwindId, projectId: DEMO.websiteProjectId, subjectType: 'task', subjectId: 'tsk_demo_w3' }
			),
			entry(
				14,
				'Olivia Owner',
				owner,
				'project.status_changed',
				'Olivia Owner edited the project SEO audit: Active → On hold',
				{
					clientId: DEMO.northwindId,
					projectId: CORE.seoProjectId,
					subjectType: 'project',
					subjectId: CORE.seoProjectId
				}
			),
			entry(
				3,
				'Olivia Owner',
				owner,
				'contact.added',
				'Olivia Owner added Nina North as a contact of Northwind Traders',
				{ clientId: DEMO.northwindId, subjectType: 'contact', subjectId: CORE.ninaContactId }
			),
			entry(
				3,
				'Olivia Owner',
				owner,
				'contact.invited',
				'Olivia Owner invited Nina North (Northwind Traders) to the portal',
				{ clientId: DEMO.northwindId, subjectType: 'contact', subjectId: CORE.ninaContactId }
			),
			entry(60, 'Olivia Owner', owner, 'client.created', 'Olivia Owner added the client Initech', {
				clientId: CORE.initechId,
				subjectType: 'client',
				subjectId: CORE.initechId
			}),
			entry(
				21,
				'Olivia Owner',
				owner,
				'project.created',
				'Olivia Owner created the project Intranet migration for Initech',
				{ clientId: CORE.initechId, projectId: i, subjectType: 'project', subjectId: i }
			),
			entry(
				5,
				'Max Member',
				member,
				'task.moved',
				'Max Member moved “Set up single sign-on” from To Do to In Progress',
				{ clientId: CORE.initechId, projectId: i, subjectType: 'task', subjectId: 'tsk_core_3' }
			),
			entry(
				1,
				'Olivia Owner',
				owner,
				'task.moved',
				'Olivia Owner moved “Which teams keep edit rights?” from In Review to In Query',
				{ clientId: CORE.initechId, projectId: i, subjectType: 'task', subjectId: 'tsk_core_6' }
			),
			entry(
				10,
				'Olivia Owner',
				owner,
				'contact.archived',
				'Olivia Owner archived the contact Joanna Lee (Initech); their portal access ended',
				{ clientId: CORE.initechId, subjectType: 'contact', subjectId: CORE.joannaContactId }
			),
			entry(
				7,
				'Olivia Owner',
				owner,
				'project.created',
				'Olivia Owner created the project Online ordering for Blue Harbor Cafe',
				{ clientId: CORE.harborId, projectId: o, subjectType: 'project', subjectId: o }
			),
			entry(
				20,
				'Olivia Owner',
				owner,
				'client.archived',
				'Olivia Owner archived the client Old Mill Press; their portal access ended',
				{ clientId: CORE.oldMillId, subjectType: 'client', subjectId: CORE.oldMillId }
			)
		])
	];
}
