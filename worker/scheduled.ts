import type { Env } from './env';
import { buildServices } from './services';
import { retryFailedEmails } from './services/mail/mailer';
import { sendDueThreadNotifications } from './domain/threads/send-thread-notifications';

/** Cron (every minute): retry failed emails. Later work adds batched notifications and reminders. */
export async function runScheduled(env: Env, ctx: Pick<ExecutionContext, 'waitUntil'>, _scheduledTime: number): Promise<void> {
	const services = buildServices(env, ctx);
	const retried = await retryFailedEmails({ db: services.db, config: services.config, clock: services.clock, fetch: services.fetch, storage: services.storage });
	if (retried) console.log(`scheduled: retried ${retried} email(s)`);
	const notified = await sendDueThreadNotifications({ services });
	if (notified) console.log(`scheduled: sent ${notified} thread notification(s)`);
}
