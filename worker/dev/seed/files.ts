import { files } from '../../../db/schema';
import { insertChunks } from '../../services/db';
import { storageKeyOf } from '../../domain/files/upload-file';
import type { SeedContext } from './context';
import { ACME, DEMO, DEMO_FILES, THREADS } from './ids';
import { samplePdf, samplePng, sampleText } from './sample-files';

const hour = 60 * 60 * 1000;
const day = 24 * hour;

type SeedFile = {
	id: string;
	workspaceId: string;
	clientId: string;
	projectId: string;
	name: string;
	contentType: string;
	bytes: Uint8Array;
	clientVisible: boolean;
	daysAgo: number;
	/** A staff user id, or a client contact id (`fromClient`). */
	by: string;
	fromClient?: boolean;
	/** A message attachment: its thread and message (seed/threads.ts names messages msg_<thread>_<seq>). */
	message?: { threadId: string; seq: number };
};

/**
 * Real small files (a PDF, PNGs, text) on demo projects of both demo clients and
 * the Acme workspace; some shared with the client, some internal, one uploaded
 * by the client (Casey, on Brand refresh), and attachments of three messages of
 * the Design feedback thread (one of them Max's internal note: staff only). The
 * bytes go to R2 first, then the rows are returned for the seed batch.
 */
export async function seedFiles({ db, services, now }: SeedContext) {
	const d = DEMO.workspaceId;
	const n = DEMO.northwindId;
	const list: SeedFile[] = [
		{
			id: DEMO_FILES.websiteBrief,
			workspaceId: d,
			clientId: n,
			projectId: DEMO.websiteProjectId,
			name: 'Project brief.pdf',
			contentType: 'application/pdf',
			clientVisible: true,
			daysAgo: 28,
			by: DEMO.ownerUserId,
			bytes: await samplePdf('Website redesign: project brief', [
				'Goals: a faster, clearer marketing site that turns visitors into enquiries.',
				'Scope: research, sitemap, design of 6 templates, build, launch.',
				'Timeline: 10 weeks from kick-off.'
			])
		},
		{
			id: DEMO_FILES.websiteMockup,
			workspaceId: d,
			clientId: n,
			projectId: DEMO.websiteProjectId,
			name: 'Homepage mockup.png',
			contentType: 'image/png',
			clientVisible: true,
			daysAgo: 3,
			by: DEMO.memberUserId,
			bytes: await samplePng(160, 100, [67, 56, 202], [15, 118, 110])
		},
		{
			id: DEMO_FILES.websiteInternalNotes,
			workspaceId: d,
			clientId: n,
			projectId: DEMO.websiteProjectId,
			name: 'Internal notes.txt',
			contentType: 'text/plain',
			clientVisible: false,
			daysAgo: 2,
			by: DEMO.ownerUserId,
			bytes: sampleText('Internal: budget is tight, keep the About page copy to one round of changes.\n')
		},
		{
			id: DEMO_FILES.brandGuide,
			workspaceId: d,
			clientId: n,
			projectId: DEMO.brandProjectId,
			name: 'Brand guide.pdf',
			contentType: 'application/pdf',
			clientVisible: true,
			daysAgo: 41,
			by: DEMO.ownerUserId,
			bytes: await samplePdf('Northwind brand guide', [
				'Logo: use the full-colour mark on light backgrounds.',
				'Colours: Northwind blue #1d4ed8, sand #f5e8c7.'
			])
		},
		{
			id: DEMO_FILES.globexSpec,
			workspaceId: d,
			clientId: DEMO.globexId,
			projectId: DEMO.globexProjectId,
			name: 'Globex app spec.pdf',
			contentType: 'application/pdf',
			clientVisible: true,
			daysAgo: 8,
			by: DEMO.ownerUserId,
			bytes: await samplePdf('Globex mobile app: specification', ['Confidential to Globex Corporation.'])
		},
		{
			id: DEMO_FILES.globexInternal,
			workspaceId: d,
			clientId: DEMO.globexId,
			projectId: DEMO.globexProjectId,
			name: 'Globex estimate notes.txt',
			contentType: 'text/plain',
			clientVisible: false,
			daysAgo: 9,
			by: DEMO.ownerUserId,
			bytes: sampleText('Internal estimate: 120 hours, margin 30%.\n')
		},
		{
			id: DEMO_FILES.acmeRouteMap,
			workspaceId: ACME.workspaceId,
			clientId: ACME.roadrunnerId,
			projectId: ACME.projectId,
			name: 'Route map.png',
			contentType: 'image/png',
			clientVisible: true,
			daysAgo: 4,
			by: ACME.ownerUserId,
			bytes: await samplePng(120, 120, [185, 28, 28], [29, 78, 216])
		},
		{
			id: DEMO_FILES.brandClientSketch,
			workspaceId: d,
			clientId: n,
			projectId: DEMO.brandProjectId,
			name: 'Logo sketches.png',
			contentType: 'image/png',
			clientVisible: true,
			daysAgo: 110,
			by: DEMO.caseyContactId,
			fromClient: true,
			bytes: await samplePng(140, 90, [29, 78, 216], [245, 232, 199])
		},
		// Attachments: times are their messages' (seed/threads.ts: 47, 46 and 3 hours ago).
		{
			id: DEMO_FILES.designHeroReference,
			workspaceId: d,
			clientId: n,
			projectId: DEMO.websiteProjectId,
			name: 'Brighter hero reference.png',
			contentType: 'image/png',
			clientVisible: false,
			daysAgo: 47 / 24,
			by: DEMO.caseyContactId,
			fromClient: true,
			message: { threadId: THREADS.designId, seq: 2 },
			bytes: await samplePng(160, 90, [251, 191, 36], [254, 243, 199])
		},
		{
			id: DEMO_FILES.designLicenceQuote,
			workspaceId: d,
			clientId: n,
			projectId: DEMO.websiteProjectId,
			name: 'Photo licence quote.pdf',
			contentType: 'application/pdf',
			clientVisible: false,
			daysAgo: 46 / 24,
			by: DEMO.memberUserId,
			message: { threadId: THREADS.designId, seq: 3 },
			bytes: await samplePdf('Photo licence quote', [
				'Hero photo, extended web licence: $80.',
				'Internal: not shown to the client.'
			])
		},
		{
			id: DEMO_FILES.designV2,
			workspaceId: d,
			clientId: n,
			projectId: DEMO.websiteProjectId,
			name: 'Homepage v2.pdf',
			contentType: 'application/pdf',
			clientVisible: false,
			daysAgo: 3 / 24,
			by: DEMO.ownerUserId,
			message: { threadId: THREADS.designId, seq: 6 },
			bytes: await samplePdf('Homepage, version 2', ['Brighter hero image.', 'Contact button moved into the header.'])
		}
	];
	await Promise.all(
		list.map((f) =>
			services.storage.put(storageKeyOf(f.workspaceId, f.id), f.bytes, {
				contentType: f.contentType,
				size: f.bytes.byteLength
			})
		)
	);
	return insertChunks(
		db,
		files,
		list.map((f) => ({
			id: f.id,
			workspaceId: f.workspaceId,
			clientId: f.clientId,
			projectId: f.projectId,
			name: f.name,
			storageKey: storageKeyOf(f.workspaceId, f.id),
			contentType: f.contentType,
			sizeBytes: f.bytes.byteLength,
			clientVisible: f.clientVisible,
			uploadedByUserId: f.fromClient ? null : f.by,
			uploadedByContactId: f.fromClient ? f.by : null,
			threadId: f.message?.threadId ?? null,
			messageId: f.message ? `${f.message.threadId.replace('thr_', 'msg_')}_${f.message.seq}` : null,
			// Demo uploads are old news: the cron does not email staff about them.
			staffNotifiedAt: f.fromClient && !f.message ? now - Math.round(f.daysAgo * day) : null,
			createdAt: now - Math.round(f.daysAgo * day),
			updatedAt: now - Math.round(f.daysAgo * day)
		}))
	);
}
