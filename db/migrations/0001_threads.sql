CREATE TABLE `thread_notifications` (
	`thread_id` text NOT NULL,
	`audience` text NOT NULL,
	`workspace_id` text NOT NULL,
	`client_id` text NOT NULL,
	`from_seq` integer NOT NULL,
	`upto_seq` integer NOT NULL,
	`due_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`thread_id`, `audience`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `thread_notifications_due_idx` ON `thread_notifications` (`due_at`);