import { and, asc, eq, inArray, isNotNull, isNull, lte, min } from 'drizzle-orm';
import { clientContacts, clients, files, projects, workspaces } from '../../../db/schema';
import type { Services } from '../../services';
import { emailStaff } from '../notifications/notify';
import { NOTIFY_BATCH_MS } from '../threads/model';
import { formatBytes } from './file-size';

/** At most this many files are named in one email; the link shows the rest. */
const LISTED_MAX = 15;

/** The condition of the partial index files_client_upload_unnotified_idx, spelled the same so SQLite uses it. */
const unnotifiedClientUpload = and(
	isNotNull(files.uploadedByContactId),
	isNull(files.threadId),
	isNull(files.staffNotifiedAt)
);

/**
 * Cron: emails staff (topic `files`) about files clients uploaded, one email per
 * project per burst: a project is due once its oldest unannounced client upload
 * is NOTIFY_BATCH_MS (2 minutes) old, and the email names every file of it not
 * yet announced, so ten files picked at once become one email. Claim, then
 * send: a conditional UPDATE (staff_notified_at still null) RETURNING the files
 * it took, so overlapping runs claim disjoint sets and never email twice; a run
 * that dies between claim and send loses that email (the activity feed still
 * shows the uploads). A file the client deleted meanwhile is not mentioned.
 */
export async function notifyClientUploads(opts: { services: Services; limit?: number }): Promise<number> {
	const { services } = opts;
	const db = services.db;
	const now = services.clock.now();
	const due = await db
		.select({ projectId: files.projectId, workspaceId: files.workspaceId, first: min(files.createdAt) })
		.from(files)
		.where(and(unnotifiedClientUpload, lte(files.createdAt, now - NOTIFY_BATCH_MS)))
		.groupBy(files.workspaceId, files.projectId)
		.orderBy(asc(min(files.createdAt)))
		.limit(opts.limit ?? 25);
	let sent = 0;
	for (const item of due) {
		if (!item.projectId) continue;
		const claimed = await db
			.update(files)
			.set({ staffNotifiedAt: now })
			.where(and(eq(files.workspaceId, item.workspaceId), eq(files.projectId, item.projectId), unnotifiedClientUpload))
			.returning({ id: files.id });
		if (!claimed.length) continue;
		const ids = claimed.map((c) => c.id);
		const [listed, context] = await db.batch([
			db
				.select({ name: files.name, sizeBytes: files.sizeBytes, by: clientContacts.name, createdAt: files.createdAt })
				.from(files)
				.leftJoin(clientContacts, eq(clientContacts.id, files.uploadedByContactId))
				.where(and(eq(files.workspaceId, item.workspaceId), inArray(files.id, ids)))
				.orderBy(asc(files.createdAt), asc(files.id)),
			db
				.select({ workspace: workspaces, projectName: projects.name, clientName: clients.name })
				.from(projects)
				.innerJoin(workspaces, eq(workspaces.id, projects.workspaceId))
				.innerJoin(clients, eq(clients.id, projects.clientId))
				.where(and(eq(projects.id, item.projectId), eq(projects.workspaceId, item.workspaceId)))
		]);
		const where = context[0];
		if (!where || !listed.length) continue;
		await emailAboutUploads(services, {
			...where,
			projectId: item.projectId,
			files: listed,
			key: `client-uploads:${item.projectId}:${[...ids].sort()[0]}:${ids.length}`
		});
		sent++;
	}
	return sent;
}

async function emailAboutUploads(
	services: Services,
	opts: {
		workspace: typeof workspaces.$inferSelect;
		projectId: string;
		projectName: string;
		clientName: string;
		files: { name: string; sizeBytes: number; by: string | null }[];
		key: string;
	}
) {
	const people = [...new Set(opts.files.map((f) => f.by ?? opts.clientName))];
	const who = people.length === 1 ? people[0] : opts.clientName;
	const count = opts.files.length;
	const listed = opts.files.slice(0, LISTED_MAX);
	const more = count - listed.length;
	await emailStaff({ services, workspace: opts.workspace }, 'files', {
		subject:
			count === 1
				? `${who} uploaded ${opts.files[0].name} to ${opts.projectName}`
				: `${who} uploaded ${count} files to ${opts.projectName}`,
		tag: 'client-upload',
		idempotencyKey: opts.key,
		content: {
			heading: count === 1 ? 'A new file from your client' : `${count} new files from your client`,
			paragraphs: [
				`${who} (${opts.clientName}) uploaded to ${opts.projectName}:`,
				...listed.map((f) => `${f.name} (${formatBytes(f.sizeBytes)})`),
				...(more ? [`…and ${more} more.`] : [])
			],
			button: { label: 'Open the project files', url: services.urls.app(`/projects/${opts.projectId}/files`) },
			footnote: 'You get this because a client uploaded files. Switch these emails off in Settings → Notifications.'
		}
	});
}
