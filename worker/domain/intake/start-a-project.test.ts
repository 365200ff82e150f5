import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { clients, intakeForms, leads } from '../../../db/schema';
import { SETTINGS_DEMO } from '../../dev/seed/ids';
import { DEMO, emailsTo, hosts, request, scopes, seed, testServices } from '../../../tests/helpers';
import { convertLead } from '../leads/convert-lead';
import { CONFIRMATIONS_PER_ADDRESS_PER_DAY } from './confirmation-email';
import { listPublicIntakeForms } from './list-public-intake-forms';
import { submitIntakeForm } from './submit-intake-form';

const html = async (res: Response) => (await res.text()).replace(/<!--.*?-->/g, '');
const ANSWERS = {
	name: 'Eve <a href="https://evil.example">Click</a>',
	email: 'eve@yoga.example',
	f_company: 'Eve Yoga',
	f_service: 'Website',
	f_brief: 'URGENT: your account is locked, log in at https://evil.example'
};

describe('a logged-out visitor finds the intake forms and hears back', () => {
	it('the portal sign-in page lists the published forms of this workspace only, under "New here? Start a project"', async () => {
		const services = await seed(testServices());
		const page = await html(await request(hosts.demo, '/login', { headers: { accept: 'text/html' } }));
		expect(page).toContain('New here? Start a project');
		expect(page).toContain(`href="/forms/${SETTINGS_DEMO.intakeFormSlug}"`);
		const { demo, acme } = await scopes(services);
		const listed = await listPublicIntakeForms({ services, workspace: demo });
		expect(listed.map((f) => f.slug)).toEqual([SETTINGS_DEMO.intakeFormSlug]); // the draft form is not listed
		for (const form of await listPublicIntakeForms({ services, workspace: acme }))
			expect(page).not.toContain(`/forms/${form.slug}"`);

		// No published form: no section.
		await services.db
			.update(intakeForms)
			.set({ status: 'archived' })
			.where(eq(intakeForms.workspaceId, DEMO.workspaceId));
		expect(await html(await request(hosts.demo, '/login', { headers: { accept: 'text/html' } }))).not.toContain(
			'Start a project'
		);
	});

	it('a submission gets a confirmation with fixed wording, echoing nothing the visitor typed, capped per address', async () => {
		const services = await seed(testServices());
		const { anonymousDemo } = await scopes(services);
		const form = (await services.db
			.select()
			.from(intakeForms)
			.where(eq(intakeForms.id, SETTINGS_DEMO.intakeFormId))
			.get())!;
		const input = Object.fromEntries(
			Object.entries(ANSWERS).filter(([k]) => k === 'name' || k === 'email' || form.fields.some((f) => f.id === k))
		);
		for (const f of form.fields)
			if (f.required && !(f.id in input))
				input[f.id] = f.type === 'select' ? f.options![0] : f.type === 'checkbox' ? 'on' : 'Something';
		for (let i = 0; i < CONFIRMATIONS_PER_ADDRESS_PER_DAY + 2; i++)
			await submitIntakeForm({ ...anonymousDemo, slug: form.slug, input, ip: `198.51.100.${i}` });
		await services.settle();
		const mails = await emailsTo(services, 'eve@yoga.example');
		expect(mails).toHaveLength(CONFIRMATIONS_PER_ADDRESS_PER_DAY);
		const [mail] = mails;
		expect(mail.subject).toBe('We received your enquiry');
		expect(mail.tag).toBe('intake-confirmation');
		for (const typed of ['Eve', 'evil.example', 'URGENT', 'Eve Yoga', 'locked']) {
			expect(mail.text, typed).not.toContain(typed);
			expect(mail.html, typed).not.toContain(typed);
		}
		expect(mail.text).toContain(`"${form.name}"`);
		expect(mail.text).toContain('Demo Studio');
	});

	it('converting a lead carries its answers into the new client’s notes', async () => {
		const services = await seed(testServices());
		const { anonymousDemo, demoOwner } = await scopes(services);
		const form = (await services.db
			.select()
			.from(intakeForms)
			.where(eq(intakeForms.id, SETTINGS_DEMO.intakeFormId))
			.get())!;
		const input: Record<string, string> = { name: 'Eve Example', email: 'eve2@yoga.example' };
		const typed: Record<string, (label: string) => string> = {
			select: () => '',
			checkbox: () => 'on',
			email: () => 'x@y.example',
			phone: () => '+1 555 0100',
			date: () => '',
			short_text: (l) => `Answer to ${l}`,
			long_text: (l) => `Answer to ${l}`
		};
		for (const f of form.fields) input[f.id] = f.type === 'select' ? f.options![0] : typed[f.type](f.label);
		await submitIntakeForm({ ...anonymousDemo, slug: form.slug, input, ip: '198.51.100.9' });
		const lead = (await services.db.select().from(leads).where(eq(leads.email, 'eve2@yoga.example')).get())!;
		const { clientId } = await convertLead({ ...demoOwner, leadId: lead.id, input: {} });
		const notes = (await services.db
			.select({ notes: clients.notes })
			.from(clients)
			.where(eq(clients.id, clientId))
			.get())!.notes!;
		expect(notes).toContain(`Converted from lead Eve Example (form "${form.name}").`);
		for (const answer of Object.values(lead.answers))
			if (answer.value) expect(notes).toContain(`${answer.label}: ${answer.value}`);
		// The staff client page shows them.
		const owner = (await import('../../../tests/helpers')).sessionCookie;
		const page = await html(
			await request(hosts.dashboard, `/clients/${clientId}`, {
				cookie: await owner(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId })
			})
		);
		expect(page).toContain(`${form.fields[0].label}: `);
	});
});
