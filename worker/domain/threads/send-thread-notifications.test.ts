import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberships, threadNotifications } from '../../../db/schema';
import { THREADS } from '../../dev/seed/ids';
import { DEMO, emailsTo, fixedClock, scopes, seed, testClock, testServices } from '../../../tests/helpers';
import { runScheduled } from '../../scheduled';
import type { Mailer } from '../../services';
import { NOTIFY_BATCH_MS } from './model';
import { postMessage } from './post-message';
import { sendDueThreadNotifications } from './send-thread-notifications';

const threadEmails = async (services: ReturnType<typeof testServices>, to: string) =>
	(await emailsTo(services, to)).filter((m) => m.tag === 'thread-message');

async function setup(opts: { beforeSend?: { hook: (() => Promise<void>) | null } } = {}) {
	const clock = fixedClock();
	const plain = testServices({ clock });
	// The real mailer, with a hook that can run something while an email is being sent.
	const mail: Mailer = {
		async send(email) {
			const hook = opts.beforeSend?.hook;
			if (hook && opts.beforeSend) {
				opts.beforeSend.hook = null;
				await hook();
			}
			return plain.mail.send(email);
		}
	};
	const services = await seed(testServices({ clock, mail }));
	const s = await scopes(services);
	const say = (who: 'casey' | 'owner', body: string, internal = false) =>
		postMessage({
			...(who === 'casey' ? s.casey : s.demoOwner),
			threadId: THREADS.designId,
			input: { body, internal }
		});
	return { services, clock, say, ...s };
}

describe('message notification emails', () => {
	it('batches a burst of client messages into one email per staff member, after the window, without internal notes', async () => {
		const { services, clock, say } = await setup();
		await say('casey', 'First thought: <b>bigger</b> logo?');
		clock.advance(20_000);
		await say('owner', 'INTERNAL: they always want a bigger logo', true);
		await say('casey', 'Second: the footer feels busy.');
		clock.advance(20_000);
		await say('casey', 'Third: see https://northwind.example/brand');

		expect(await sendDueThreadNotifications({ services })).toBe(0);
		expect(await threadEmails(services, DEMO.ownerEmail)).toEqual([]);

		clock.advance(NOTIFY_BATCH_MS);
		expect(await sendDueThreadNotifications({ services })).toBe(1);
		for (const staff of [DEMO.ownerEmail, DEMO.memberEmail]) {
			const mails = await threadEmails(services, staff);
			expect(mails, staff).toHaveLength(1);
			const [mail] = mails;
			expect(mail.subject).toBe('3 new messages from Northwind Traders in "Design feedback"');
			expect(mail.text).toContain('First thought: <b>bigger</b> logo?');
			expect(mail.text).toContain('Second: the footer feels busy.');
			expect(mail.text).toContain('Third: see https://northwind.example/brand');
			expect(mail.text).toContain(
				`http://localhost:8787/projects/${DEMO.websiteProjectId}/threads/${THREADS.designId}`
			);
			expect(mail.html).toContain('&lt;b&gt;bigger&lt;/b&gt;');
			expect(mail.html).not.toContain('<b>bigger</b>');
			for (const part of [mail.text, mail.html, mail.subject]) expect(part).not.toContain('INTERNAL');
		}
		// The client gets nothing about their own messages or about the internal note.
		expect(await threadEmails(services, DEMO.caseyEmail)).toEqual([]);

		expect(await sendDueThreadNotifications({ services })).toBe(0);
		expect(await threadEmails(services, DEMO.ownerEmail)).toHaveLength(1);
	});

	it('emails the client contacts about a staff reply, with a link to their portal, and never about an internal note alone', async () => {
		const { services, clock, say } = await setup();
		await say('owner', 'Only staff should ever read this.', true);
		clock.advance(NOTIFY_BATCH_MS + 1);
		await sendDueThreadNotifications({ services });
		expect(await threadEmails(services, DEMO.caseyEmail)).toEqual([]);

		await say('owner', 'Version 3 is ready for you.');
		clock.advance(NOTIFY_BATCH_MS + 1);
		await sendDueThreadNotifications({ services });
		const [mail, ...more] = await threadEmails(services, DEMO.caseyEmail);
		expect(more).toEqual([]);
		expect(mail.subject).toBe('New message from Demo Studio: Design feedback');
		expect(mail.text).toContain('Olivia Owner');
		expect(mail.text).toContain('Version 3 is ready for you.');
		expect(mail.text).toContain(
			`http://demo.localhost:8787/projects/${DEMO.websiteProjectId}/messages/${THREADS.designId}`
		);
		expect(mail.text + mail.html).not.toContain('Only staff should ever read this.');
		// Nobody at another client hears about it.
		expect(await threadEmails(services, DEMO.oscarEmail)).toEqual([]);
		expect(await threadEmails(services, DEMO.ownerEmail)).toEqual([]);
	});

	it('sends a message that arrives while its batch is being emailed in the next email, not twice and not never', async () => {
		const beforeSend: { hook: (() => Promise<void>) | null } = { hook: null };
		const { services, clock, say } = await setup({ beforeSend });
		await say('casey', 'one');
		clock.advance(NOTIFY_BATCH_MS + 1);
		beforeSend.hook = async () => void (await say('casey', 'two, mid-send'));
		await sendDueThreadNotifications({ services });
		const first = await threadEmails(services, DEMO.ownerEmail);
		expect(first).toHaveLength(1);
		expect(first[0].text).toMatch(/^> one$/m);
		expect(first[0].text).not.toContain('two, mid-send');

		clock.advance(1000);
		await sendDueThreadNotifications({ services });
		const both = await threadEmails(services, DEMO.ownerEmail);
		expect(both).toHaveLength(2);
		expect(both[0].subject).toBe('Northwind Traders wrote in "Design feedback"');
		expect(both[0].text).toContain('two, mid-send');
		expect(both[0].text).not.toMatch(/^> one$/m);
		expect(await services.db.select().from(threadNotifications)).toEqual([]);
	});

	it('sends each batch once even when two runs overlap, and respects a staff member who switched message emails off', async () => {
		const { services, clock, say } = await setup();
		await services.db
			.update(memberships)
			.set({ emailPrefs: { messages: false } })
			.where(eq(memberships.userId, DEMO.memberUserId));
		await say('casey', 'hello team');
		clock.advance(NOTIFY_BATCH_MS + 1);
		await Promise.all([sendDueThreadNotifications({ services }), sendDueThreadNotifications({ services })]);
		expect(await threadEmails(services, DEMO.ownerEmail)).toHaveLength(1);
		expect(await threadEmails(services, DEMO.memberEmail)).toEqual([]);
	});

	it('is sent by the every-minute cron', async () => {
		const clock = fixedClock(testClock.now() - NOTIFY_BATCH_MS - 60_000);
		const services = await seed(testServices({ clock }));
		const { casey } = await scopes(services);
		await postMessage({ ...casey, threadId: THREADS.contentId, input: { body: 'ping from the cron test' } });
		await runScheduled(env, { waitUntil: () => {} }, testClock.now());
		const [mail] = await threadEmails(services, DEMO.ownerEmail);
		expect(mail.text).toContain('ping from the cron test');
	});
});
