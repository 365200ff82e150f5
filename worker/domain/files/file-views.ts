import { eq, sql } from 'drizzle-orm';
import { clientContacts, files, users } from '../../../db/schema';
import type { ClientActor } from '../actor';
import { CLIENT_DELETE_WINDOW_MS } from './file-display';

/** What staff see of a file. */
export type StaffFile = {
	id: string;
	projectId: string | null;
	name: string;
	contentType: string;
	sizeBytes: number;
	clientVisible: boolean;
	/** Uploaded by a contact of the client (through the portal). */
	fromClient: boolean;
	/** The staff member's or the client contact's name. */
	uploadedBy: string | null;
	createdAt: number;
	updatedAt: number;
};

/** What a client sees of a file: no staff-only fields (which staff member uploaded it, visibility, storage). */
export type ClientFile = Pick<
	StaffFile,
	'id' | 'projectId' | 'name' | 'contentType' | 'sizeBytes' | 'createdAt' | 'fromClient'
> & {
	/** The contact's name for a file their company uploaded; null for files the agency shared. */
	uploadedBy: string | null;
	/** Uploaded by this very contact. */
	mine: boolean;
	/** Until when they may still delete it (their own upload, within CLIENT_DELETE_WINDOW_MS); null if they cannot. */
	deletableUntil: number | null;
};

/** The columns of a staff file view (files left-joined to users and client contacts for the uploader's name). */
export const staffFileColumns = {
	id: files.id,
	projectId: files.projectId,
	name: files.name,
	contentType: files.contentType,
	sizeBytes: files.sizeBytes,
	clientVisible: files.clientVisible,
	fromClient: sql<boolean>`${files.uploadedByContactId} IS NOT NULL`.mapWith(Boolean),
	uploadedBy: sql<string | null>`coalesce(${users.name}, ${clientContacts.name})`,
	createdAt: files.createdAt,
	updatedAt: files.updatedAt
};

export const uploaderJoins = {
	user: eq(users.id, files.uploadedByUserId),
	contact: eq(clientContacts.id, files.uploadedByContactId)
};

/** The columns of a client's file view (left-joined to client contacts: only their own company's contacts upload to their projects). */
export function clientFileColumns(actor: ClientActor, now: number) {
	return {
		id: files.id,
		projectId: files.projectId,
		name: files.name,
		contentType: files.contentType,
		sizeBytes: files.sizeBytes,
		createdAt: files.createdAt,
		fromClient: sql<boolean>`${files.uploadedByContactId} IS NOT NULL`.mapWith(Boolean),
		uploadedBy: sql<string | null>`${clientContacts.name}`,
		mine: sql<boolean>`${files.uploadedByContactId} IS ${actor.contactId}`.mapWith(Boolean),
		deletableUntil: sql<
			number | null
		>`CASE WHEN ${files.uploadedByContactId} IS ${actor.contactId} AND ${files.createdAt} > ${now - CLIENT_DELETE_WINDOW_MS} THEN ${files.createdAt} + ${CLIENT_DELETE_WINDOW_MS} END`
	};
}
