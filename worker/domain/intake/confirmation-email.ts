import type { Services } from '../../services';
import { renderEmail } from '../../services/mail/layout';
import { brandOf } from '../branding/brand';
import { plainName } from '../names';
import type { Workspace } from '../scope';
import { hitRateLimits } from '../security/rate-limit';

/** At most this many confirmations to one address per day, per workspace: a form cannot be used to flood someone's inbox. */
export const CONFIRMATIONS_PER_ADDRESS_PER_DAY = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * "We received your enquiry", to whoever filled in an intake form. The address was
 * typed by a stranger, so (ARCHITECTURE → Email) the email carries nothing they typed:
 * a fixed subject and fixed wording around the workspace's plain name and the form's
 * name (both written by staff). Capped per address; sent after the response.
 */
export async function sendIntakeConfirmation(
	services: Services,
	workspace: Workspace,
	form: { name: string },
	to: string,
	leadId: string
): Promise<void> {
	const limit = await hitRateLimits(
		services.db,
		[{ key: `intake:${workspace.id}:confirm:${to}`, limit: CONFIRMATIONS_PER_ADDRESS_PER_DAY, windowMs: DAY_MS }],
		services.clock.now()
	);
	if (!limit.allowed) return;
	const workspaceBrand = brandOf(workspace, services.urls);
	const name = plainName(workspaceBrand.name, 'the team');
	const formName = plainName(form.name, 'our intake form');
	const { html, text } = renderEmail(
		// Sent to an address anyone typed: fixed wording, so not the agency's free-text footer either.
		{ ...workspaceBrand, name, footer: null },
		{
			preheader: `${name} has received your enquiry`,
			heading: 'Thank you: we have your enquiry',
			paragraphs: [
				`${name} has received what you sent through "${formName}" and will get back to you soon.`,
				'There is nothing else you need to do for now.'
			],
			footnote:
				"If you didn't fill in this form, someone typed your address: you can ignore this email, and we won't send another about it."
		}
	);
	await services.mail.send({
		workspaceId: workspace.id,
		to,
		subject: 'We received your enquiry',
		html,
		text,
		fromName: plainName(workspaceBrand.senderName, 'Client portal'),
		replyTo: workspaceBrand.replyTo ?? undefined,
		tag: 'intake-confirmation',
		idempotencyKey: `intake-confirmation:${leadId}`
	});
}
