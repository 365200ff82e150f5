import type { Env } from './env';
import { buildServices, type Services } from './services';
import { readConfig } from './services/config';
import { allShards } from './services/shards';
import { retryFailedEmails } from './services/mail/mailer';
import { abandonStalePayments } from './domain/payments/abandon-stale-payments';
import { chargeAutopay } from './domain/payments/autopay/charge-autopay';
import { remindOverdueInvoices } from './domain/invoices/remind-overdue-invoices';
import { expireQuotes } from './domain/quotes/expire-quotes';
import { generateRecurringInvoices } from './domain/recurring/generate-recurring-invoices';
import { sendDueThreadNotifications } from './domain/threads/send-thread-notifications';
import { notifyClientUploads } from './domain/files/notify-client-uploads';
import { removeStaleAttachments } from './domain/threads/remove-stale-attachments';
import { refreshPendingCustomDomains } from './domain/custom-domains/refresh-custom-domains';

/**
 * Cron (every minute). Every job is idempotent (conditional updates, idempotency
 * keys), so overlapping or repeated runs are harmless; one failing job does not
 * stop the others.
 *   - retry failed emails from the email log;
 *   - send the batched "new messages" emails whose window has passed;
 *   - email staff about files clients uploaded (one email per project and burst);
 *   - remove message attachments uploaded a day ago whose message was never sent;
 *   - store `expired` on open quotes past their expiry date (with an activity entry and
 *     one email per workspace to staff who keep quote emails on);
 *   - settle Paystack and Stripe checkouts still pending after 24 hours (ask the provider, else abandoned);
 *   - make and send recurring invoices whose period has started, once per period (catching up
 *     after missed runs, never twice: a unique key on schedule + period start);
 *   - email clients about overdue invoices (and overdue instalments of payment schedules), once per
 *     the workspace's cadence (reminders on);
 *   - ask Cloudflare where pending custom domains stand (each at most every 5 minutes).
 * "Overdue" itself is never stored: it is derived when read (domain/invoices/invoice-status.ts).
 */
export async function runScheduled(
	env: Env,
	ctx: Pick<ExecutionContext, 'waitUntil'>,
	_scheduledTime: number
): Promise<void> {
	for (const services of scheduledServices(env, ctx)) await runScheduledJobs(services);
}

/** The cron's services: one per shard (services/shards.ts), each on its primary (buildServices' default placement). */
export function scheduledServices(env: Env, ctx: Pick<ExecutionContext, 'waitUntil'>): Services[] {
	return allShards(readConfig(env).shardDirectory).map((shard) => buildServices(env, ctx, { shard }));
}

export async function runScheduledJobs(services: Services): Promise<Record<string, number | 'failed'>> {
	const jobs: [string, () => Promise<number>][] = [
		[
			'emails retried',
			() =>
				retryFailedEmails({
					db: services.db,
					config: services.config,
					clock: services.clock,
					fetch: services.fetch,
					storage: services.storage
				})
		],
		['thread notifications sent', () => sendDueThreadNotifications({ services })],
		['client upload emails sent', () => notifyClientUploads({ services })],
		['unsent attachments removed', () => removeStaleAttachments({ services })],
		['quotes expired', () => expireQuotes({ services })],
		['stale payments settled', () => abandonStalePayments({ services })],
		['recurring invoices sent', () => generateRecurringInvoices({ services })],
		['autopay charges made', () => chargeAutopay({ services })],
		['overdue invoices reminded', () => remindOverdueInvoices({ services })],
		['custom domains checked', () => refreshPendingCustomDomains(services)]
	];
	const report: Record<string, number | 'failed'> = {};
	for (const [name, job] of jobs) {
		try {
			report[name] = await job();
			if (report[name]) console.log(`scheduled: ${name}: ${report[name]}`);
		} catch (error) {
			report[name] = 'failed';
			console.error(`scheduled: ${name} failed`, error);
		}
	}
	return report;
}
