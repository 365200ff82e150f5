DROP INDEX `quotes_status_expires_idx`;--> statement-breakpoint
CREATE INDEX `quotes_open_expires_idx` ON `quotes` (`expires_on`) WHERE status in ('sent', 'viewed', 'changes_requested');--> statement-breakpoint
DROP INDEX `payments_status_created_idx`;--> statement-breakpoint
CREATE INDEX `payments_pending_created_idx` ON `payments` (`created_at`) WHERE status = 'pending';