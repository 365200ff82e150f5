import { clientContacts, clients, memberships, users, workspaces } from '../../../db/schema';
import { insertChunks } from '../../services/db';
import type { SeedContext } from './context';
import { ACME, DEMO } from './ids';

export function seedWorkspaces({ db, now }: SeedContext) {
	return [
		...insertChunks(db, workspaces, [
			{
				id: DEMO.workspaceId,
				slug: DEMO.slug,
				name: 'Demo Studio',
				displayName: 'Demo Studio',
				brandColor: '#4338ca',
				accentColor: '#0f766e',
				welcomeMessage: 'Welcome to your client portal. Everything about your projects with us, in one place.',
				emailSenderName: 'Demo Studio',
				defaultCurrency: 'USD',
				// Dates and times on its portal, dashboard, emails and PDFs read in Accra time ("GMT").
				timezone: 'Africa/Accra',
				// Settings -> Contracts: "We countersign" (ctr_demo_awaiting waits for it).
				requireCountersignature: true,
				createdAt: now,
				updatedAt: now
			},
			{
				id: ACME.workspaceId,
				slug: ACME.slug,
				name: 'Acme Agency',
				displayName: 'Acme Agency',
				brandColor: '#b91c1c',
				accentColor: '#1d4ed8',
				welcomeMessage: 'Hello from Acme. Your projects, files and invoices live here.',
				defaultCurrency: 'NGN',
				createdAt: now,
				updatedAt: now
			}
		]),
		...insertChunks(db, users, [
			{ id: DEMO.ownerUserId, email: DEMO.ownerEmail, name: 'Olivia Owner', createdAt: now },
			{ id: DEMO.memberUserId, email: DEMO.memberEmail, name: 'Max Member', createdAt: now },
			{ id: ACME.ownerUserId, email: ACME.ownerEmail, name: 'Andy Acme', createdAt: now }
		]),
		...insertChunks(db, memberships, [
			{
				id: 'mem_demo_owner',
				workspaceId: DEMO.workspaceId,
				userId: DEMO.ownerUserId,
				role: 'owner',
				acceptedAt: now,
				createdAt: now
			},
			{
				id: 'mem_demo_member',
				workspaceId: DEMO.workspaceId,
				userId: DEMO.memberUserId,
				role: 'member',
				acceptedAt: now,
				createdAt: now
			},
			{
				id: 'mem_acme_owner',
				workspaceId: ACME.workspaceId,
				userId: ACME.ownerUserId,
				role: 'owner',
				acceptedAt: now,
				createdAt: now
			}
		]),
		...insertChunks(db, clients, [
			{
				id: DEMO.northwindId,
				workspaceId: DEMO.workspaceId,
				name: 'Northwind Traders',
				website: 'https://northwind.example',
				notes: 'Prefers email over calls.',
				createdAt: now,
				updatedAt: now
			},
			{
				id: DEMO.globexId,
				workspaceId: DEMO.workspaceId,
				name: 'Globex Corporation',
				website: 'https://globex.example',
				createdAt: now,
				updatedAt: now
			},
			{
				id: ACME.roadrunnerId,
				workspaceId: ACME.workspaceId,
				name: 'Roadrunner Logistics',
				createdAt: now,
				updatedAt: now
			}
		]),
		...insertChunks(db, clientContacts, [
			{
				id: DEMO.caseyContactId,
				workspaceId: DEMO.workspaceId,
				clientId: DEMO.northwindId,
				name: 'Casey Client',
				email: DEMO.caseyEmail,
				isPrimary: true,
				createdAt: now
			},
			{
				id: DEMO.oscarContactId,
				workspaceId: DEMO.workspaceId,
				clientId: DEMO.globexId,
				name: 'Oscar Other',
				email: DEMO.oscarEmail,
				isPrimary: true,
				createdAt: now
			},
			{
				id: ACME.clientContactId,
				workspaceId: ACME.workspaceId,
				clientId: ACME.roadrunnerId,
				name: 'Riley Runner',
				email: ACME.clientEmail,
				isPrimary: true,
				createdAt: now
			}
		])
	];
}
