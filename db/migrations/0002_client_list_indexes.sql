DROP INDEX `projects_ws_client_idx`;--> statement-breakpoint
CREATE INDEX `projects_ws_client_status_idx` ON `projects` (`workspace_id`,`client_id`,`status`);--> statement-breakpoint
CREATE INDEX `quotes_ws_client_number_idx` ON `quotes` (`workspace_id`,`client_id`,`number`);--> statement-breakpoint
CREATE INDEX `invoices_ws_client_number_idx` ON `invoices` (`workspace_id`,`client_id`,`number`);