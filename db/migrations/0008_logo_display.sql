ALTER TABLE `workspaces` ADD `logo_background` text DEFAULT 'auto' NOT NULL;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `logo_luminance` integer;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `logo_has_name` integer DEFAULT false NOT NULL;