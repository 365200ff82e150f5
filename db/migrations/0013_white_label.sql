ALTER TABLE `workspaces` ADD `email_reply_to` text;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `email_footer` text;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `hide_powered_by` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `custom_domain_status` text;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `custom_domain_provider_id` text;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `custom_domain_ssl_status` text;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `custom_domain_txt_name` text;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `custom_domain_txt_value` text;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `custom_domain_checked_at` integer;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `custom_domain_verified_at` integer;