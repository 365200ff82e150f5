import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, flag, pk, timestamp, updatedAt } from './columns';
import { workspaces } from './workspaces';

/** A client company of a workspace. */
export const clients = sqliteTable(
	'clients',
	{
		id: pk(),
		workspaceId: text()
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		website: text(),
		phone: text(),
		address: text(),
		// Staff-only notes: never sent to the portal.
		notes: text(),
		archivedAt: timestamp(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [index('clients_ws_name_idx').on(t.workspaceId, t.name)]
);

/** A person at a client who can log in to the portal. One email belongs to one client per workspace. */
export const clientContacts = sqliteTable(
	'client_contacts',
	{
		id: pk(),
		workspaceId: text()
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		clientId: text()
			.notNull()
			.references(() => clients.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		email: text().notNull(),
		isPrimary: flag(false),
		// The contact's own IANA time zone; null = the workspace's.
		timezone: text(),
		lastInvitedAt: timestamp(),
		lastLoginAt: timestamp(),
		archivedAt: timestamp(),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('client_contacts_ws_email_uq').on(t.workspaceId, t.email),
		index('client_contacts_client_idx').on(t.clientId)
	]
);
