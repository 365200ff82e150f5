DROP INDEX `tasks_ws_client_idx`;--> statement-breakpoint
CREATE INDEX `tasks_ws_client_status_idx` ON `tasks` (`workspace_id`,`client_id`,`status`);--> statement-breakpoint
ALTER TABLE `users` ADD `timezone` text;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `onboarding_dismissed_at` integer;--> statement-breakpoint
ALTER TABLE `client_contacts` ADD `timezone` text;--> statement-breakpoint
CREATE INDEX `feedback_requests_ws_client_idx` ON `feedback_requests` (`workspace_id`,`client_id`,`status`);