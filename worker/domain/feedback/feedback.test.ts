import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, feedbackRequests, feedbackResponses, projects } from '../../../db/schema';
import { ACME, DEMO, emailsTo, scopes, seed, testServices, type TestServices } from '../../../tests/helpers';
import { getEmailPrefs } from '../notifications/get-email-prefs';
import { updateEmailPrefs } from '../notifications/update-email-prefs';
import { closeFeedbackRequest } from './close-feedback-request';
import { feedbackOverview } from './feedback-overview';
import { getProjectFeedback } from './get-project-feedback';
import { requestFeedback } from './request-feedback';
import { submitFeedback } from './submit-feedback';

/** The seeded Brand refresh request already has an answer; these tests start from a fresh, unanswered one. */
async function freshRequest(services: TestServices) {
	await services.db.delete(feedbackResponses);
	await services.db.delete(feedbackRequests);
	const { demoOwner } = await scopes(services);
	return (await requestFeedback({ ...demoOwner, projectId: DEMO.brandProjectId })).requestId;
}

describe('feedback', () => {
	it('asks for feedback on a completed project only, once while a request is open, and emails the client with the portal link', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		await expect(requestFeedback({ ...demoOwner, projectId: DEMO.websiteProjectId })).rejects.toMatchObject({
			code: 'conflict',
			message: expect.stringMatching(/complete/)
		});
		const requestId = await freshRequest(services);
		await expect(requestFeedback({ ...demoOwner, projectId: DEMO.brandProjectId })).rejects.toMatchObject({
			code: 'conflict',
			message: expect.stringMatching(/already open/)
		});
		expect(await services.db.select().from(feedbackRequests)).toEqual([
			expect.objectContaining({ id: requestId, status: 'open', clientId: DEMO.northwindId })
		]);
		const [mail] = await emailsTo(services, DEMO.caseyEmail);
		expect(mail.subject).toBe('How did we do on Brand refresh?');
		expect(mail.text).toContain(`http://demo.localhost:8787/projects/${DEMO.brandProjectId}/feedback`);
		// The branded footer carries the portal address in every client email.
		expect(mail.html).toContain('http://demo.localhost:8787/');
		expect(await emailsTo(services, DEMO.oscarEmail)).toEqual([]);
	});

	it('creates one request when staff click twice at once', async () => {
		const services = await seed(testServices());
		await services.db.delete(feedbackRequests);
		const { demoOwner } = await scopes(services);
		const requested = async () =>
			(await services.db.select().from(activity).where(eq(activity.verb, 'feedback.requested'))).length;
		const before = await requested();
		const results = await Promise.allSettled(
			Array.from({ length: 5 }, () => requestFeedback({ ...demoOwner, projectId: DEMO.brandProjectId }))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(await services.db.select().from(feedbackRequests)).toHaveLength(1);
		expect(await requested()).toBe(before + 1);
	});

	it('takes one response per request, editable until staff close it, then refused', async () => {
		const services = await seed(testServices());
		const { casey, demoOwner } = await scopes(services);
		const requestId = await freshRequest(services);
		await submitFeedback({ ...casey, requestId, input: { rating: '5', comment: 'Lovely work' } });
		await submitFeedback({ ...casey, requestId, input: { rating: '4', comment: '  Good, a bit late  ' } });
		expect(await services.db.select().from(feedbackResponses)).toEqual([
			expect.objectContaining({ requestId, rating: 4, comment: 'Good, a bit late', contactId: DEMO.caseyContactId })
		]);

		expect(await closeFeedbackRequest({ ...demoOwner, requestId })).toEqual({ closed: true });
		expect(await closeFeedbackRequest({ ...demoOwner, requestId })).toEqual({ closed: false });
		await expect(submitFeedback({ ...casey, requestId, input: { rating: '1' } })).rejects.toMatchObject({
			code: 'conflict',
			message: expect.stringMatching(/closed/)
		});
		expect((await services.db.select().from(feedbackResponses))[0].rating).toBe(4);

		const verbs = (
			await services.db
				.select({ verb: activity.verb, projectId: activity.projectId })
				.from(activity)
				.where(eq(activity.subjectId, requestId))
		)
			.map((r) => r.verb)
			.sort();
		expect(verbs).toEqual(['feedback.closed', 'feedback.requested', 'feedback.submitted', 'feedback.updated']);
		const feed = await services.db.select().from(activity).where(eq(activity.verb, 'feedback.submitted'));
		expect(feed[0]).toMatchObject({
			projectId: DEMO.brandProjectId,
			clientId: DEMO.northwindId,
			summary: 'Casey Client rated Brand refresh: 5 stars'
		});
		await services.settle();
		expect((await emailsTo(services, DEMO.ownerEmail)).map((m) => m.subject).sort()).toEqual([
			'Casey Client rated Brand refresh: 5 stars',
			'Casey Client updated their rating of Brand refresh: 4 stars'
		]);
	});

	it('emails only the staff who want feedback emails', async () => {
		const services = await seed(testServices());
		const { casey, demoOwner } = await scopes(services);
		await updateEmailPrefs({ ...demoOwner, input: { topics: ['messages', 'leads'] } });
		const requestId = await freshRequest(services);
		await submitFeedback({ ...casey, requestId, input: { rating: '5' } });
		await services.settle();
		expect(await emailsTo(services, DEMO.ownerEmail)).toEqual([]);
		expect((await emailsTo(services, DEMO.memberEmail)).map((m) => m.subject)).toEqual([
			'Casey Client rated Brand refresh: 5 stars'
		]);
		expect((await getEmailPrefs(demoOwner)).topics.filter((t) => t.enabled).map((t) => t.topic)).toEqual([
			'messages',
			'leads'
		]);
	});

	it('validates the rating and comment with field messages', async () => {
		const services = await seed(testServices());
		const { casey } = await scopes(services);
		const requestId = await freshRequest(services);
		for (const rating of ['', '0', '6', '3.5', 'five']) {
			await expect(submitFeedback({ ...casey, requestId, input: { rating } })).rejects.toMatchObject({
				code: 'validation_failed',
				fields: { rating: 'Choose a rating from 1 to 5 stars.' }
			});
		}
		await expect(
			submitFeedback({ ...casey, requestId, input: { rating: '3', comment: 'x'.repeat(2001) } })
		).rejects.toMatchObject({ fields: { comment: expect.any(String) } });
		expect(await services.db.select().from(feedbackResponses)).toEqual([]);
	});

	it("does not let a client rate another client's project, or staff rate at all", async () => {
		const services = await seed(testServices());
		const { oscar, acmeClient, demoOwner, anonymousDemo } = await scopes(services);
		const requestId = await freshRequest(services);
		await expect(submitFeedback({ ...oscar, requestId, input: { rating: '1' } })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(submitFeedback({ ...acmeClient, requestId, input: { rating: '1' } })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(submitFeedback({ ...demoOwner, requestId, input: { rating: '1' } })).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(submitFeedback({ ...anonymousDemo, requestId, input: { rating: '1' } })).rejects.toMatchObject({
			code: 'unauthenticated'
		});
		await expect(getProjectFeedback({ ...oscar, projectId: DEMO.brandProjectId })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(closeFeedbackRequest({ ...oscar, requestId })).rejects.toMatchObject({ code: 'forbidden' });
		expect(await services.db.select().from(feedbackResponses)).toEqual([]);
	});

	it('keeps staff of another workspace out of the requests and the overview', async () => {
		const services = await seed(testServices());
		const { acmeOwner } = await scopes(services);
		const requestId = await freshRequest(services);
		await expect(requestFeedback({ ...acmeOwner, projectId: DEMO.brandProjectId })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(closeFeedbackRequest({ ...acmeOwner, requestId })).rejects.toMatchObject({ code: 'not_found' });
		expect((await feedbackOverview(acmeOwner)).count).toBe(0);
		expect(ACME.workspaceId).not.toBe(DEMO.workspaceId);
	});

	it('shows the client the open request and their answer on the project', async () => {
		const services = await seed(testServices());
		const { casey } = await scopes(services);
		const requestId = await freshRequest(services);
		expect(await getProjectFeedback({ ...casey, projectId: DEMO.brandProjectId })).toMatchObject({
			current: { id: requestId, status: 'open', response: null }
		});
		await submitFeedback({ ...casey, requestId, input: { rating: 3, comment: 'OK' } });
		await services.settle();
		expect(await getProjectFeedback({ ...casey, projectId: DEMO.brandProjectId })).toMatchObject({
			current: { id: requestId, response: { rating: 3, comment: 'OK', contactName: 'Casey Client' } },
			canRequest: false
		});
	});

	it('averages ratings across the workspace with the newest comments first', async () => {
		const services = await seed(testServices());
		const { casey, demoOwner } = await scopes(services);
		const first = await freshRequest(services);
		await submitFeedback({ ...casey, requestId: first, input: { rating: 5, comment: 'Great' } });
		await closeFeedbackRequest({ ...demoOwner, requestId: first });
		// A second round on the same project (e.g. after a follow-up).
		await services.db.update(projects).set({ status: 'complete' }).where(eq(projects.id, DEMO.brandProjectId));
		const second = (await requestFeedback({ ...demoOwner, projectId: DEMO.brandProjectId })).requestId;
		await submitFeedback({ ...casey, requestId: second, input: { rating: 2, comment: 'Slower this time' } });
		await services.settle();
		const overview = await feedbackOverview(demoOwner);
		expect(overview).toMatchObject({ count: 2, averageTenths: 35 });
		expect(overview.distribution.find((d) => d.stars === 5)?.count).toBe(1);
		expect(overview.recent.items.map((r) => r.comment)).toEqual(['Slower this time', 'Great']);
		expect(overview.recent.items[0]).toMatchObject({
			projectName: 'Brand refresh',
			clientName: 'Northwind Traders',
			contactName: 'Casey Client'
		});
	});
});
