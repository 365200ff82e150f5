import { and, eq } from 'drizzle-orm';
import { intakeForms, leads } from '../../../db/schema';
import { newId } from '../../services/ids';
import { activityInsert } from '../activity/record-activity';
import { AppError, notFound } from '../errors';
import { emailStaff } from '../notifications/notify';
import type { Scope } from '../scope';
import { hitRateLimits } from '../security/rate-limit';
import { publicScope } from '../tenancy';
import { sendIntakeConfirmation } from './confirmation-email';
import { BUILT_IN_FIELDS } from './form-definition';
import { validateAnswers } from './validate-answers';

/** The hidden field people never see or fill in; form-filling bots do. */
export const HONEYPOT_FIELD = 'website';
export const INTAKE_LIMIT_PER_IP = 10;
export const INTAKE_WINDOW_MS = 15 * 60 * 1000;

/**
 * Anyone on the portal submits a published form; it becomes a lead in stage
 * "new", staff who want 'leads' emails hear about it, and the submitter gets a
 * confirmation. Spam controls without
 * third parties: a per-IP rate limit (every post counts) and a honeypot field
 * (a filled one gets the same thank-you, and nothing is stored).
 */
export async function submitIntakeForm(
	opts: Scope & { slug: string; input: Record<string, unknown>; ip: string | null }
): Promise<{ ok: true }> {
	const { services, workspace } = opts;
	const db = services.db;
	const [forms, limit] = await Promise.all([
		db
			.select()
			.from(intakeForms)
			.where(and(publicScope(intakeForms, opts), eq(intakeForms.slug, opts.slug), eq(intakeForms.status, 'published')))
			.limit(1),
		hitRateLimits(
			db,
			[
				{
					key: `intake:${workspace.id}:ip:${opts.ip ?? 'unknown'}`,
					limit: INTAKE_LIMIT_PER_IP,
					windowMs: INTAKE_WINDOW_MS
				}
			],
			services.clock.now()
		)
	]);
	const form = forms[0];
	if (!form) throw notFound('That form');
	if (!limit.allowed) {
		const minutes = Math.max(1, Math.ceil(limit.retryAfterSeconds / 60));
		throw new AppError(
			'rate_limited',
			`Too many submissions from your network. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
			{ retryAfterSeconds: limit.retryAfterSeconds }
		);
	}
	const honeypot = opts.input[HONEYPOT_FIELD];
	if (typeof honeypot === 'string' ? honeypot.trim() !== '' : honeypot !== undefined && honeypot !== null)
		return { ok: true };

	const fields = [...BUILT_IN_FIELDS, ...form.fields];
	const { answers, errors } = validateAnswers(fields, opts.input);
	if (Object.keys(errors).length)
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', { fields: errors });

	const phoneField = form.fields.find((f) => f.type === 'phone' && answers[f.id]);
	const companyField = form.fields.find(
		(f) => f.type === 'short_text' && /company|business|organi[sz]ation|brand/i.test(f.label) && answers[f.id]
	);
	const lead = {
		id: newId('lead'),
		name: answers.name.value,
		email: answers.email.value,
		phone: phoneField ? answers[phoneField.id].value : null,
		company: companyField ? answers[companyField.id].value : null
	};
	const now = services.clock.now();
	const source = { ...opts, actor: { kind: 'system' as const, name: 'Intake form' } };
	await db.batch([
		db.insert(leads).values({
			...lead,
			workspaceId: workspace.id,
			formId: form.id,
			stage: 'new',
			answers,
			createdAt: now,
			updatedAt: now
		}),
		activityInsert(source, {
			verb: 'lead.created',
			summary: `New lead ${lead.name}${lead.company ? ` (${lead.company})` : ''} from the form "${form.name}"`,
			subjectType: 'lead',
			subjectId: lead.id
		})
	]);
	// The submitter hears that it arrived (fixed wording: confirmation-email.ts).
	services.defer(() => sendIntakeConfirmation(services, workspace, form, lead.email, lead.id));
	services.defer(
		emailStaff(opts, 'leads', {
			// What a visitor typed stays in the body (quoted as data), never in the subject of an email sent as CoPortal.
			subject: `New lead from your form "${form.name}"`,
			tag: 'lead',
			replyTo: lead.email,
			content: {
				heading: `New lead from "${form.name}"`,
				paragraphs: [`${lead.name} (${lead.email}) filled in your intake form.`],
				quote:
					fields
						.filter((f) => answers[f.id] && f.id !== 'name' && f.id !== 'email')
						.map((f) => `${f.label}: ${answers[f.id].value}`)
						.join('\n') || undefined,
				button: { label: 'Open the lead', url: services.urls.app(`/leads/${lead.id}`) }
			}
		})
	);
	return { ok: true };
}
