import { clientContacts, clients, memberships, projects, tasks, users, workspaces } from '../../../db/schema';
import type { TaskStatus } from '../../../db/schema';
import { insertChunks } from '../../services/db';
import type { SeedContext } from './context';
import { DEMO, SECOND_SHARD_DEMO as F } from './ids';

const day = 24 * 60 * 60 * 1000;

/**
 * The workspace of the demo's second shard: a small agency with one client and one project,
 * enough to sign in on both sides and see that its pages come from DB_SHARD_2.
 */
export function seedSecondShard({ db, now, isoDay }: SeedContext) {
	const task = (n: number, title: string, status: TaskStatus, dueInDays: number) => ({
		id: `tsk_fjord_${n}`,
		workspaceId: F.workspaceId,
		clientId: F.clientId,
		projectId: F.projectId,
		title,
		status,
		position: n,
		dueDate: isoDay(now + dueInDays * day),
		completedAt: status === 'complete' ? now - day : null,
		createdAt: now,
		updatedAt: now
	});
	return [
		...insertChunks(db, workspaces, [
			{
				id: F.workspaceId,
				slug: F.slug,
				name: 'Fjord Digital',
				displayName: 'Fjord Digital',
				brandColor: '#0e7490',
				accentColor: '#be185d',
				welcomeMessage: 'Welcome to Fjord Digital. Your project, its progress and our messages live here.',
				defaultCurrency: 'EUR',
				timezone: 'Europe/Oslo',
				createdAt: now,
				updatedAt: now
			}
		]),
		...insertChunks(db, users, [
			{ id: F.ownerUserId, email: F.ownerEmail, name: 'Freya Fjord', createdAt: now },
			{ id: F.maxUserId, email: DEMO.memberEmail, name: 'Max Member', createdAt: now }
		]),
		...insertChunks(db, memberships, [
			{
				id: 'mem_fjord_owner',
				workspaceId: F.workspaceId,
				userId: F.ownerUserId,
				role: 'owner',
				acceptedAt: now,
				createdAt: now
			},
			{
				id: 'mem_fjord_max',
				workspaceId: F.workspaceId,
				userId: F.maxUserId,
				role: 'member',
				acceptedAt: now,
				createdAt: now
			}
		]),
		...insertChunks(db, clients, [
			{ id: F.clientId, workspaceId: F.workspaceId, name: 'Lumen Bakery', createdAt: now, updatedAt: now }
		]),
		...insertChunks(db, clientContacts, [
			{
				id: F.contactId,
				workspaceId: F.workspaceId,
				clientId: F.clientId,
				name: 'Lena Lumen',
				email: F.clientEmail,
				isPrimary: true,
				createdAt: now
			}
		]),
		...insertChunks(db, projects, [
			{
				id: F.projectId,
				workspaceId: F.workspaceId,
				clientId: F.clientId,
				name: 'Online ordering',
				description: 'Order-ahead for the bakery: menu, checkout and pick-up times.',
				status: 'active',
				startDate: isoDay(now - 14 * day),
				dueDate: isoDay(now + 30 * day),
				createdByUserId: F.ownerUserId,
				createdAt: now - 14 * day,
				updatedAt: now
			}
		]),
		...insertChunks(db, tasks, [
			task(1, 'Menu and prices', 'complete', -7),
			task(2, 'Checkout with card and mobile money', 'in_progress', 10),
			task(3, 'Pick-up time slots', 'todo', 20),
			task(4, 'Launch checklist', 'todo', 30)
		])
	];
}
