ALTER TABLE `workspaces` ADD `overdue_reminders` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `reminder_cadence_days` integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE `invoices` ADD `last_reminded_at` integer;--> statement-breakpoint
ALTER TABLE `invoices` ADD `reminder_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `invoices_unpaid_due_idx` ON `invoices` (`due_date`) WHERE status in ('sent', 'partially_paid');