CREATE TABLE `invoice_instalments` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`client_id` text NOT NULL,
	`invoice_id` text NOT NULL,
	`position` integer NOT NULL,
	`label` text NOT NULL,
	`percent_bp` integer,
	`amount_minor` integer NOT NULL,
	`cumulative_minor` integer NOT NULL,
	`due_date` text NOT NULL,
	`paid_at` integer,
	`last_reminded_at` integer,
	`reminder_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invoice_instalments_invoice_uq` ON `invoice_instalments` (`invoice_id`,`position`);--> statement-breakpoint
CREATE INDEX `invoice_instalments_unpaid_due_idx` ON `invoice_instalments` (`due_date`) WHERE paid_at is null;--> statement-breakpoint
CREATE TABLE `recurring_invoices` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`client_id` text NOT NULL,
	`project_id` text,
	`title` text NOT NULL,
	`currency` text DEFAULT 'USD' NOT NULL,
	`items_json` text NOT NULL,
	`discount_minor` integer DEFAULT 0 NOT NULL,
	`tax_bp` integer DEFAULT 0 NOT NULL,
	`tax_name` text,
	`subtotal_minor` integer DEFAULT 0 NOT NULL,
	`tax_minor` integer DEFAULT 0 NOT NULL,
	`total_minor` integer DEFAULT 0 NOT NULL,
	`notes` text,
	`frequency` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`max_count` integer,
	`due_days` integer DEFAULT 14 NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`next_period_index` integer DEFAULT 0 NOT NULL,
	`next_issue_on` text,
	`generated_count` integer DEFAULT 0 NOT NULL,
	`last_generated_at` integer,
	`paused_at` integer,
	`created_by_user_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `recurring_invoices_ws_client_idx` ON `recurring_invoices` (`workspace_id`,`client_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `recurring_invoices_due_idx` ON `recurring_invoices` (`next_issue_on`) WHERE status = 'active';--> statement-breakpoint
CREATE TABLE `tax_rates` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`rate_bp` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tax_rates_ws_name_uq` ON `tax_rates` (`workspace_id`,`name`);--> statement-breakpoint
ALTER TABLE `workspaces` ADD `business_address` text;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `tax_id` text;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `payment_instructions` text;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `default_hourly_rate_minor` integer;--> statement-breakpoint
ALTER TABLE `projects` ADD `hourly_rate_minor` integer;--> statement-breakpoint
ALTER TABLE `quote_items` ADD `optional` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `quote_items` ADD `selected` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `quotes` ADD `tax_name` text;--> statement-breakpoint
ALTER TABLE `quotes` ADD `attach_to_project_id` text;--> statement-breakpoint
ALTER TABLE `quotes` ADD `contract_template_id` text;--> statement-breakpoint
ALTER TABLE `quotes` ADD `contract_id` text;--> statement-breakpoint
ALTER TABLE `quotes` ADD `deposit_percent_bp` integer;--> statement-breakpoint
ALTER TABLE `quotes` ADD `deposit_fixed_minor` integer;--> statement-breakpoint
ALTER TABLE `quotes` ADD `balance_due_days` integer;--> statement-breakpoint
ALTER TABLE `quotes` ADD `accepted_deposit_minor` integer;--> statement-breakpoint
ALTER TABLE `quotes` ADD `invoice_id` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `tax_name` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `quote_id` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `recurring_invoice_id` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `period_start` text;--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_recurring_period_uq` ON `invoices` (`recurring_invoice_id`,`period_start`);--> statement-breakpoint
ALTER TABLE `payments` ADD `instalment_id` text;