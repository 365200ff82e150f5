ALTER TABLE `workspaces` ADD `stripe_secret_enc` text;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `stripe_secret_last4` text;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `stripe_webhook_secret_enc` text;