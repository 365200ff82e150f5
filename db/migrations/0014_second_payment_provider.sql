CREATE TABLE `autopay_mandates` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`client_id` text NOT NULL,
	`recurring_invoice_id` text NOT NULL,
	`provider` text NOT NULL,
	`source_payment_id` text NOT NULL,
	`auth_label` text NOT NULL,
	`consent_text` text NOT NULL,
	`consented_at` integer NOT NULL,
	`consented_by_contact_id` text NOT NULL,
	`consent_ip` text,
	`revoked_at` integer,
	`revoked_by_contact_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `autopay_mandates_active_uq` ON `autopay_mandates` (`recurring_invoice_id`) WHERE revoked_at is null;--> statement-breakpoint
CREATE INDEX `autopay_mandates_client_idx` ON `autopay_mandates` (`client_id`);--> statement-breakpoint
ALTER TABLE `workspaces` ADD `stripe_secret_enc` text;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `stripe_secret_last4` text;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `stripe_webhook_secret_enc` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `reusable_auth_enc` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `reusable_auth_label` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `provider_customer` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `autopay_mandate_id` text;