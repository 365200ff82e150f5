ALTER TABLE `payments` ADD `reversed_at` integer;--> statement-breakpoint
ALTER TABLE `payments` ADD `reversed_by_user_id` text;