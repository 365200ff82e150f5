ALTER TABLE `memberships` ADD `upload_client_visible` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `files` ADD `thread_id` text;--> statement-breakpoint
ALTER TABLE `files` ADD `message_id` text;--> statement-breakpoint
ALTER TABLE `files` ADD `staff_notified_at` integer;--> statement-breakpoint
CREATE INDEX `files_message_idx` ON `files` (`message_id`) WHERE message_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `files_pending_attachment_idx` ON `files` (`created_at`) WHERE thread_id IS NOT NULL AND message_id IS NULL;--> statement-breakpoint
CREATE INDEX `files_client_upload_unnotified_idx` ON `files` (`created_at`) WHERE uploaded_by_contact_id IS NOT NULL AND thread_id IS NULL AND staff_notified_at IS NULL;