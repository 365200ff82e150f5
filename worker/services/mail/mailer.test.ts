import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emailLog } from '../../../db/schema';
import { fakeFetch, hangingFetch, resendResponses } from '../../../tests/fixtures/resend';
import { fixedClock } from '../../../tests/helpers';
import type { Env } from '../../env';
import { buildServices, type ServiceOverrides } from '..';
import { withD1Metrics } from '../d1-metrics';
import { createMailer, retryFailedEmails, MAX_EMAIL_ATTEMPTS } from './mailer';

function servicesWith(vars: Partial<Env>, overrides: ServiceOverrides = {}) {
	return buildServices({ ...env, ...vars } as Env, undefined, overrides);
}

const message = {
	workspaceId: 'ws_demo',
	to: 'client@demo.test',
	subject: 'Hello',
	html: '<p>Hi</p>',
	text: 'Hi',
	tag: 'test',
	fromName: 'Demo "Studio" <x>'
};

describe('mailer', () => {
	it('keeps emails in the dev outbox when no Resend key is set', async () => {
		const outbound = fakeFetch();
		const services = servicesWith({ RESEND_API_KEY: '' }, { fetch: outbound });
		const result = await services.mail.send(message);
		expect(result.status).toBe('outbox');
		expect(outbound.calls).toHaveLength(0);
		const row = await services.db.query.emailLog.findFirst({ where: eq(emailLog.id, result.id) });
		expect(row).toMatchObject({ status: 'outbox', to: 'client@demo.test', subject: 'Hello' });
	});

	it('sends through Resend with the documented request shape and logs the provider id', async () => {
		const outbound = fakeFetch(resendResponses.ok);
		const services = servicesWith(
			{ RESEND_API_KEY: 're_test_key', MAIL_FROM: 'CoPortal <mail@coportal.test>' },
			{ fetch: outbound }
		);
		const attachment = {
			filename: 'signed.pdf',
			contentType: 'application/pdf',
			content: new Uint8Array([37, 80, 68, 70])
		};
		const result = await services.mail.send({ ...message, attachments: [attachment], replyTo: 'owner@demo.test' });
		expect(result.status).toBe('sent');
		expect(outbound.calls).toHaveLength(1);
		const call = outbound.calls[0];
		expect(call.url).toBe('https://api.resend.com/emails');
		expect(call.headers.authorization).toBe('Bearer re_test_key');
		expect(call.headers['idempotency-key']).toBe(result.id);
		expect(call.body).toEqual({
			from: '"Demo Studio x" <mail@coportal.test>',
			to: ['client@demo.test'],
			subject: 'Hello',
			html: '<p>Hi</p>',
			text: 'Hi',
			reply_to: 'owner@demo.test',
			attachments: [{ filename: 'signed.pdf', content: 'JVBERg==' }]
		});
		const row = await services.db.query.emailLog.findFirst({ where: eq(emailLog.id, result.id) });
		expect(row).toMatchObject({ status: 'sent', providerId: '49a3999c-0ce1-4ea6-ab68-afcd6dc2e794', attempts: 1 });
	});

	it('sends with two D1 round trips: the log row, then the outcome (nothing read back)', async () => {
		const outbound = fakeFetch(resendResponses.ok);
		const services = servicesWith({ RESEND_API_KEY: 're_test_key' }, { fetch: outbound });
		const metrics = { roundTrips: 0, statements: 0 };
		const result = await withD1Metrics(metrics, () => services.mail.send(message));
		expect(result.status).toBe('sent');
		expect(metrics.roundTrips).toBe(2);
	});

	it('records a failure for retry when Resend is down, and the scheduled retry delivers it', async () => {
		const clock = fixedClock();
		const outbound = fakeFetch(resendResponses.serverError, resendResponses.ok);
		const services = servicesWith({ RESEND_API_KEY: 're_test_key' }, { fetch: outbound, clock });
		const attachment = { filename: 'a.txt', contentType: 'text/plain', content: new TextEncoder().encode('hello') };
		const result = await services.mail.send({ ...message, attachments: [attachment] });
		expect(result.status).toBe('failed');
		let row = await services.db.query.emailLog.findFirst({ where: eq(emailLog.id, result.id) });
		expect(row).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: clock.now() + 60_000 });
		expect(row!.lastError).toContain('500');

		const deps = { db: services.db, config: services.config, clock, fetch: outbound, storage: services.storage };
		expect(await retryFailedEmails(deps)).toBe(0); // not due yet
		clock.advance(60_000);
		expect(await retryFailedEmails(deps)).toBe(1);
		row = await services.db.query.emailLog.findFirst({ where: eq(emailLog.id, result.id) });
		expect(row).toMatchObject({ status: 'sent', attempts: 2 });
		// The retry re-sent the stored attachment, not an empty email.
		expect((outbound.calls[1].body as { attachments: unknown[] }).attachments).toEqual([
			{ filename: 'a.txt', content: 'aGVsbG8=' }
		]);
	});

	it('does not retry what Resend rejected as invalid', async () => {
		const outbound = fakeFetch(resendResponses.validationError);
		const services = servicesWith({ RESEND_API_KEY: 're_test_key' }, { fetch: outbound });
		const result = await services.mail.send(message);
		const row = await services.db.query.emailLog.findFirst({ where: eq(emailLog.id, result.id) });
		expect(row).toMatchObject({ status: 'failed', nextAttemptAt: null });
	});

	it('gives up after the last attempt', async () => {
		const clock = fixedClock();
		const outbound = fakeFetch(resendResponses.rateLimited);
		const services = servicesWith({ RESEND_API_KEY: 're_test_key' }, { fetch: outbound, clock });
		const result = await services.mail.send(message);
		const deps = { db: services.db, config: services.config, clock, fetch: outbound, storage: services.storage };
		for (let i = 1; i < MAX_EMAIL_ATTEMPTS; i++) {
			clock.advance(60 * 60_000);
			await retryFailedEmails(deps);
		}
		const row = await services.db.query.emailLog.findFirst({ where: eq(emailLog.id, result.id) });
		expect(row).toMatchObject({ status: 'failed', attempts: MAX_EMAIL_ATTEMPTS, nextAttemptAt: null });
		expect(outbound.calls).toHaveLength(MAX_EMAIL_ATTEMPTS);
	});

	it('does not hang when Resend does not answer', async () => {
		const services = servicesWith({ RESEND_API_KEY: 're_test_key' });
		const mailer = createMailer({
			db: services.db,
			config: services.config,
			clock: services.clock,
			fetch: hangingFetch,
			storage: services.storage,
			timeoutMs: 50
		});
		const result = await mailer.send(message);
		expect(result.status).toBe('failed');
		expect(result.error).toContain('timed out');
	});

	it('sends an email once per idempotency key', async () => {
		const services = servicesWith({ RESEND_API_KEY: '' });
		const first = await services.mail.send({ ...message, idempotencyKey: 'invite:1' });
		const second = await services.mail.send({ ...message, idempotencyKey: 'invite:1' });
		expect(first.status).toBe('outbox');
		expect(second.status).toBe('duplicate');
		expect(await services.db.select().from(emailLog)).toHaveLength(1);
	});
});
