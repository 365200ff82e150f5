import { files, users } from '../../../db/schema';

/** What staff see of a file. */
export type StaffFile = {
	id: string;
	projectId: string | null;
	name: string;
	contentType: string;
	sizeBytes: number;
	clientVisible: boolean;
	uploadedBy: string | null;
	createdAt: number;
	updatedAt: number;
};

/** What a client sees of a file: no staff-only fields (who uploaded, visibility, storage). */
export type ClientFile = Pick<StaffFile, 'id' | 'projectId' | 'name' | 'contentType' | 'sizeBytes' | 'createdAt'>;

/** The columns of a staff file view (files left-joined to users for the uploader's name). */
export const staffFileColumns = {
	id: files.id,
	projectId: files.projectId,
	name: files.name,
	contentType: files.contentType,
	sizeBytes: files.sizeBytes,
	clientVisible: files.clientVisible,
	uploadedBy: users.name,
	createdAt: files.createdAt,
	updatedAt: files.updatedAt
};

export const clientFileColumns = {
	id: files.id,
	projectId: files.projectId,
	name: files.name,
	contentType: files.contentType,
	sizeBytes: files.sizeBytes,
	createdAt: files.createdAt
};
