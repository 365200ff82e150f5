import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, intakeForms, leads } from '../../../db/schema';
import {
	DEMO,
	inDays,
	emailsTo,
	fixedClock,
	scopes,
	seed,
	testServices,
	type TestServices
} from '../../../tests/helpers';
import type { Scope } from '../scope';
import { createIntakeForm } from './create-intake-form';
import { formDefinitionFromBuilder } from './form-definition';
import { getPublicIntakeForm } from './get-public-intake-form';
import { setIntakeFormStatus } from './set-intake-form-status';
import { HONEYPOT_FIELD, INTAKE_LIMIT_PER_IP, submitIntakeForm } from './submit-intake-form';
import { updateIntakeForm } from './update-intake-form';

const FIELDS = [
	{ id: 'f_company', label: 'Company', type: 'short_text', required: false },
	{ id: 'f_phone', label: 'Phone', type: 'phone', required: false },
	{ id: 'f_budget', label: 'Budget', type: 'select', required: true, options: ['Under $5k', '$5k-$20k', 'Over $20k'] },
	{ id: 'f_start', label: 'Start date', type: 'date', required: false },
	{ id: 'f_brief', label: 'About the project', type: 'long_text', required: true },
	{ id: 'f_terms', label: 'I agree to be contacted', type: 'checkbox', required: true }
];

const START = inDays(40);
const GOOD = {
	name: 'Pat Prospect',
	email: 'Pat@Prospect.test',
	f_company: 'Prospect Ltd',
	f_phone: '+44 20 7946 0958',
	f_budget: '$5k-$20k',
	f_start: START,
	f_brief: 'A new shop.',
	f_terms: 'on'
};

async function publishedForm(services: TestServices, owner: Scope) {
	const { id, slug } = await createIntakeForm({ ...owner, input: { name: 'Website brief' } });
	await updateIntakeForm({
		...owner,
		formId: id,
		input: { name: 'Website brief', slug, description: 'Tell us about it', fields: FIELDS }
	});
	await setIntakeFormStatus({ ...owner, formId: id, input: { status: 'published' } });
	return { id, slug };
}

describe('intake forms', () => {
	it('builds a form: slug from the name, fields in order, drafts hidden from the portal until published', async () => {
		const services = await seed(testServices());
		const { demoOwner, anonymousDemo } = await scopes(services);
		const { id, slug } = await createIntakeForm({ ...demoOwner, input: { name: 'Website Brief!' } });
		expect(slug).toBe('website-brief');
		expect((await createIntakeForm({ ...demoOwner, input: { name: 'Website brief' } })).slug).toBe('website-brief-2');
		await updateIntakeForm({ ...demoOwner, formId: id, input: { name: 'Website brief', slug, fields: FIELDS } });
		await expect(getPublicIntakeForm({ ...anonymousDemo, slug })).rejects.toMatchObject({ code: 'not_found' });
		await setIntakeFormStatus({ ...demoOwner, formId: id, input: { status: 'published' } });
		const form = await getPublicIntakeForm({ ...anonymousDemo, slug });
		expect(form.fields.map((f) => f.id)).toEqual(['name', 'email', ...FIELDS.map((f) => f.id)]);
		await setIntakeFormStatus({ ...demoOwner, formId: id, input: { status: 'draft' } });
		await expect(getPublicIntakeForm({ ...anonymousDemo, slug })).rejects.toMatchObject({ code: 'not_found' });
	});

	it('validates the form definition with messages per field', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const { id } = await createIntakeForm({ ...demoOwner, input: { name: 'Enquiry' } });
		await expect(
			updateIntakeForm({
				...demoOwner,
				formId: id,
				input: {
					name: '',
					slug: 'Bad Slug',
					fields: [
						{ id: 'f_aaaa', label: '', type: 'short_text' },
						{ id: 'f_bbbb', label: 'Pick', type: 'select', options: 'only one' },
						{ id: 'f_cccc', label: 'X', type: 'colour' }
					]
				}
			})
		).rejects.toMatchObject({
			code: 'validation_failed',
			fields: {
				name: expect.any(String),
				slug: expect.any(String),
				'fields.0.label': 'Give the field a label.',
				'fields.1.options': expect.stringMatching(/two options/),
				'fields.2.type': expect.any(String)
			}
		});
		const other = await createIntakeForm({ ...demoOwner, input: { name: 'Other' } });
		await expect(
			updateIntakeForm({ ...demoOwner, formId: other.id, input: { name: 'Other', slug: 'enquiry' } })
		).rejects.toMatchObject({ fields: { slug: expect.stringMatching(/Another form/) } });
	});

	it('applies the builder buttons (add, move, remove) and keeps every typed value', () => {
		const values = {
			name: 'Form',
			slug: 'form',
			'fields.0.id': 'f_aaaa',
			'fields.0.label': 'First (edited)',
			'fields.0.type': 'short_text',
			'fields.1.id': 'f_bbbb',
			'fields.1.label': 'Second',
			'fields.1.type': 'select',
			'fields.1.options': 'A\nB\n\nB',
			'fields.1.required': 'on'
		};
		const up = formDefinitionFromBuilder({ ...values, intent: 'up:1' }).definition.fields as {
			id: string;
			label: string;
		}[];
		expect(up.map((f) => f.id)).toEqual(['f_bbbb', 'f_aaaa']);
		expect(up[1].label).toBe('First (edited)');
		const removed = formDefinitionFromBuilder({ ...values, intent: 'remove:0' }).definition.fields as { id: string }[];
		expect(removed.map((f) => f.id)).toEqual(['f_bbbb']);
		const added = formDefinitionFromBuilder({ ...values, intent: 'add', newLabel: 'When?', newType: 'date' }).definition
			.fields as { id: string; type: string; label: string }[];
		expect(added).toHaveLength(3);
		expect(added[2]).toMatchObject({ label: 'When?', type: 'date', id: expect.stringMatching(/^f_[a-z0-9]{6}$/) });
	});
});

describe('intake submissions', () => {
	it('turns a valid submission into a new lead, records it and emails staff', async () => {
		const services = await seed(testServices());
		const { demoOwner, anonymousDemo } = await scopes(services);
		const { id, slug } = await publishedForm(services, demoOwner);
		await submitIntakeForm({ ...anonymousDemo, slug, input: GOOD, ip: '198.51.100.1' });
		const [lead] = await services.db.select().from(leads).where(eq(leads.formId, id));
		expect(lead).toMatchObject({
			workspaceId: DEMO.workspaceId,
			stage: 'new',
			name: 'Pat Prospect',
			email: 'pat@prospect.test',
			phone: '+44 20 7946 0958',
			company: 'Prospect Ltd'
		});
		expect(lead.answers).toMatchObject({
			f_budget: { label: 'Budget', value: '$5k-$20k' },
			f_terms: { label: 'I agree to be contacted', value: 'Yes' },
			f_start: { value: START }
		});
		expect(
			await services.db.select({ summary: activity.summary }).from(activity).where(eq(activity.subjectId, lead.id))
		).toEqual([{ summary: 'New lead Pat Prospect (Prospect Ltd) from the form "Website brief"' }]);
		await services.settle();
		const [mail] = await emailsTo(services, DEMO.ownerEmail);
		expect(mail).toMatchObject({ subject: 'New lead from your form "Website brief"', tag: 'lead' });
		expect(mail.text).toContain('Pat Prospect');
		expect(mail.text).toContain(`http://localhost:8787/leads/${lead.id}`);
		expect(mail.text).toContain('Budget: $5k-$20k');
	});

	it('answers every problem at once, per field, and stores nothing', async () => {
		const services = await seed(testServices());
		const { demoOwner, anonymousDemo } = await scopes(services);
		const { slug } = await publishedForm(services, demoOwner);
		const before = (await services.db.select({ id: leads.id }).from(leads)).length;
		const bad = {
			name: '  ',
			email: 'not-an-email',
			f_phone: 'call me',
			f_budget: 'A million',
			f_start: '2027-02-30',
			f_brief: '',
			f_company: 'x'.repeat(201)
		};
		await expect(submitIntakeForm({ ...anonymousDemo, slug, input: bad, ip: null })).rejects.toMatchObject({
			code: 'validation_failed',
			fields: {
				name: 'Please fill in this field.',
				email: expect.stringMatching(/valid email/),
				f_phone: expect.stringMatching(/phone number/),
				f_budget: 'Please choose one of the options.',
				f_start: expect.stringMatching(/date like/),
				f_brief: 'Please fill in this field.',
				f_terms: 'Please tick this box to continue.',
				f_company: expect.stringMatching(/under 200/)
			}
		});
		expect(await services.db.select({ id: leads.id }).from(leads)).toHaveLength(before);
	});

	it('quietly drops a submission whose honeypot is filled', async () => {
		const services = await seed(testServices());
		const { demoOwner, anonymousDemo } = await scopes(services);
		const { id, slug } = await publishedForm(services, demoOwner);
		expect(
			await submitIntakeForm({
				...anonymousDemo,
				slug,
				input: { ...GOOD, [HONEYPOT_FIELD]: 'http://spam.example' },
				ip: '198.51.100.2'
			})
		).toEqual({ ok: true });
		await services.settle();
		expect(await services.db.select().from(leads).where(eq(leads.formId, id))).toEqual([]);
		expect(await emailsTo(services, DEMO.ownerEmail)).toEqual([]);
	});

	it('rate limits submissions per IP, and lets the IP in again after the window', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const { demoOwner, anonymousDemo } = await scopes(services);
		const { id, slug } = await publishedForm(services, demoOwner);
		for (let i = 0; i < INTAKE_LIMIT_PER_IP; i++)
			await submitIntakeForm({ ...anonymousDemo, slug, input: { ...GOOD, email: `p${i}@x.test` }, ip: '192.0.2.50' });
		await expect(submitIntakeForm({ ...anonymousDemo, slug, input: GOOD, ip: '192.0.2.50' })).rejects.toMatchObject({
			code: 'rate_limited',
			retryAfterSeconds: expect.any(Number)
		});
		await expect(submitIntakeForm({ ...anonymousDemo, slug, input: GOOD, ip: '192.0.2.51' })).resolves.toEqual({
			ok: true
		});
		clock.advance(16 * 60 * 1000);
		await expect(submitIntakeForm({ ...anonymousDemo, slug, input: GOOD, ip: '192.0.2.50' })).resolves.toEqual({
			ok: true
		});
		expect(await services.db.select().from(leads).where(eq(leads.formId, id))).toHaveLength(INTAKE_LIMIT_PER_IP + 2);
		await services.settle();
	});

	it("does not take submissions for another workspace's form or an unpublished one", async () => {
		const services = await seed(testServices());
		const { demoOwner, acme } = await scopes(services);
		const { id, slug } = await publishedForm(services, demoOwner);
		await expect(
			submitIntakeForm({ services, workspace: acme, actor: { kind: 'anonymous' }, slug, input: GOOD, ip: null })
		).rejects.toMatchObject({ code: 'not_found' });
		await services.db.update(intakeForms).set({ status: 'archived' }).where(eq(intakeForms.id, id));
		await expect(
			submitIntakeForm({
				services,
				workspace: (await scopes(services)).demo,
				actor: { kind: 'anonymous' },
				slug,
				input: GOOD,
				ip: null
			})
		).rejects.toMatchObject({ code: 'not_found' });
	});

	it('keeps intake form management to staff of the workspace', async () => {
		const services = await seed(testServices());
		const { demoOwner, acmeOwner, casey } = await scopes(services);
		const { id } = await createIntakeForm({ ...demoOwner, input: { name: 'Private' } });
		await expect(createIntakeForm({ ...casey, input: { name: 'X' } })).rejects.toMatchObject({ code: 'forbidden' });
		await expect(
			updateIntakeForm({ ...acmeOwner, formId: id, input: { name: 'Hijack', slug: 'hijack' } })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			setIntakeFormStatus({ ...acmeOwner, formId: id, input: { status: 'published' } })
		).rejects.toMatchObject({ code: 'not_found' });
	});
});
