import { describe, expect, it } from 'vitest';
import { SETTINGS_DEMO } from '../dev/seed/ids';
import { DEMO, emailsTo, eventually, hosts, request, seed, sessionCookie, testServices } from '../../tests/helpers';

const PNG = Uint8Array.from(
	atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
	(c) => c.charCodeAt(0)
);

describe('settings area API', () => {
	it('takes intake submissions as JSON with the one error shape', async () => {
		const services = await seed(testServices());
		const path = `/api/public/forms/${SETTINGS_DEMO.intakeFormSlug}`;
		const form = await request(hosts.demo, path);
		expect(await form.json()).toMatchObject({
			name: 'Project enquiry',
			fields: expect.arrayContaining([expect.objectContaining({ id: 'email', required: true })])
		});
		const bad = await request(hosts.demo, path, { json: { name: 'Api Person' } });
		expect(bad.status).toBe(422);
		expect(await bad.json()).toEqual({
			error: {
				code: 'validation_failed',
				message: expect.any(String),
				fields: expect.objectContaining({
					email: expect.any(String),
					f_service: expect.any(String),
					f_brief: expect.any(String)
				})
			}
		});
		const ok = await request(hosts.demo, path, {
			json: { name: 'Api Person', email: 'api@person.test', f_service: 'Branding', f_brief: 'Via the API' }
		});
		expect(ok.status).toBe(201);
		await eventually(async () =>
			expect((await emailsTo(services, DEMO.ownerEmail)).map((m) => m.subject)).toContain(
				'New lead from your form "Project enquiry"'
			)
		);
	});

	it('uploads a logo as the raw body, checking the bytes', async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const svg = await request(hosts.dashboard, '/api/settings/branding/logo', {
			method: 'PUT',
			cookie,
			body: '<svg/>',
			headers: { 'content-type': 'image/png' }
		});
		expect(svg.status).toBe(415);
		expect(await svg.json()).toMatchObject({
			error: { code: 'unsupported_media_type', fields: { logo: expect.stringMatching(/SVG/) } }
		});
		const png = await request(hosts.dashboard, '/api/settings/branding/logo', {
			method: 'PUT',
			cookie,
			body: PNG,
			headers: { 'content-type': 'image/png' }
		});
		expect(png.status).toBe(200);
		const branding = (await (await request(hosts.dashboard, '/api/settings/branding', { cookie })).json()) as {
			brand: { logoUrl: string };
		};
		expect(branding.brand.logoUrl).toMatch(/^http:\/\/demo\.localhost:8787\/branding\/logo\?v=\d+$/);
	});

	it('refuses to remove the last owner with a conflict, and moves and converts leads', async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const last = await request(hosts.dashboard, '/api/settings/team/mem_demo_owner', { method: 'DELETE', cookie });
		expect(last.status).toBe(409);
		expect(await last.json()).toMatchObject({
			error: { code: 'conflict', message: expect.stringMatching(/at least one owner/) }
		});
		const moved = await request(hosts.dashboard, `/api/leads/${SETTINGS_DEMO.leadQualifiedId}`, {
			method: 'PATCH',
			cookie,
			json: { stage: 'won' }
		});
		expect(await moved.json()).toEqual({ stage: 'won', changed: true });
		const converted = await request(hosts.dashboard, `/api/leads/${SETTINGS_DEMO.leadQualifiedId}/convert`, {
			cookie,
			json: {}
		});
		expect(converted.status).toBe(201);
		expect(await converted.json()).toMatchObject({ clientName: 'Accra Eats' });
		const pipeline = (await (await request(hosts.dashboard, '/api/leads/pipeline', { cookie })).json()) as {
			stage: string;
			count: number;
		}[];
		expect(pipeline.find((c) => c.stage === 'won')?.count).toBe(2);
	});

	it('creates a workspace from the sign-up API only on the dashboard host', async () => {
		const services = await seed(testServices());
		const onPortal = await request(hosts.demo, '/api/signup', {
			json: { workspaceName: 'X', slug: 'x-studio', name: 'X', email: 'x@x.test' }
		});
		expect(onPortal.status).toBe(404);
		const asked = await request(hosts.dashboard, '/api/signup', {
			json: { workspaceName: 'Api Studio', slug: 'api-studio', name: 'Ann', email: 'ann@api.test' }
		});
		expect(asked.status).toBe(202);
		const [mail] = await eventually(async () => {
			const list = await emailsTo(services, 'ann@api.test');
			expect(list).toHaveLength(1);
			return list;
		});
		const token = /token=([\w-]+)/.exec(mail.text)![1];
		const created = await request(hosts.dashboard, '/api/signup/confirm', { json: { token } });
		expect(created.status).toBe(201);
		expect(created.headers.get('set-cookie')).toMatch(/^cp_session=/);
		const again = await request(hosts.dashboard, '/api/signup/confirm', { json: { token } });
		expect(again.status).toBe(410);
	});
});
