import { files } from '../../../db/schema';
import { insertChunks } from '../../services/db';
import { storageKeyOf } from '../../domain/files/upload-file';
import type { SeedContext } from './context';
import { ACME, DEMO, DEMO_FILES } from './ids';
import { samplePdf, samplePng, sampleText } from './sample-files';

const day = 24 * 60 * 60 * 1000;

type SeedFile = { id: string; workspaceId: string; clientId: string; projectId: string; name: string; contentType: string; bytes: Uint8Array; clientVisible: boolean; daysAgo: number; by: string };

/**
 * Real small files (a PDF, PNGs, text) on demo projects of both demo clients and
 * the Acme workspace; some shared with the client, some internal. The bytes go
 * to R2 first, then the rows are returned for the seed batch.
 */
export async function seedFiles({ db, services, now }: SeedContext) {
	const d = DEMO.workspaceId;
	const n = DEMO.northwindId;
	const list: SeedFile[] = [
		{ id: DEMO_FILES.websiteBrief, workspaceId: d, clientId: n, projectId: DEMO.websiteProjectId, name: 'Project brief.pdf', contentType: 'application/pdf', clientVisible: true, daysAgo: 28, by: DEMO.ownerUserId,
			bytes: await samplePdf('Website redesign: project brief', ['Goals: a faster, clearer marketing site that turns visitors into enquiries.', 'Scope: research, sitemap, design of 6 templates, build, launch.', 'Timeline: 10 weeks from kick-off.']) },
		{ id: DEMO_FILES.websiteMockup, workspaceId: d, clientId: n, projectId: DEMO.websiteProjectId, name: 'Homepage mockup.png', contentType: 'image/png', clientVisible: true, daysAgo: 3, by: DEMO.memberUserId,
			bytes: await samplePng(160, 100, [67, 56, 202], [15, 118, 110]) },
		{ id: DEMO_FILES.websiteInternalNotes, workspaceId: d, clientId: n, projectId: DEMO.websiteProjectId, name: 'Internal notes.txt', contentType: 'text/plain', clientVisible: false, daysAgo: 2, by: DEMO.ownerUserId,
			bytes: sampleText('Internal: budget is tight, keep the About page copy to one round of changes.\n') },
		{ id: DEMO_FILES.brandGuide, workspaceId: d, clientId: n, projectId: DEMO.brandProjectId, name: 'Brand guide.pdf', contentType: 'application/pdf', clientVisible: true, daysAgo: 41, by: DEMO.ownerUserId,
			bytes: await samplePdf('Northwind brand guide', ['Logo: use the full-colour mark on light backgrounds.', 'Colours: Northwind blue #1d4ed8, sand #f5e8c7.']) },
		{ id: DEMO_FILES.globexSpec, workspaceId: d, clientId: DEMO.globexId, projectId: DEMO.globexProjectId, name: 'Globex app spec.pdf', contentType: 'application/pdf', clientVisible: true, daysAgo: 8, by: DEMO.ownerUserId,
			bytes: await samplePdf('Globex mobile app: specification', ['Confidential to Globex Corporation.']) },
		{ id: DEMO_FILES.globexInternal, workspaceId: d, clientId: DEMO.globexId, projectId: DEMO.globexProjectId, name: 'Globex estimate notes.txt', contentType: 'text/plain', clientVisible: false, daysAgo: 9, by: DEMO.ownerUserId,
			bytes: sampleText('Internal estimate: 120 hours, margin 30%.\n') },
		{ id: DEMO_FILES.acmeRouteMap, workspaceId: ACME.workspaceId, clientId: ACME.roadrunnerId, projectId: ACME.projectId, name: 'Route map.png', contentType: 'image/png', clientVisible: true, daysAgo: 4, by: ACME.ownerUserId,
			bytes: await samplePng(120, 120, [185, 28, 28], [29, 78, 216]) }
	];
	await Promise.all(list.map((f) => services.storage.put(storageKeyOf(f.workspaceId, f.id), f.bytes, { contentType: f.contentType, size: f.bytes.byteLength })));
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
			uploadedByUserId: f.by,
			createdAt: now - f.daysAgo * day,
			updatedAt: now - f.daysAgo * day
		}))
	);
}
