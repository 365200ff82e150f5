import { eq } from 'drizzle-orm';
import {
	activity,
	feedbackRequests,
	feedbackResponses,
	intakeForms,
	leads,
	workspaces,
	type IntakeField,
	type LeadStage
} from '../../../db/schema';
import { pngLuminance } from '../../domain/branding/logo-pixels';
import { base64ToBytes } from '../../services/crypto';
import { insertChunks } from '../../services/db';
import type { SeedContext } from './context';
import { ACME, DEMO, SETTINGS_DEMO as S } from './ids';

const day = 24 * 60 * 60 * 1000;

/** A 120x40 transparent PNG mark (white ring and bars), drawn for the demo header. */
const DEMO_LOGO_PNG =
	'iVBORw0KGgoAAAANSUhEUgAAAHgAAAAoCAYAAAA16j4lAAAAzUlEQVR42u3aQQ6CMBBAUU7qqT2Fl8CtYYFFZxo6837iThvTJ4bSbpskSZLu1/4lM1QQFXZDXMjFYUE3woW8GG7GZ2f/2FZrCvDMMQAnAEcPHjEe2iDgrIEz/w0AAwZ8NpFn73+8nvvnK3JswMHAVwY9wo5A//Ol0SYBj165o1eydfHN1r6/4F69is08YAEWYMBuslpuMFgmFdox86CjIbBHlYABr3RfYbuwwakVG/6NgR3ZKXLuzKG7xmtjuKDBdkE2cwWxzZAkSZLK9QaslS9G1Ot12AAAAABJRU5ErkJggg==';

/** A 100x30 dark "ACME" wordmark on a transparent background: Acme's portal shows it on a light band, without the name beside it. */
const ACME_LOGO_PNG =
	'iVBORw0KGgoAAAANSUhEUgAAAGQAAAAeCAYAAADaW7vzAAAAiUlEQVR42u3awQnAIAwAQCfpvzN0/7naEYo0ialcwJeiCfcIAccQ/4rjvO6ZlX3/23vR+UTn+zU/IECAAOkMUl1Qdc+LPl/exIEAAQIESBlI9T4QIECAAMkbfHYDaTeZAwECBEgjkN2aevf8gQABAgQIEAUBAQIESHxB2YOWTw5AgAABsg5ErI0HNVNMi6IatbgAAAAASUVORK5CYII=';

const ENQUIRY_FIELDS: IntakeField[] = [
	{ id: 'f_company', label: 'Company', type: 'short_text', required: false },
	{ id: 'f_phone', label: 'Phone', type: 'phone', required: false },
	{
		id: 'f_service',
		label: 'What do you need?',
		type: 'select',
		required: true,
		options: ['Website', 'Branding', 'Mobile app', 'Something else']
	},
	{
		id: 'f_budget',
		label: 'Budget',
		type: 'select',
		required: false,
		options: ['Under $5k', '$5k to $20k', 'Over $20k']
	},
	{ id: 'f_start', label: 'Ideal start date', type: 'date', required: false },
	{ id: 'f_brief', label: 'Tell us about the project', type: 'long_text', required: true },
	{ id: 'f_newsletter', label: 'Send me the occasional newsletter', type: 'checkbox', required: false }
];

/**
 * Settings demo data: the demo logos (R2: Demo Studio's mark, Acme's wordmark), a published intake form and a draft,
 * leads in every stage, an open feedback request with Casey's answer on the
 * completed Brand refresh, and the activity those left behind.
 */
export async function seedSettings({ db, services, now }: SeedContext) {
	// Measured as an upload would be (logo-pixels.ts): Demo Studio's white mark stays on its brand colour,
	// Acme's dark wordmark goes on a light band ("automatic"), and is not repeated by the name.
	const demoLogo = base64ToBytes(DEMO_LOGO_PNG);
	const acmeLogo = base64ToBytes(ACME_LOGO_PNG);
	await services.storage.put(S.demoLogoKey, demoLogo, { contentType: 'image/png' });
	await services.storage.put(S.acmeLogoKey, acmeLogo, { contentType: 'image/png' });
	const [demoLuminance, acmeLuminance] = await Promise.all([pngLuminance(demoLogo), pngLuminance(acmeLogo)]);

	const lead = (
		id: string,
		stage: LeadStage,
		daysAgo: number,
		name: string,
		email: string,
		company: string | null,
		service: string,
		brief: string,
		workspaceId: string = DEMO.workspaceId
	) => ({
		id,
		workspaceId,
		formId: workspaceId === DEMO.workspaceId ? S.intakeFormId : null,
		name,
		email,
		phone: null,
		company,
		stage,
		answers: {
			name: { label: 'Your name', value: name },
			email: { label: 'Email', value: email },
			...(company ? { f_company: { label: 'Company', value: company } } : {}),
			f_service: { label: 'What do you need?', value: service },
			f_brief: { label: 'Tell us about the project', value: brief },
			f_newsletter: { label: 'Send me the occasional newsletter', value: 'No' }
		},
		createdAt: now - daysAgo * day,
		updatedAt: now - Math.max(0, daysAgo - 1) * day
	});
	const event = (
		id: string,
		daysAgo: number,
		verb: string,
		summary: string,
		actor: { kind: 'staff' | 'client' | 'system'; id: string | null; name: string },
		extra: Partial<typeof activity.$inferInsert> = {}
	) => ({
		id,
		workspaceId: DEMO.workspaceId,
		actorKind: actor.kind,
		actorId: actor.id,
		actorName: actor.name,
		verb,
		summary,
		createdAt: now - daysAgo * day,
		...extra
	});
	const olivia = { kind: 'staff' as const, id: DEMO.ownerUserId, name: 'Olivia Owner' };
	const form = { kind: 'system' as const, id: null, name: 'Intake form' };
	const brand = {
		clientId: DEMO.northwindId,
		projectId: DEMO.brandProjectId,
		subjectType: 'feedback_request',
		subjectId: S.feedbackRequestId
	};

	return [
		db
			.update(workspaces)
			.set({ logoKey: S.demoLogoKey, logoContentType: 'image/png', logoLuminance: demoLuminance })
			.where(eq(workspaces.id, DEMO.workspaceId)),
		db
			.update(workspaces)
			.set({ logoKey: S.acmeLogoKey, logoContentType: 'image/png', logoLuminance: acmeLuminance, logoHasName: true })
			.where(eq(workspaces.id, ACME.workspaceId)),
		...insertChunks(db, intakeForms, [
			{
				id: S.intakeFormId,
				workspaceId: DEMO.workspaceId,
				name: 'Project enquiry',
				slug: S.intakeFormSlug,
				description: 'Tell us what you have in mind. We reply within two working days.',
				fields: ENQUIRY_FIELDS,
				status: 'published',
				createdAt: now - 60 * day,
				updatedAt: now - 30 * day
			},
			{
				id: S.draftFormId,
				workspaceId: DEMO.workspaceId,
				name: 'Workshop sign-up',
				slug: 'workshop',
				description: null,
				fields: [{ id: 'f_date', label: 'Preferred date', type: 'date', required: true }],
				status: 'draft',
				createdAt: now - 5 * day,
				updatedAt: now - 5 * day
			},
			{
				id: 'frm_acme_contact',
				workspaceId: ACME.workspaceId,
				name: 'Contact us',
				slug: 'contact',
				description: null,
				fields: [],
				status: 'published',
				createdAt: now - 20 * day,
				updatedAt: now - 20 * day
			}
		]),
		...insertChunks(db, leads, [
			lead(
				S.leadNewId,
				'new',
				1,
				'Priya Patel',
				'priya@patel-bakery.example',
				'Patel Bakery',
				'Website',
				'An online shop for our cakes, with collection slots.'
			),
			lead(
				S.leadNew2Id,
				'new',
				3,
				'Tom Brooks',
				'tom.brooks@example.com',
				null,
				'Branding',
				'I am starting a podcast and need a logo and cover art.'
			),
			lead(
				S.leadContactedId,
				'contacted',
				9,
				'Ana Lima',
				'ana@lima-arch.example',
				'Lima Architects',
				'Website',
				'A portfolio site for our projects.'
			),
			lead(
				S.leadQualifiedId,
				'qualified',
				14,
				'Kwame Mensah',
				'kwame@accra-eats.example',
				'Accra Eats',
				'Mobile app',
				'A food ordering app for three restaurants.'
			),
			lead(
				S.leadWonId,
				'won',
				35,
				'Jo Fischer',
				'jo@fischer-co.example',
				'Fischer & Co',
				'Branding',
				'A refresh of our 20-year-old logo.'
			),
			lead(
				S.leadLostId,
				'lost',
				50,
				'Sam Reed',
				'sam@reed.example',
				'Reed Ltd',
				'Something else',
				'Help with our newsletter.'
			),
			lead(
				S.acmeLeadId,
				'new',
				2,
				'Wile Coyote',
				'wile@desert.example',
				'Desert Supplies',
				'Website',
				'Acme workspace lead.',
				ACME.workspaceId
			)
		]),
		db.insert(feedbackRequests).values({
			id: S.feedbackRequestId,
			workspaceId: DEMO.workspaceId,
			clientId: DEMO.northwindId,
			projectId: DEMO.brandProjectId,
			status: 'open',
			requestedByUserId: DEMO.ownerUserId,
			createdAt: now - 38 * day
		}),
		db.insert(feedbackResponses).values({
			id: S.feedbackResponseId,
			workspaceId: DEMO.workspaceId,
			clientId: DEMO.northwindId,
			projectId: DEMO.brandProjectId,
			requestId: S.feedbackRequestId,
			contactId: DEMO.caseyContactId,
			rating: 5,
			comment: 'The new logo has had so many compliments. Thank you!',
			createdAt: now - 36 * day,
			updatedAt: now - 36 * day
		}),
		...insertChunks(db, activity, [
			event(
				'act_demo_s1',
				60,
				'intake_form.published',
				'Olivia Owner published the intake form "Project enquiry"',
				olivia,
				{ subjectType: 'intake_form', subjectId: S.intakeFormId }
			),
			event('act_demo_s2', 50, 'lead.created', 'New lead Sam Reed (Reed Ltd) from the form "Project enquiry"', form, {
				subjectType: 'lead',
				subjectId: S.leadLostId
			}),
			event(
				'act_demo_s3',
				38,
				'feedback.requested',
				'Olivia Owner asked the client for feedback on Brand refresh',
				olivia,
				brand
			),
			event(
				'act_demo_s4',
				36,
				'feedback.submitted',
				'Casey Client rated Brand refresh: 5 stars',
				{ kind: 'client', id: DEMO.caseyContactId, name: 'Casey Client' },
				brand
			),
			event(
				'act_demo_s5',
				35,
				'lead.created',
				'New lead Jo Fischer (Fischer & Co) from the form "Project enquiry"',
				form,
				{ subjectType: 'lead', subjectId: S.leadWonId }
			),
			event(
				'act_demo_s6',
				14,
				'lead.created',
				'New lead Kwame Mensah (Accra Eats) from the form "Project enquiry"',
				form,
				{ subjectType: 'lead', subjectId: S.leadQualifiedId }
			),
			event('act_demo_s7', 10, 'lead.stage_changed', 'Olivia Owner moved the lead Kwame Mensah to Qualified', olivia, {
				subjectType: 'lead',
				subjectId: S.leadQualifiedId
			}),
			event('act_demo_s8', 3, 'lead.created', 'New lead Tom Brooks from the form "Project enquiry"', form, {
				subjectType: 'lead',
				subjectId: S.leadNew2Id
			}),
			event(
				'act_demo_s9',
				1,
				'lead.created',
				'New lead Priya Patel (Patel Bakery) from the form "Project enquiry"',
				form,
				{ subjectType: 'lead', subjectId: S.leadNewId }
			)
		])
	];
}
