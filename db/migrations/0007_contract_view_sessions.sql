ALTER TABLE `contract_events` ADD `view_count` integer;--> statement-breakpoint
ALTER TABLE `contract_events` ADD `last_viewed_at` integer;--> statement-breakpoint
ALTER TABLE `contracts` ADD `last_viewed_at` integer;--> statement-breakpoint
ALTER TABLE `contracts` ADD `view_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Backfill: each existing "viewed" row stands for one view; contracts count theirs.
UPDATE `contract_events` SET `view_count` = 1, `last_viewed_at` = `created_at` WHERE `event` = 'viewed';--> statement-breakpoint
UPDATE `contracts` SET
	`view_count` = (SELECT count(*) FROM `contract_events` e WHERE e.`contract_id` = `contracts`.`id` AND e.`event` = 'viewed'),
	`last_viewed_at` = (SELECT max(e.`created_at`) FROM `contract_events` e WHERE e.`contract_id` = `contracts`.`id` AND e.`event` = 'viewed')
WHERE `first_viewed_at` IS NOT NULL;
